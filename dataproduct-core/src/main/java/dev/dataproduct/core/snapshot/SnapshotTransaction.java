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
     * Starts the rows of a dataset written incrementally: appended to, or upserted into, the
     * dataset of the snapshot current when this one commits.
     *
     * @param name the dataset name
     * @param schema its Arrow schema, the same as the previous snapshot's
     * @param mode how the rows change the previous snapshot's
     * @return a writer for its batches, owned by the transaction
     * @throws UnsupportedOperationException if the store keeps whole snapshots only (the default,
     *     so that stores written before incremental runs still compile)
     */
    default ArrowIpcWriter dataset(String name, Schema schema, WriteMode mode) {
        if (mode instanceof WriteMode.Replace r && r.keyColumns().isEmpty()) {
            return dataset(name, schema);
        }
        throw new UnsupportedOperationException(getClass().getName() + " keeps whole snapshots only: it cannot "
                + "write dataset '" + name + "' as " + mode.operation());
    }

    /**
     * Deletes a key from an upserted dataset: the key is absent from the snapshot this transaction
     * commits, whether the previous snapshot or this run has it.
     *
     * @param name a dataset started with {@link WriteMode#upsert}
     * @param key the key's values, in key order
     * @throws IllegalStateException if the dataset is not upserted (an append-only dataset refuses
     *     deletes); by default, always
     */
    default void delete(String name, java.util.List<?> key) {
        throw new IllegalStateException(getClass().getName() + " cannot delete keys of dataset '" + name
                + "': it keeps whole snapshots only");
    }

    /**
     * Finds the rows of a batch whose primary key the snapshot current now already has, from the
     * key indexes of its files (8 bytes a row, read once per transaction), never from its rows; a
     * file written without an index is read for its keys once. Keys are compared by their 64-bit
     * hash, as an upsert compares them.
     *
     * @param name a dataset started with {@link WriteMode#append(String...)} with key columns
     * @param rows a batch with the key columns
     * @return the positions of the rows whose key is present; empty if there is no current snapshot
     *     or it has no such dataset, and by default (stores written before incremental runs)
     * @throws IllegalStateException if the dataset is not appended with a key
     */
    default java.util.BitSet presentKeys(String name, org.apache.arrow.vector.VectorSchemaRoot rows) {
        return new java.util.BitSet();
    }

    /**
     * Keeps a small named file with the snapshot, beside its manifest: state a later run builds on
     * (the runtime keeps the quality state of each dataset there, so that an append judges the whole
     * new snapshot without reading old data). It is written with the snapshot, becomes visible with
     * it and is removed with it; read it back with {@link SnapshotStore#attachment}.
     *
     * @param name letters, digits, {@code .}, {@code _} or {@code -}
     * @param content the bytes
     * @return whether the store keeps it; by default it does not (stores written before attachments
     *     existed), and a reader then finds none
     * @throws IllegalArgumentException if the name has other characters
     */
    default boolean attach(String name, byte[] content) {
        return false;
    }

    /**
     * Starts the quarantined rows of a dataset or input.
     *
     * @param name the dataset or input name
     * @param schema the Arrow schema of the quarantine records
     * @return a writer for its batches, owned by the transaction
     */
    ArrowIpcWriter quarantine(String name, Schema schema);

    /**
     * Records in the manifest of the snapshot about to be committed where the run's read of each
     * input with positions ended ({@link SnapshotManifest#inputPositions()}). Call before
     * {@link #commit}.
     *
     * @param positions positions by input name; empty records nothing
     * @throws UnsupportedOperationException if {@code positions} is not empty and the store cannot
     *     record them
     */
    default void inputPositions(java.util.Map<String, java.util.Map<String, String>> positions) {
        if (!positions.isEmpty()) {
            throw new UnsupportedOperationException(getClass().getName() + " cannot record where a run's read of its "
                    + "inputs ended; implement inputPositions(positions) in the store");
        }
    }

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

    /**
     * Writes the snapshot durably as <em>staged</em>: readable by id for an audit, listed with its
     * state, but not current; {@link SnapshotStore#publish} makes it current, {@link
     * SnapshotStore#discard} removes it, and retention removes it if it is never published.
     *
     * @param productVersion the version of the product that produced it
     * @param committedAt the time it was staged
     * @return the manifest of the staged snapshot
     * @throws UnsupportedOperationException if the store has no staged snapshots (the default)
     */
    default SnapshotManifest stage(String productVersion, Instant committedAt) {
        throw new UnsupportedOperationException(getClass().getName() + " has no staged snapshots");
    }

    /** Abandons the snapshot unless it was committed. */
    @Override
    void close();
}
