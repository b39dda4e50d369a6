package dev.dataproduct.core.snapshot;

import dev.dataproduct.core.io.ArrowIpcWriter;
import java.time.Instant;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A snapshot being written. Nothing written here is visible until {@link #commit}; closing an
 * uncommitted transaction removes what it wrote.
 */
public interface SnapshotTransaction extends AutoCloseable {

    /**
     * Starts the published rows of a dataset.
     *
     * @param name the dataset name
     * @param schema its Arrow schema
     * @return a writer for its batches, owned by the transaction
     */
    ArrowIpcWriter dataset(String name, Schema schema);

    /**
     * Starts the quarantined rows of a dataset or input.
     *
     * @param name the dataset or input name
     * @param schema the Arrow schema of the quarantine records
     * @return a writer for its batches, owned by the transaction
     */
    ArrowIpcWriter quarantine(String name, Schema schema);

    /**
     * Makes the snapshot durable and current, atomically.
     *
     * @param productVersion the version of the product that produced it
     * @param committedAt the commit time
     * @return the manifest of the committed snapshot
     * @throws dev.dataproduct.api.error.PortException if it cannot be committed; the previous
     *     snapshot stays current
     */
    SnapshotManifest commit(String productVersion, Instant committedAt);

    /**
     * Makes the snapshot durable and current, atomically, recording the snapshots of other
     * products it was built from in its manifest.
     *
     * @param productVersion the version of the product that produced it
     * @param committedAt the commit time
     * @param upstream the snapshots of other products the run read; empty for none
     * @return the manifest of the committed snapshot, with {@code upstream} as its
     *     {@link SnapshotManifest#upstreamSnapshots()}
     * @throws dev.dataproduct.api.error.PortException if it cannot be committed
     * @throws UnsupportedOperationException if {@code upstream} is not empty and the store cannot
     *     record it (the default, for stores written before product inputs existed)
     */
    default SnapshotManifest commit(String productVersion, Instant committedAt, java.util.List<UpstreamSnapshot> upstream) {
        if (!upstream.isEmpty()) {
            throw new UnsupportedOperationException(getClass().getName() + " cannot record the upstream snapshots a "
                    + "run read; implement commit(productVersion, committedAt, upstream) in the store");
        }
        return commit(productVersion, committedAt);
    }

    /** Abandons the snapshot unless it was committed. */
    @Override
    void close();
}
