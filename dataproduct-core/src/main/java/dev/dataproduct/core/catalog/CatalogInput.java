package dev.dataproduct.core.catalog;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.descriptor.PortEntry;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.port.Upstream;
import dev.dataproduct.api.product.SemanticVersion;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A product input that refers to a catalogued product by SDK address or document id, whether
 * that product was built with the SDK or elsewhere. The reference is resolved through the catalog
 * when the input is declared, and the product's descriptor records it: the input port names the
 * contract read and its version (ODPS {@code inputPorts[].contractId} and {@code version}).
 *
 * <p>The contract read is that of the referenced product's output port (the one named, or any),
 * in its newest version where the port is listed in several; a product whose output ports name no
 * contract is recorded by its own id and version.
 *
 * <p>Reading the referenced product's data is not supported yet: {@link #open} fails with a
 * {@link PortException}. This input declares and records the dependency only.
 *
 * <pre>{@code
 * DataProduct report = DataProduct.builder("store-report")
 *     .input(CatalogInput.of("footfall", catalog, "8b1f3c0e-1111-4c2a-9d7e-000000000009"))
 *     ...
 * }</pre>
 */
public final class CatalogInput implements InputPort {
    private final PortDescriptor descriptor;
    private final Upstream upstream;

    private CatalogInput(PortDescriptor descriptor, Upstream upstream) {
        this.descriptor = descriptor;
        this.upstream = upstream;
    }

    /**
     * @param name the input's name within the consuming product
     * @param catalog the catalog to resolve the reference in
     * @param reference the referenced product's SDK address or document id
     * @return the input, reading any output port of the product
     * @throws InvalidDefinitionException if the catalog holds no such product
     */
    public static CatalogInput of(String name, Catalog catalog, String reference) {
        return resolve(name, catalog, reference, Optional.empty());
    }

    /**
     * @param name the input's name within the consuming product
     * @param catalog the catalog to resolve the reference in
     * @param reference the referenced product's SDK address or document id
     * @param outputPort the name of the referenced product's output port read
     * @return the input
     * @throws InvalidDefinitionException if the catalog holds no such product, or it has no such output port
     */
    public static CatalogInput of(String name, Catalog catalog, String reference, String outputPort) {
        return resolve(name, catalog, reference, Optional.of(Objects.requireNonNull(outputPort, "outputPort")));
    }

    private static CatalogInput resolve(String name, Catalog catalog, String reference, Optional<String> port) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(reference, "reference");
        String subject = "input '" + name + "'";
        CatalogEntry entry = catalog.resolve(reference).orElseThrow(() -> new InvalidDefinitionException(subject,
                List.of("refers to '" + reference + "', which is no address or id of a catalogued product: register "
                        + "the product or its ODPS document in the catalog first")));
        List<PortEntry> outputs = entry.descriptor().outputPorts().stream()
                .filter(p -> port.map(p.name()::equals).orElse(true)).toList();
        if (port.isPresent() && outputs.isEmpty()) {
            throw new InvalidDefinitionException(subject, List.of("product '" + entry.id() + "' has no output port '"
                    + port.get() + "'; it has " + entry.descriptor().outputPorts().stream().map(PortEntry::name)
                    .distinct().toList()));
        }
        Optional<PortEntry> newest = outputs.stream().filter(p -> !p.contractId().isEmpty())
                .max(Comparator.comparing(PortEntry::version, CatalogInput::compareVersions));
        Upstream upstream = newest
                .map(p -> new Upstream(entry.id(), p.contractId(), p.version()))
                .orElseGet(() -> new Upstream(entry.id(), entry.id(), entry.descriptor().version()));
        return new CatalogInput(new PortDescriptor(name, "product", "arrow", entry.address()), upstream);
    }

    /** Semantic versions by precedence; anything else after them, by text. */
    private static int compareVersions(String a, String b) {
        Optional<SemanticVersion> x = semantic(a);
        Optional<SemanticVersion> y = semantic(b);
        if (x.isPresent() && y.isPresent()) {
            return x.get().compareTo(y.get());
        }
        return x.isPresent() ? 1 : y.isPresent() ? -1 : a.compareTo(b);
    }

    private static Optional<SemanticVersion> semantic(String text) {
        try {
            return Optional.of(SemanticVersion.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public PortDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Optional<Upstream> upstream() {
        return Optional.of(upstream);
    }

    /**
     * Not supported yet: reading another product's data belongs to product composition.
     *
     * @throws PortException always, naming the product the input refers to
     */
    @Override
    public Dataset open(InputContext context) {
        throw new PortException("input '" + descriptor.name() + "' refers to product '" + upstream.productId()
                + "' (" + descriptor.location() + "), but reading another product's data is not supported yet: "
                + "the input is declared and recorded in the descriptor only; read the data through a port of "
                + "that product (files, SQL, REST) meanwhile");
    }
}
