package dev.dataproduct.core.compose;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.snapshot.SnapshotStore;
import java.util.Objects;

/**
 * A product another product may read through a {@link dev.dataproduct.api.product.ProductInput}:
 * its definition (contract, policies, service levels, tiers), the read path its consumers read it
 * through, and the store that read path reads from.
 *
 * @param product the product's definition
 * @param reader its read path
 * @param store the store its reader reads snapshots from
 */
public record UpstreamProduct(DataProduct product, ProductReader reader, SnapshotStore store) {
    /** Validates the components. */
    public UpstreamProduct {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(store, "store");
    }
}
