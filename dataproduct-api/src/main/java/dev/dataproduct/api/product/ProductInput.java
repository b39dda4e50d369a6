package dev.dataproduct.api.product;

import dev.dataproduct.api.contract.ConsumerExpectations;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.port.Upstream;
import java.util.Objects;
import java.util.Optional;

/**
 * An input that is another data product: one dataset of it, read through the upstream's read
 * path as the consuming product's own {@linkplain DataProduct#principal() principal}, so that the
 * upstream's access policy applies to the consuming product as to any other consumer. A run reads
 * one snapshot of the upstream (its current one, or the one {@linkplain #pinned(String) pinned})
 * and records which in its own snapshot manifest.
 *
 * <pre>{@code
 * DataProduct clv = DataProduct.builder("customer-value")
 *     .input(ProductInput.of("urn:dataproduct:retail:historical-purchases", 1)
 *         .dataset("purchases")
 *         .expecting(ConsumerExpectations.of("customer-value", "purchases")
 *             .field("customer_id", LogicalType.STRING, true).build()))
 *     ...
 * }</pre>
 *
 * <p>The runtime opens a product input itself, with the products given to the run (a product
 * host or mesh gives it the products it holds); {@link #open(InputContext)} alone cannot read
 * another product and fails.
 *
 * @param product the address of the product read, with its major version
 * @param dataset the dataset of that product read
 * @param name the input's name, which transforms read it by; the dataset's name by default
 * @param snapshot the id of the upstream snapshot to read; empty reads the upstream's current one
 * @param expectations what the consuming product relies on in the upstream's contract, checked
 *     when a mesh is built and before each run; empty if nothing is declared
 */
public record ProductInput(ProductAddress product, String dataset, String name, Optional<String> snapshot,
                           Optional<ConsumerExpectations> expectations) implements InputPort {
    /** The {@link PortDescriptor#kind() kind} of every product input. */
    public static final String KIND = "product";

    /** Validates the components: dataset and name must not be blank. */
    public ProductInput {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(expectations, "expectations");
        if (dataset.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("a product input of " + product.urn() + " needs a dataset: call "
                    + "dataset(\"...\")");
        }
        if (snapshot.isPresent() && snapshot.get().isBlank()) {
            throw new IllegalArgumentException("a pinned snapshot id must not be blank");
        }
    }

    /**
     * Starts an input of another product by its address without version and its major version.
     * Name the dataset read with {@link Builder#dataset(String)}.
     *
     * @param product the product, such as {@code urn:dataproduct:retail:historical-purchases}
     * @param majorVersion the major version read
     * @return a builder
     * @throws IllegalArgumentException if the text is not an address {@code urn:dataproduct:<domain>:<name>}
     */
    public static Builder of(String product, int majorVersion) {
        Objects.requireNonNull(product, "product");
        return new Builder(ProductAddress.parse(product + ":v" + majorVersion));
    }

    /**
     * @param product the address of the product read, with its major version
     * @return a builder
     */
    public static Builder of(ProductAddress product) {
        return new Builder(Objects.requireNonNull(product, "product"));
    }

    /**
     * @param snapshotId the id of the upstream snapshot every run reads, for a reproducible rerun
     * @return this input reading that snapshot
     */
    public ProductInput pinned(String snapshotId) {
        return new ProductInput(product, dataset, name, Optional.of(snapshotId), expectations);
    }

    /**
     * @param value what the consuming product relies on; its object must be the dataset read
     * @return this input with those expectations
     */
    public ProductInput expecting(ConsumerExpectations value) {
        Objects.requireNonNull(value, "expectations");
        if (!value.object().equals(dataset)) {
            throw new IllegalArgumentException("the expectations are on object '" + value.object()
                    + "' but the input reads dataset '" + dataset + "' of " + product.urn());
        }
        return new ProductInput(product, dataset, name, snapshot, Optional.of(value));
    }

    /**
     * @param value the input's name, for a product reading two datasets of one upstream
     * @return this input under that name
     */
    public ProductInput named(String value) {
        return new ProductInput(product, dataset, value, snapshot, expectations);
    }

    @Override
    public PortDescriptor descriptor() {
        return new PortDescriptor(name, KIND, "arrow", product.dataset(dataset));
    }

    /** @return the upstream product, its generated contract's id and the major version read */
    @Override
    public Optional<Upstream> upstream() {
        return Optional.of(new Upstream(product.urn(), DataProduct.contractId(product.domain(), product.name()),
                String.valueOf(product.major())));
    }

    /**
     * A product input is opened by the runtime, through the upstream's read path.
     *
     * @throws PortException always: the input needs the products of a host, a mesh or a run
     */
    @Override
    public Dataset open(InputContext context) {
        throw new PortException("input '" + name + "' reads " + product.urn() + " through its read path, which only "
                + "the runtime can open: run the product in a ProductHost or Mesh, or with "
                + "ProductRuntime.run(product, upstreams)");
    }

    /** Starts a {@link ProductInput}: the dataset comes next. */
    public static final class Builder {
        private final ProductAddress product;

        private Builder(ProductAddress product) {
            this.product = product;
        }

        /**
         * @param name the dataset of the upstream read; also the input's name
         * @return the input, reading the upstream's current snapshot
         */
        public ProductInput dataset(String name) {
            return new ProductInput(product, name, name, Optional.empty(), Optional.empty());
        }
    }
}
