package dev.dataproduct.core.quality;

/**
 * Which rows the metrics of a {@link QualityReport} describe. A run that writes a whole snapshot
 * judges all its rows; an incremental run judges the new snapshot only where its metric states can
 * be built from the previous snapshot's saved state and the run's rows.
 */
public enum QualityScope {
    /** Every row of the dataset was read: a replace run, a first run, or a plain evaluation. */
    WHOLE_SNAPSHOT("whole snapshot"),
    /**
     * The whole new snapshot, from the previous snapshot's saved state merged with the state of the
     * run's rows (an append), without reading the old rows.
     */
    WHOLE_SNAPSHOT_MERGED("whole snapshot (merged)"),
    /**
     * The whole new snapshot, the previous snapshot's rows read again because it had no saved state
     * this plan can merge (written before states were saved, by an upsert, or with other checks).
     */
    RECOMPUTED("recomputed over the snapshot"),
    /**
     * The rows of the run only: an upsert replaces and deletes rows of the previous snapshot, which
     * no saved state can take back out (a minimum, a duplicate count, a distinct count), so its
     * checks judge the rows it writes.
     */
    INCREMENT_ONLY("increment only");

    private final String label;

    QualityScope(String label) {
        this.label = label;
    }

    /** @return how a report names the scope, e.g. {@code whole snapshot (merged)} */
    public String label() {
        return label;
    }
}
