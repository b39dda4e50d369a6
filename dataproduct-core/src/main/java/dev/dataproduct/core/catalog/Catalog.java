package dev.dataproduct.core.catalog;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.odps.OdpsCodec;
import dev.dataproduct.core.odps.OdpsDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The products a mesh knows, whether defined in Java with the SDK or described only by an ODPS
 * document another tool wrote: found by SDK address, by document id, by domain and name, listed,
 * and searched by domain or tag. A product input can refer to a catalogued product by address or
 * id ({@link CatalogInput}).
 *
 * <p>Each product is held once per document id: registering a document with an id already held
 * replaces the entry (a newer version of the same product). Two different ids may not share one
 * SDK address. Safe for concurrent use.
 *
 * <pre>{@code
 * Catalog catalog = new Catalog();
 * catalog.register(purchases);                                   // defined in Java
 * catalog.register(OdpsCodec.readYaml(yaml, contracts::find));   // written by another tool
 * catalog.resolve("5d0c6a52-9a57-4b0e-8f35-2f2b7c1de0aa");       // by id or by address
 * }</pre>
 */
public final class Catalog {
    private final Map<String, CatalogEntry> byId = new LinkedHashMap<>();

    /** Creates an empty catalog. */
    public Catalog() {
    }

    /**
     * Registers a product defined with the SDK, described by the ODPS document the SDK writes for it.
     *
     * @param product a built product
     * @return its entry
     * @throws IllegalArgumentException if another product already holds its address
     */
    public CatalogEntry register(DataProduct product) {
        return put(new CatalogEntry(OdpsCodec.document(product), CatalogEntry.Origin.SDK));
    }

    /**
     * Registers a product known only from its ODPS document.
     *
     * @param document a document read with {@link OdpsCodec}
     * @return its entry
     * @throws IllegalArgumentException if a product with another id already holds the address derived for it
     */
    public CatalogEntry register(OdpsDocument document) {
        return put(new CatalogEntry(document, CatalogEntry.Origin.ODPS_DOCUMENT));
    }

    private synchronized CatalogEntry put(CatalogEntry entry) {
        for (CatalogEntry held : byId.values()) {
            if (held.address().equals(entry.address()) && !held.id().equals(entry.id())) {
                throw new IllegalArgumentException("product '" + entry.id() + "' has the address " + entry.address()
                        + ", which product '" + held.id() + "' already holds: give one of them another domain, name "
                        + "or major version");
            }
        }
        byId.put(entry.id(), entry);
        return entry;
    }

    /**
     * @param id the id of a product's ODPS document
     * @return the product with that id
     */
    public synchronized Optional<CatalogEntry> byId(String id) {
        return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
    }

    /**
     * @param address a product's SDK address, such as {@code urn:dataproduct:retail:purchases:v1}
     * @return the product at that address
     */
    public synchronized Optional<CatalogEntry> byAddress(String address) {
        Objects.requireNonNull(address, "address");
        return byId.values().stream().filter(e -> e.address().equals(address)).findFirst();
    }

    /**
     * @param addressOrId a product's SDK address or the id of its document
     * @return the product it names, by id first
     */
    public synchronized Optional<CatalogEntry> resolve(String addressOrId) {
        return byId(addressOrId).or(() -> byAddress(addressOrId));
    }

    /**
     * @param domain a domain, as the product's document names it
     * @param name a product name, as the product's document names it
     * @return the products of that domain and name, one per major version, in registration order
     */
    public synchronized List<CatalogEntry> byName(String domain, String name) {
        return select(e -> e.descriptor().domain().equals(domain) && e.descriptor().name().equals(name));
    }

    /**
     * @param domain a domain
     * @return its products, in registration order
     */
    public synchronized List<CatalogEntry> byDomain(String domain) {
        return select(e -> e.descriptor().domain().equals(domain));
    }

    /**
     * @param tag a tag
     * @return the products with that tag, in registration order
     */
    public synchronized List<CatalogEntry> byTag(String tag) {
        return select(e -> e.descriptor().tags().contains(tag));
    }

    /** @return every product, in registration order */
    public synchronized List<CatalogEntry> entries() {
        return List.copyOf(byId.values());
    }

    private List<CatalogEntry> select(java.util.function.Predicate<CatalogEntry> test) {
        List<CatalogEntry> out = new ArrayList<>();
        for (CatalogEntry e : byId.values()) {
            if (test.test(e)) {
                out.add(e);
            }
        }
        return List.copyOf(out);
    }
}
