package dev.dataproduct.testkit.driver;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.SnapshotInfo;
import dev.dataproduct.core.quality.CheckResult;
import dev.dataproduct.core.quality.QualityReport;
import dev.dataproduct.core.runtime.RunResult;
import java.util.List;
import java.util.Map;

/**
 * One run of a {@link ProductTestDriver}: its record and the data it committed, read back from the
 * committed snapshot: every published row (not a sample) and every quarantined row with its reasons.
 * Read it while its driver is open: the data lives in the driver's store and allocator.
 */
public final class TestRun {
    private final RunResult result;
    private final SnapshotReads reads;
    private final Map<String, java.util.Set<String>> classified;

    TestRun(RunResult result, SnapshotReads reads, Map<String, java.util.Set<String>> classified) {
        this.result = result;
        this.reads = reads;
        this.classified = Map.copyOf(classified);
    }

    /** @return whether a column of a dataset (or of {@code input.<name>}) holds classified values, kept out of messages */
    boolean isClassified(String source, String column) {
        return classified.getOrDefault(source, java.util.Set.of()).contains(column);
    }

    /** @return the runtime's record of the run */
    public RunResult result() {
        return result;
    }

    /** @return the snapshot the run committed */
    public SnapshotInfo snapshot() {
        return result.snapshot();
    }

    /** @return rows that reached the gate plus rows the inputs could not read */
    public long rowsIn() {
        return result.rowsIn();
    }

    /** @return rows published, over all datasets */
    public long published() {
        return result.published();
    }

    /** @return rows quarantined, by the inputs or the gates */
    public long quarantined() {
        return result.quarantined();
    }

    /**
     * @param dataset an output dataset
     * @return its published rows, by column in column order, values in the SDK's value model
     * @throws IllegalArgumentException if the snapshot has no such dataset
     */
    public List<Map<String, Object>> rows(String dataset) {
        return reads.rows(dataset);
    }

    /**
     * @return the published rows of the product's only dataset
     * @throws IllegalStateException if the product has several datasets
     */
    public List<Map<String, Object>> rows() {
        return rows(onlyDataset());
    }

    /**
     * @param dataset an output dataset
     * @return its published rows as Arrow batches; close each cursor, the driver checks for leaks
     */
    public Dataset arrow(String dataset) {
        return reads.dataset(dataset);
    }

    /** @return every quarantined row, those the inputs could not read first */
    public List<QuarantinedRow> quarantinedRows() {
        return reads.quarantined();
    }

    /** @return the quality report of each dataset with checks */
    public List<QualityReport> quality() {
        return result.quality();
    }

    /**
     * @param name a check's name, as given with {@code named(...)} or derived from its metric
     * @return its result
     * @throws IllegalArgumentException if no check has that name; the message lists them
     */
    public CheckResult check(String name) {
        return result.check(name);
    }

    String onlyDataset() {
        List<String> names = reads.datasetNames();
        if (names.size() != 1) {
            throw new IllegalStateException("the product publishes " + names + "; name the dataset");
        }
        return names.get(0);
    }

    @Override
    public String toString() {
        return result.summary();
    }
}
