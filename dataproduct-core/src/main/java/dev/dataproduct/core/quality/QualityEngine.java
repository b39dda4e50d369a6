package dev.dataproduct.core.quality;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.core.expr.Selection;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Computes the checks of a {@link QualityPlan} over Arrow batches in one pass and judges them.
 *
 * <pre>{@code
 * QualityPlan plan = QualityPlan.compile("purchases", schema, checks);
 * QualityReport report = QualityEngine.evaluate(plan, dataset, EvaluationContext.of(Clock.systemUTC()));
 * System.out.println(report.summary());
 * }</pre>
 *
 * <h2>What each metric means</h2>
 * <ul>
 *   <li><b>Counts</b> ({@link Metric#isCount()}) are raw numbers of rows; a {@link Check#percent()
 *       percent} check judges {@code 100 * count / rows} (0 when there are no rows), exactly: the
 *       counts as integers against each bound as the decimal it is written as.</li>
 *   <li>{@link Metric.RowCount}: the rows. {@link Metric.NullCount}: rows without a value.
 *       {@link Metric.Completeness}: rows with a value / rows, 0 to 1 (1.0 when there are no rows),
 *       judged exactly as percent checks are.</li>
 *   <li>{@link Metric.MissingCount}: nulls plus values whose text
 *       ({@link dev.dataproduct.api.schema.TextValues#format}) is one of the missing values.</li>
 *   <li>{@link Metric.InvalidCount}: non-null values failing any set part of the validity: allowed
 *       values compared as text (as numbers for integer and float columns, so {@code -0.0} is
 *       {@code 0.0}), the pattern matching the whole text (within a budget: a value on which it
 *       runs away fails, and the check is an {@link dev.dataproduct.api.quality.Outcome#ERROR}
 *       naming the pattern), min and max on the numeric value (numeric columns only, in
 *       {@link dev.dataproduct.core.expr.ValueOrder}), length in code points of the text.</li>
 *   <li>{@link Metric.DuplicateCount}: rows with a key that is not all null, minus the distinct such
 *       keys. Keys are kept as 64-bit hashes in a primitive open-addressing set: exact up to 64-bit
 *       hash collisions (about 3·10⁻⁶ expected for 10 million distinct keys), with memory
 *       proportional to the distinct keys (8 to 16 bytes each), not to the rows.</li>
 *   <li>{@link Metric.Stat} over the non-null values: MIN and MAX of numeric and temporal columns
 *       (dates as epoch days, timestamps as epoch microseconds whatever their unit, times as
 *       microseconds of the day, decimals converted to double in one correctly rounded step), MEAN,
 *       SUM, and STDDEV the sample standard deviation (n - 1; NaN for fewer than 2 values) of
 *       numeric columns, from a mergeable state: integer sums exact in 128 bits (the metric is the
 *       correctly rounded double of the exact sum), float sums compensated and scaled so that they
 *       stay finite when the exact sum is, M2 per batch around the batch's mean and batches combined
 *       with Chan's formula. A column without values gives NaN. Floats are ordered as
 *       {@link dev.dataproduct.core.expr.ValueOrder} says: NaN is the greatest value (MAX is NaN if
 *       any value is, MIN only if all are), {@code -0.0} equals {@code 0.0}; a NaN, or both
 *       infinities, make MEAN and SUM NaN, an infinity makes them infinite, and any of them make
 *       STDDEV NaN.</li>
 *   <li>{@link Metric.ApproxDistinct}: a DataSketches HyperLogLog sketch (lgK 12, HLL_8) of the
 *       non-null values, estimated from its registers (composite estimator, so a merged sketch
 *       gives exactly the estimate of the sequential one); relative standard error about 1.6%
 *       (1.04 / √4096), exact for small counts up to hash collisions.</li>
 *   <li>{@link Metric.Quantile}: a DataSketches KLL sketch (k = 200) of the non-null numeric values;
 *       the rank error is about 1.65% (99% confidence), NaN when there are no values. NaN values
 *       are counted beside the sketch and sort last, as in DuckDB's {@code quantile_cont}: a rank
 *       that falls among them gives NaN.</li>
 *   <li>{@link Metric.Freshness}: seconds from the newest value of a date or timestamp column to the
 *       context clock's now (a date counts as its midnight UTC, a timestamp without zone as UTC);
 *       NaN if the column has no value.</li>
 *   <li>{@link Metric.OrphanCount}: non-null values not found among the non-null values of the
 *       reference column, looked up in {@link EvaluationContext#references()} by dataset name
 *       (missing: {@link IllegalArgumentException} naming it). The state tallies the distinct
 *       referencing values; the reference column is read once per report into a hash set and
 *       compared by value for columns of the same type (any integer widths alike), else as text.
 *       Its failing row positions are the first row of each orphan value.</li>
 *   <li>{@link Metric.Violations}: rows where the predicate is not true (false or null), evaluated
 *       with {@link dev.dataproduct.core.expr.ExpressionEvaluator}.</li>
 *   <li>{@link Metric.SchemaMismatch}: expected fields missing from the plan's schema or there with
 *       another type.</li>
 *   <li>{@link Metric.Custom}: the user's {@link dev.dataproduct.api.quality.CustomMetric}, merged with
 *       its own merge.</li>
 * </ul>
 *
 * <h2>Anomaly checks</h2>
 * An anomaly check judges how its metric moved against {@link EvaluationContext#history()} (the
 * metric's raw earlier values, oldest first; {@code percent} does not apply): ABSOLUTE_CHANGE
 * {@code |v - last|}, RELATIVE_CHANGE {@code |v - last| / |last|}, DEVIATION
 * {@code |v - mean| / stddev} over the last {@code window} values (sample standard deviation; at
 * least 2 values). Without enough history the result is a PASS with value NaN and a message saying
 * so.
 *
 * <h2>Samples</h2>
 * For row-level metrics (and duplicate keys) a result carries the first 5 failing values, the 5 most
 * frequent failing values (Misra–Gries counters, capacity 64: bounded memory, counts are lower
 * bounds) and the first 10 failing row positions (0-based over the whole pass, across batches and
 * threads). Values of CONFIDENTIAL and RESTRICTED fields are shown as {@code <restricted>}.
 */
public final class QualityEngine {
    private QualityEngine() {
    }

    /**
     * Computes every check of the plan over the dataset in a single pass and reports.
     *
     * @param plan the plan
     * @param dataset the dataset, read once (its batches must have the columns the plan reads)
     * @param context the clock, reference datasets and history
     * @return the report
     * @throws IllegalArgumentException if a batch lacks a column the plan reads, or a reference
     *     dataset of an orphan check is missing from the context
     */
    public static QualityReport evaluate(QualityPlan plan, Dataset dataset, EvaluationContext context) {
        Objects.requireNonNull(dataset, "dataset");
        QualityState state = plan.newState();
        try (BatchCursor cursor = dataset.open()) {
            while (cursor.next()) {
                state.update(cursor.batch());
            }
        }
        return report(plan, state, context);
    }

    /**
     * Computes every check of the plan over batches held in memory, split into {@code threads}
     * contiguous runs of batches of about equal rows, each folded into its own state on its own
     * thread; the states are then merged in order, so row positions are those of a single pass.
     *
     * @param plan the plan
     * @param batches the batches, in order; only read
     * @param threads how many threads to use, at least 1 (no more than batches are used)
     * @param context the clock, reference datasets and history
     * @return the report
     * @throws IllegalArgumentException as {@link #evaluate(QualityPlan, Dataset, EvaluationContext)},
     *     or if {@code threads < 1}
     */
    public static QualityReport evaluate(QualityPlan plan, List<VectorSchemaRoot> batches, int threads,
                                         EvaluationContext context) {
        Objects.requireNonNull(batches, "batches");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        return report(plan, fold(plan, batches, threads), context);
    }

    static QualityState fold(QualityPlan plan, List<VectorSchemaRoot> batches, int threads) {
        int t = Math.max(1, Math.min(threads, batches.size()));
        if (t == 1) {
            QualityState state = plan.newState();
            batches.forEach(state::update);
            return state;
        }
        List<List<VectorSchemaRoot>> parts = split(batches, t);
        ExecutorService pool = Executors.newFixedThreadPool(parts.size(), r -> {
            Thread th = new Thread(r, "dataproduct-quality");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<QualityState>> futures = new ArrayList<>();
            for (List<VectorSchemaRoot> part : parts) {
                futures.add(pool.submit(() -> {
                    QualityState s = plan.newState();
                    part.forEach(s::update);
                    return s;
                }));
            }
            QualityState total = null;
            for (Future<QualityState> f : futures) {
                QualityState s = f.get();
                if (total == null) {
                    total = s;
                } else {
                    total.merge(s);
                }
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing the quality of '" + plan.dataset() + "'", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<List<VectorSchemaRoot>> split(List<VectorSchemaRoot> batches, int parts) {
        long total = 0;
        for (VectorSchemaRoot b : batches) {
            total += b.getRowCount();
        }
        List<List<VectorSchemaRoot>> out = new ArrayList<>();
        List<VectorSchemaRoot> current = new ArrayList<>();
        long done = 0;
        for (int i = 0; i < batches.size(); i++) {
            VectorSchemaRoot b = batches.get(i);
            current.add(b);
            done += b.getRowCount();
            int remainingBatches = batches.size() - i - 1;
            int remainingParts = parts - out.size() - 1;
            boolean full = done * parts >= total * (out.size() + 1);
            if (remainingParts > 0 && (full || remainingBatches == remainingParts)) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    /**
     * Judges a state already computed (for example merged across runs). Orphan checks read their
     * reference datasets here, once each.
     *
     * @param plan the plan the state belongs to
     * @param state the state
     * @param context the clock, reference datasets and history
     * @return the report, one result per check in the plan's order
     * @throws IllegalArgumentException if the state belongs to another plan, or a reference dataset
     *     is missing from the context
     */
    public static QualityReport report(QualityPlan plan, QualityState state, EvaluationContext context) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(context, "context");
        if (state.plan != plan && state.plan.fingerprint != plan.fingerprint) {
            throw new IllegalArgumentException("the state belongs to " + state.plan + ", not to " + plan);
        }
        return new Judge(plan, state, context).report();
    }

    /**
     * Finds, for each row-level check (null, completeness, missing, invalid, orphan and predicate
     * checks), the rows of one batch that fail it, for example to quarantine them. Reference
     * datasets of orphan checks are read once per call.
     *
     * @param plan the plan
     * @param batch a batch
     * @param context the reference datasets (for orphan checks)
     * @return the failing rows by check name, in the order of the checks; a row fails a
     *     completeness check when it has no value
     * @throws IllegalArgumentException if the batch lacks a column or a reference dataset is missing
     */
    public static Map<String, Selection> failingRows(QualityPlan plan, VectorSchemaRoot batch,
                                                     EvaluationContext context) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(context, "context");
        QualityState s = plan.newState();
        s.load(batch);
        int n = batch.getRowCount();
        Map<Metric, Selection> byMetric = new HashMap<>();
        Map<String, Selection> out = new LinkedHashMap<>();
        for (Check check : plan.checks()) {
            Metric m = check.metric();
            if (!m.isRowLevel() || out.containsKey(check.name())) {
                continue;
            }
            out.put(check.name(), byMetric.computeIfAbsent(m, x -> Selection.of(mask(plan, s, x, batch, context), n)));
        }
        return out;
    }

    private static BitSet mask(QualityPlan plan, QualityState s, Metric m, VectorSchemaRoot batch,
                               EvaluationContext context) {
        BitSet mask = new BitSet(batch.getRowCount());
        if (m instanceof Metric.NullCount || m instanceof Metric.Completeness) {
            ColumnData d = s.data[plan.columnIndex.get(m.columns().get(0))];
            for (int i = 0; i < d.n; i++) {
                if (!d.valid(i)) {
                    mask.set(i);
                }
            }
        } else if (m instanceof Metric.MissingCount || m instanceof Metric.InvalidCount) {
            RowRule rule = plan.rules.get(plan.slots.get(m));
            rule.scan(s.data[rule.column], 0, rule.pattern == null ? null
                    : new dev.dataproduct.core.expr.BoundedMatcher(rule.pattern), null, mask);
        } else if (m instanceof Metric.OrphanCount o) {
            Field field = plan.schema().field(o.column()).orElseThrow();
            OrphanAcc.ReferenceKeys refs = OrphanAcc.ReferenceKeys.build(o, field, context.references());
            ColumnData d = s.data[plan.columnIndex.get(o.column())];
            for (int i = 0; i < d.n; i++) {
                if (d.valid(i)) {
                    long key = d.kind == ColumnData.Kind.INT ? d.longs[i] : d.hash(i);
                    if (!refs.contains(key, refs.sameClass ? null : d.text(i))) {
                        mask.set(i);
                    }
                }
            }
        } else if (m instanceof Metric.Violations) {
            Selection failing = s.violations(plan.slots.get(m), batch);
            for (int i = failing.nextSelected(0); i >= 0 && i < batch.getRowCount();
                    i = i + 1 < batch.getRowCount() ? failing.nextSelected(i + 1) : -1) {
                mask.set(i);
            }
        }
        return mask;
    }
}
