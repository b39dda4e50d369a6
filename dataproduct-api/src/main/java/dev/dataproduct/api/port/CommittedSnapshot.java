package dev.dataproduct.api.port;

import dev.dataproduct.api.data.Dataset;
import java.util.Optional;
import java.util.Set;

/**
 * A committed snapshot as a delivery port sees it: its facts and the datasets its audience may
 * read, each read through the product's access policy as the port's
 * {@link OutputPort#audience() audience}.
 */
public interface CommittedSnapshot {

    /**
     * @return the snapshot's facts; for a delivery port the row and quarantine counts are empty,
     *     since the snapshot's counts would tell how many rows a row filter hides: count what you
     *     write
     */
    SnapshotInfo info();

    /** @return the names of the datasets the audience may read, in the product's order */
    Set<String> datasetNames();

    /**
     * @param name a dataset name
     * @return the rows and columns of that dataset the audience may read, with masked values;
     *     its schema has the visible columns only, masked ones nullable
     * @throws IllegalArgumentException if the snapshot has no such dataset for the audience
     */
    Dataset dataset(String name);

    /**
     * How the snapshot changed a dataset relative to the snapshot before it, for a port that
     * delivers changes rather than whole snapshots (a stream). Present for a dataset written
     * incrementally (an append, an upsert or events) when the snapshot has a parent; empty for a
     * dataset each run replaces and for the first snapshot: deliver {@link #dataset} then.
     *
     * @param name a dataset name
     * @return its changes as the audience may read them, or empty to deliver the whole dataset
     * @throws IllegalArgumentException if the snapshot has no such dataset for the audience
     */
    default Optional<DatasetChanges> changes(String name) {
        dataset(name);
        return Optional.empty();
    }
}
