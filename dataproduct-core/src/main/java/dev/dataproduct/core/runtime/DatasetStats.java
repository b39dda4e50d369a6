package dev.dataproduct.core.runtime;

/**
 * What happened to the rows of one output dataset in a run.
 *
 * @param name the dataset name
 * @param rowsIn rows the transform emitted into the contract gate
 * @param published rows that passed the gate and were committed
 * @param quarantined rows the gate rejected, kept in the quarantine with their reasons
 */
public record DatasetStats(String name, long rowsIn, long published, long quarantined) {
    /** Checks that no row is unaccounted for. */
    public DatasetStats {
        java.util.Objects.requireNonNull(name, "name");
        if (rowsIn != published + quarantined) {
            throw new IllegalStateException("dataset '" + name + "': " + rowsIn + " rows in but " + published
                    + " published and " + quarantined + " quarantined");
        }
    }
}
