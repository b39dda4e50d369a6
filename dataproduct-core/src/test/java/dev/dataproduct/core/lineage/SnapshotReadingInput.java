package dev.dataproduct.core.lineage;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.SnapshotStore;
import java.util.Optional;

/**
 * A test input that reads a dataset of another product's current snapshot straight from the
 * store (the read path that products will read each other through is not there yet).
 */
class SnapshotReadingInput implements InputPort, SnapshotInput {
    private final String name;
    private final SnapshotStore store;
    private final ProductAddress product;
    private final String dataset;
    private String snapshot;

    SnapshotReadingInput(String name, SnapshotStore store, ProductAddress product, String dataset) {
        this.name = name;
        this.store = store;
        this.product = product;
        this.dataset = dataset;
    }

    @Override
    public PortDescriptor descriptor() {
        return new PortDescriptor(name, "product", "arrow", product.dataset(dataset));
    }

    @Override
    public Dataset open(InputContext context) {
        SnapshotManifest current = store.current(product).orElseThrow();
        snapshot = current.id();
        return store.open(current, context.allocator()).dataset(dataset);
    }

    @Override
    public ProductAddress readProduct() {
        return product;
    }

    @Override
    public String readDataset() {
        return dataset;
    }

    @Override
    public Optional<String> readSnapshot() {
        return Optional.ofNullable(snapshot);
    }
}
