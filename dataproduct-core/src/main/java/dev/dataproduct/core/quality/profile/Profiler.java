package dev.dataproduct.core.quality.profile;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.quality.CheckResult;
import dev.dataproduct.core.quality.EvaluationContext;
import dev.dataproduct.core.quality.QualityEngine;
import dev.dataproduct.core.quality.QualityPlan;
import dev.dataproduct.core.quality.QualityReport;
import dev.dataproduct.core.quality.QualityState;
import dev.dataproduct.core.quality.ValueCount;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Profiles a dataset in one pass: the quality engine computes the row count and, per column, the
 * nulls, the approximate distinct count (HyperLogLog) and for numeric columns the minimum, maximum
 * and mean, as recorded checks of one plan; beside it, in the same pass, the profiler counts the
 * values of columns with few distinct values (at most {@link #TOP_VALUES}, in memory bounded by that
 * number) and measures the lengths of strings.
 *
 * <pre>{@code
 * DatasetProfile profile = Profiler.profile(dataset, Clock.systemUTC());
 * List<Check> checks = profile.suggestChecks();
 * }</pre>
 *
 * <p>The values of fields classified confidential or restricted are not kept: such columns get no
 * top values (and so no allowed-values suggestion).
 */
public final class Profiler {
    /** The most distinct values a column may have for the profile to list them with their counts. */
    public static final int TOP_VALUES = 20;

    private Profiler() {
    }

    /**
     * Profiles a dataset described by its own schema.
     *
     * @param dataset the data
     * @param clock the time of the profile
     * @return the profile
     */
    public static DatasetProfile profile(Dataset dataset, Clock clock) {
        Objects.requireNonNull(dataset, "dataset");
        return profile(dataset.name(), dataset.schema(), dataset, clock);
    }

    /**
     * Profiles a dataset as declared by a product: its classifications decide which values are kept.
     *
     * @param spec the declared dataset
     * @param dataset the data, whose batches follow the spec's schema
     * @param clock the time of the profile
     * @return the profile
     */
    public static DatasetProfile profile(DatasetSpec spec, Dataset dataset, Clock clock) {
        Objects.requireNonNull(spec, "spec");
        return profile(spec.name(), spec.schema(), dataset, clock);
    }

    /**
     * Profiles a dataset.
     *
     * @param name the dataset's name, as checks and rules will name it
     * @param schema the schema of the batches
     * @param dataset the data
     * @param clock the time of the profile
     * @return the profile
     * @throws IllegalArgumentException if a batch lacks a column of the schema
     * @throws dev.dataproduct.api.error.PortException if the data cannot be read
     */
    public static DatasetProfile profile(String name, Schema schema, Dataset dataset, Clock clock) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(clock, "clock");
        QualityPlan plan = QualityPlan.compile(name, schema, checks(schema));
        QualityState state = plan.newState();
        List<ColumnTally> tallies = new ArrayList<>();
        for (Field f : schema.fields()) {
            boolean nested = isNested(f.type());
            boolean secret = f.classification() == Classification.CONFIDENTIAL
                    || f.classification() == Classification.RESTRICTED;
            tallies.add(new ColumnTally(f.name(), !nested && !secret, f.type() instanceof LogicalType.StringType,
                    TOP_VALUES));
        }
        try (BatchCursor cursor = dataset.open()) {
            while (cursor.next()) {
                VectorSchemaRoot batch = cursor.batch();
                state.update(batch);
                for (ColumnTally t : tallies) {
                    if (t.needed()) {
                        FieldVector v = batch.getVector(t.column());
                        if (v == null) {
                            throw new IllegalArgumentException("a batch of dataset '" + name + "' has no column '"
                                    + t.column() + "'; the schema says " + schema.fieldNames());
                        }
                        t.update(v, batch.getRowCount());
                    }
                }
            }
        }
        QualityReport report = QualityEngine.report(plan, state, EvaluationContext.of(clock));
        Map<Metric, Double> values = new HashMap<>();
        for (CheckResult r : report.results()) {
            values.put(r.check().metric(), r.value());
        }
        long rows = report.rows();
        List<ColumnProfile> columns = new ArrayList<>();
        for (int i = 0; i < schema.fields().size(); i++) {
            columns.add(column(schema.fields().get(i), tallies.get(i), rows, values));
        }
        return new DatasetProfile(name, rows, clock.instant(), columns);
    }

    /** The recorded checks whose values make the profile. */
    static List<Check> checks(Schema schema) {
        List<Check> checks = new ArrayList<>();
        checks.add(Check.rowCount().recorded());
        for (Field f : schema.fields()) {
            String c = f.name();
            checks.add(Check.nulls(c).recorded());
            if (!isNested(f.type())) {
                checks.add(Check.approxDistinct(c).recorded());
            }
            if (f.type().isNumeric()) {
                checks.add(Check.min(c).recorded());
                checks.add(Check.max(c).recorded());
                checks.add(Check.mean(c).recorded());
            }
        }
        return checks;
    }

    private static ColumnProfile column(Field f, ColumnTally tally, long rows, Map<Metric, Double> values) {
        String c = f.name();
        long nulls = Math.round(values.getOrDefault(new Metric.NullCount(c), 0.0));
        double completeness = rows == 0 ? 1.0 : (rows - nulls) / (double) rows;
        List<ValueCount> top = tally.values();
        Optional<Long> distinct = isNested(f.type()) ? Optional.empty()
                : !top.isEmpty() || nulls == rows ? Optional.of((long) top.size())
                : finite(values.get(new Metric.ApproxDistinct(c))).map(Math::round);
        boolean numeric = f.type().isNumeric();
        return new ColumnProfile(c, f.type(), nulls, completeness, distinct,
                numeric ? finite(values.get(new Metric.Stat(c, Metric.Statistic.MIN))) : Optional.empty(),
                numeric ? finite(values.get(new Metric.Stat(c, Metric.Statistic.MAX))) : Optional.empty(),
                numeric ? finite(values.get(new Metric.Stat(c, Metric.Statistic.MEAN))) : Optional.empty(),
                tally.hasLengths() ? Optional.of(tally.minLength()) : Optional.empty(),
                tally.hasLengths() ? Optional.of(tally.maxLength()) : Optional.empty(), top);
    }

    private static Optional<Double> finite(Double d) {
        return d != null && Double.isFinite(d) ? Optional.of(d) : Optional.empty();
    }

    static boolean isNested(LogicalType type) {
        return type instanceof LogicalType.ArrayType || type instanceof LogicalType.StructType;
    }
}
