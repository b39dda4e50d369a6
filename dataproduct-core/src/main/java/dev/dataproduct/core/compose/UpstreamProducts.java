package dev.dataproduct.core.compose;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.snapshot.SnapshotStore;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The products a run may read through its product inputs, by address. A
 * {@link dev.dataproduct.core.host.ProductHost} gives a run the products it holds.
 *
 * {@snippet :
 * UpstreamProducts upstreams = UpstreamProducts.readers(runtime.store(), allocator, List.of(purchases));
 * runtime.run(customerValue, upstreams);
 * }
 */
public final class UpstreamProducts {
    private static final UpstreamProducts NONE = new UpstreamProducts(List.of());

    private final Map<ProductAddress, UpstreamProduct> byAddress = new LinkedHashMap<>();

    private UpstreamProducts(Collection<UpstreamProduct> products) {
        products.forEach(p -> byAddress.put(p.product().address(), p));
    }

    /** @return no products: a run given these refuses every product input */
    public static UpstreamProducts none() {
        return NONE;
    }

    /**
     * @param products products with their read paths
     * @return those products by address
     */
    public static UpstreamProducts of(Collection<UpstreamProduct> products) {
        return new UpstreamProducts(List.copyOf(products));
    }

    /**
     * Products read from one store, each through a read path built from its definition (its
     * datasets and policies), with nothing audited.
     *
     * @param store where the products' snapshots are
     * @param allocator where the batches read come from; the caller keeps and closes it
     * @param products the products
     * @return those products by address
     */
    public static UpstreamProducts readers(SnapshotStore store, BufferAllocator allocator,
                                           Collection<DataProduct> products) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(allocator, "allocator");
        return of(products.stream().map(p -> new UpstreamProduct(p, ProductReader.builder(store, p)
                .allocator(allocator).build(), store)).toList());
    }

    /**
     * @param address a product address, with its major version
     * @return the product at that address, if given
     */
    public Optional<UpstreamProduct> find(ProductAddress address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    /** @return the addresses of the products given, in the order given */
    public List<ProductAddress> addresses() {
        return List.copyOf(byAddress.keySet());
    }
}
