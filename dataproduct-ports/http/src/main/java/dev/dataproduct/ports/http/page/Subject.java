package dev.dataproduct.ports.http.page;

import dev.dataproduct.api.descriptor.ProductDescriptor;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A product as a page shows it: always its descriptor; for a product this process holds, also its
 * definition, its read path, its snapshots and its latest run. A product known only from an ODPS
 * document has the descriptor alone.
 *
 * @param descriptor the product's self-description
 * @param product its definition, if held here
 * @param reader its read path, if held here
 * @param snapshots its committed snapshots, oldest first
 * @param latestRun its latest run in this process, if any
 * @param serving the serving ports it is reached through (REST, SQL, Flight SQL), with their locations
 */
record Subject(ProductDescriptor descriptor, Optional<DataProduct> product, Optional<ProductReader> reader,
               List<SnapshotManifest> snapshots, Optional<RunResult> latestRun, List<PortDescriptor> serving) {
    Subject {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(reader, "reader");
        snapshots = List.copyOf(snapshots);
        Objects.requireNonNull(latestRun, "latestRun");
        serving = List.copyOf(serving);
    }

    /** A product known only by its descriptor. */
    static Subject described(ProductDescriptor descriptor) {
        return new Subject(descriptor, Optional.empty(), Optional.empty(), List.of(), Optional.empty(), List.of());
    }

    String address() {
        return descriptor.address();
    }
}
