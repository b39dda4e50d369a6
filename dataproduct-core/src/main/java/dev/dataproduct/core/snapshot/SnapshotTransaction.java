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

    /** Abandons the snapshot unless it was committed. */
    @Override
    void close();
}
