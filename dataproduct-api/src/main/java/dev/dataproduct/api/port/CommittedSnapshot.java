package dev.dataproduct.api.port;

import dev.dataproduct.api.data.Dataset;
import java.util.Set;

/** A committed snapshot as an output port sees it: its facts and its datasets. */
public interface CommittedSnapshot {

    /** @return the snapshot's facts */
    SnapshotInfo info();

    /** @return the names of the published datasets */
    Set<String> datasetNames();

    /**
     * @param name a dataset name
     * @return the published rows of that dataset
     * @throws IllegalArgumentException if the snapshot has no such dataset
     */
    Dataset dataset(String name);
}
