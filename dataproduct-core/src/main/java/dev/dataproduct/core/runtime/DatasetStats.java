package dev.dataproduct.core.runtime;

/**
 * What happened to the rows of one output dataset in a run.
 *
 * @param name the dataset name
 * @param rowsIn rows the transform emitted into the contract gate
 * @param published rows that passed the gate and were committed
 * @param quarantined rows the gate rejected, kept in the quarantine with their reasons
 * @param duplicates for a dataset of events ({@code UpdateMode.events}), events whose id the product
 *     or the run already had: dropped, since an event is immutable and was published once; 0 otherwise
 */
public record DatasetStats(String name, long rowsIn, long published, long quarantined, long duplicates) {
    /** Checks that no row is unaccounted for. */
    public DatasetStats {
        java.util.Objects.requireNonNull(name, "name");
        if (rowsIn != published + quarantined + duplicates) {
            throw new IllegalStateException("dataset '" + name + "': " + rowsIn + " rows in but " + published
                    + " published, " + quarantined + " quarantined and " + duplicates + " duplicates dropped");
        }
    }

    /**
     * Stats of a dataset that drops no duplicates.
     *
     * @param name the dataset name
     * @param rowsIn rows into the gate
     * @param published rows committed
     * @param quarantined rows quarantined
     */
    public DatasetStats(String name, long rowsIn, long published, long quarantined) {
        this(name, rowsIn, published, quarantined, 0);
    }
}
