package dev.dataproduct.core.runtime;

/**
 * What happened to the rows of one output dataset in a run.
 *
 * @param name the dataset name
 * @param rowsIn rows the transform emitted into the contract gate
 * @param published rows that passed the gate and were committed
 * @param quarantined rows the gate rejected, kept in the quarantine with their reasons
 * @param joins what each join of a composite transform did with its sides' rows (orphans, matches,
 *     rows of duplicated keys quarantined), in the composite's order; empty for other transforms
 * @param duplicates for a dataset of events ({@code UpdateMode.events}), events whose id the product
 *     or the run already had: dropped, since an event is immutable and was published once; 0 otherwise
 */
public record DatasetStats(String name, long rowsIn, long published, long quarantined,
                           java.util.List<dev.dataproduct.api.join.JoinReport> joins, long duplicates) {
    /** Checks that no row is unaccounted for. */
    public DatasetStats {
        java.util.Objects.requireNonNull(name, "name");
        joins = java.util.List.copyOf(joins);
        if (rowsIn != published + quarantined + duplicates) {
            throw new IllegalStateException("dataset '" + name + "': " + rowsIn + " rows in but " + published
                    + " published, " + quarantined + " quarantined and " + duplicates + " duplicates dropped");
        }
    }

    /**
     * Stats of a dataset that drops no duplicate events.
     *
     * @param name the dataset name
     * @param rowsIn rows the transform emitted into the contract gate
     * @param published rows committed
     * @param quarantined rows quarantined
     * @param joins what each join did
     */
    public DatasetStats(String name, long rowsIn, long published, long quarantined,
                        java.util.List<dev.dataproduct.api.join.JoinReport> joins) {
        this(name, rowsIn, published, quarantined, joins, 0);
    }

    /**
     * Stats of a dataset built without joins.
     *
     * @param name the dataset name
     * @param rowsIn rows the transform emitted into the contract gate
     * @param published rows committed
     * @param quarantined rows quarantined
     */
    public DatasetStats(String name, long rowsIn, long published, long quarantined) {
        this(name, rowsIn, published, quarantined, java.util.List.of(), 0);
    }
}
