package dev.dataproduct.core.host;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One product held by a {@link ProductHost}: its definition, its read path and its latest run.
 */
public final class HostedProduct {
    private final DataProduct product;
    private final ProductReader reader;
    private final ProductHost host;
    private final AtomicReference<RunResult> latestRun = new AtomicReference<>();

    HostedProduct(DataProduct product, ProductReader reader, ProductHost host) {
        this.product = Objects.requireNonNull(product, "product");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.host = host;
    }

    /** @return the product definition */
    public DataProduct product() {
        return product;
    }

    /** @return the product's permanent address */
    public ProductAddress address() {
        return product.address();
    }

    /** @return the one read path every port of this host reads the product through */
    public ProductReader reader() {
        return reader;
    }

    /**
     * @return the committed snapshots the product is read from, oldest first: its own, or for a
     *     restricted product those of its source
     */
    public List<SnapshotManifest> snapshots() {
        return host.store().history(reader.product());
    }

    /**
     * @param id a snapshot id
     * @return that snapshot, committed or staged (a staged one is read by id for its audit): the
     *     product's own, or for a restricted product its source's
     */
    public Optional<SnapshotManifest> snapshot(String id) {
        return host.store().find(reader.product(), id);
    }

    /** @return the result of the latest run made by the host, if it ran the product */
    public Optional<RunResult> latestRun() {
        return Optional.ofNullable(latestRun.get());
    }

    void ran(RunResult result) {
        latestRun.set(result);
    }

    @Override
    public String toString() {
        return "HostedProduct[" + address().urn() + "]";
    }
}
