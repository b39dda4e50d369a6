package dev.dataproduct.core.runtime;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.snapshot.SnapshotStore;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The start of one run, as {@link RunObserver}s see it.
 *
 * @param runId the run's unique id: a time-ordered UUID (version 7)
 * @param product the product run
 * @param startedAt when the run started, by the runtime's clock
 * @param store the store the run commits to, where observers find the product's snapshots
 */
public record RunStart(UUID runId, DataProduct product, Instant startedAt, SnapshotStore store) {
    /** Validates the components. */
    public RunStart {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(store, "store");
    }
}
