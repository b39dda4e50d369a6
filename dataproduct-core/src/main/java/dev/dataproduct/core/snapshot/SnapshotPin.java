package dev.dataproduct.core.snapshot;

/**
 * A hold on a committed snapshot: while it is open, the store keeps the snapshot whole and
 * readable, whatever commits after it, and retention passes it by. Close it when done reading;
 * closing twice does nothing.
 */
public interface SnapshotPin extends AutoCloseable {

    /** @return the snapshot held */
    SnapshotManifest manifest();

    /** Releases the hold. */
    @Override
    void close();
}
