package dev.dataproduct.core.quality;

import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.api.quality.Anomaly;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.api.quality.Outcome;
import dev.dataproduct.api.quality.Threshold;
import dev.dataproduct.api.schema.Field;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.TimeUnit;

/** Turns a state into check results: metric values, thresholds, anomalies, samples, messages. */
final class Judge {
    private static final double MICROS_PER_DAY = 86_400_000_000.0;

    private final QualityPlan plan;
    private final QualityState state;
    private final EvaluationContext context;
    private final Map<Metric, Measured> measured = new HashMap<>();

    /** A metric's value and its failing rows. */
    private record Measured(double value, long failing, List<String> first, List<ValueCount> frequent,
                            List<Long> positions, Optional<String> error) {
        Measured(double value, long failing, List<String> first, List<ValueCount> frequent, List<Long> positions) {
            this(value, failing, first, frequent, positions, Optional.empty());
        }

        static Measured of(double value) {
            return new Measured(value, 0, List.of(), List.of(), List.of());
        }

        static Measured of(double value, Failures f) {
            return new Measured(value, f.count, f.firstValues(), f.frequentValues(), f.positions(),
                    Optional.ofNullable(f.error));
        }
    }

    Judge(QualityPlan plan, QualityState state, EvaluationContext context) {
        this.plan = plan;
        this.state = state;
        this.context = context;
    }

    QualityReport report() {
        List<CheckResult> results = new ArrayList<>();
        for (Check c : plan.checks()) {
            results.add(judge(c, measured.computeIfAbsent(c.metric(), this::measure)));
        }
        return new QualityReport(plan.dataset(), state.rows, results);
    }

    private Measured measure(Metric metric) {
        long rows = state.rows;
        if (metric instanceof Metric.RowCount) {
            return Measured.of(rows);
        } else if (metric instanceof Metric.NullCount m) {
            ColumnAcc c = column(m.column());
            return Measured.of(c.nulls, c.nullFailures);
        } else if (metric instanceof Metric.Completeness m) {
            ColumnAcc c = column(m.column());
            return Measured.of(rows == 0 ? 1.0 : (double) (rows - c.nulls) / rows, c.nullFailures);
        } else if (metric instanceof Metric.MissingCount || metric instanceof Metric.InvalidCount) {
            Failures f = state.rules[plan.slots.get(metric)];
            return Measured.of(f.count, f);
        } else if (metric instanceof Metric.DuplicateCount) {
            DuplicateAcc d = state.duplicates[plan.slots.get(metric)];
            return Measured.of(d.duplicates(), d.failures);
        } else if (metric instanceof Metric.Stat m) {
            return Measured.of(stat(m));
        } else if (metric instanceof Metric.ApproxDistinct m) {
            return Measured.of(column(m.column()).distinctEstimate());
        } else if (metric instanceof Metric.Quantile m) {
            return Measured.of(column(m.column()).quantile(m.rank()));
        } else if (metric instanceof Metric.Freshness m) {
            return Measured.of(freshness(m));
        } else if (metric instanceof Metric.OrphanCount m) {
            OrphanAcc o = state.orphans[plan.slots.get(metric)];
            Field field = plan.schema().field(m.column()).orElseThrow();
            OrphanAcc.ReferenceKeys refs = OrphanAcc.ReferenceKeys.build(m, field, context.references());
            OrphanAcc.Resolved r = o.resolve(refs, field.classification().isSensitive());
            return new Measured(r.count(), r.count(), r.first(), r.frequent(), r.positions());
        } else if (metric instanceof Metric.Violations) {
            Failures f = state.violations[plan.slots.get(metric)];
            return Measured.of(f.count, f);
        } else if (metric instanceof Metric.SchemaMismatch m) {
            return Measured.of(schemaMismatches(m));
        } else if (metric instanceof Metric.Custom) {
            int c = plan.slots.get(metric);
            return Measured.of(state.customMetric(c).value(state.customs[c]));
        }
        throw new AssertionError("unhandled metric " + metric);
    }

    private ColumnAcc column(String name) {
        return state.columns[plan.columnIndex.get(name)];
    }

    private double stat(Metric.Stat m) {
        ColumnAcc c = column(m.column());
        ColumnData.Kind kind = state.data[plan.columnIndex.get(m.column())].kind;
        if (c.count == 0) {
            return Double.NaN;
        }
        switch (m.statistic()) {
            case MIN: return kind.longs() ? temporal(c.lmin, m.column()) : c.dmin;
            case MAX: return kind.longs() ? temporal(c.lmax, m.column()) : c.dmax;
            case MEAN: return c.moments.meanOfAll();
            case SUM: return c.moments.sum();
            case STDDEV: return c.moments.stddev();
            default: throw new AssertionError(m.statistic());
        }
    }

    /** @return a raw long value as a double: timestamps in epoch microseconds, dates in epoch days */
    private double temporal(long raw, String column) {
        ColumnData d = state.data[plan.columnIndex.get(column)];
        TimeUnit unit = column(column).unit;
        if (d.kind != ColumnData.Kind.TIMESTAMP || unit == null) {
            return raw;
        }
        switch (unit) {
            case SECOND: return raw * 1e6;
            case MILLISECOND: return raw * 1e3;
            case NANOSECOND: return Math.floorDiv(raw, 1000L);
            default: return raw;
        }
    }

    private double freshness(Metric.Freshness m) {
        ColumnAcc c = column(m.column());
        if (c.count == 0) {
            return Double.NaN;
        }
        ColumnData d = state.data[plan.columnIndex.get(m.column())];
        double newestMicros = d.kind == ColumnData.Kind.DATE ? c.lmax * MICROS_PER_DAY : temporal(c.lmax, m.column());
        Instant now = context.clock().instant();
        double nowMicros = VectorValues.fromInstant(now, org.apache.arrow.vector.types.TimeUnit.MICROSECOND);
        return (nowMicros - newestMicros) / 1e6;
    }

    private double schemaMismatches(Metric.SchemaMismatch m) {
        int n = 0;
        for (Field expected : m.expected()) {
            Optional<Field> actual = plan.schema().field(expected.name());
            if (actual.isEmpty() || !actual.get().type().equals(expected.type())) {
                n++;
            }
        }
        return n;
    }

    // ---- judging ---------------------------------------------------------------------------------

    private CheckResult judge(Check check, Measured m) {
        Metric metric = check.metric();
        long rows = state.rows;
        String raw = metric.describe() + " = " + Texts.number(m.value())
                + (metric.isCount() && rows > 0 ? " (" + Texts.number(100.0 * m.value() / rows) + "%)" : "");
        long failing = metric.isRowLevel() ? m.failing() : 0;
        if (m.error().isPresent()) {
            return new CheckResult(check, Double.NaN, Outcome.ERROR, failing, m.first(), m.frequent(), m.positions(),
                    metric.describe() + " could not be evaluated on every row (the " + failing + " failing rows "
                    + "include those): " + m.error().get() + ": " + Outcome.ERROR, m.value());
        }
        if (check.anomaly().isPresent()) {
            return anomaly(check, check.anomaly().get(), m, raw, failing);
        }
        double value = check.percent() ? (rows == 0 ? 0 : 100.0 * m.value() / rows) : m.value();
        Outcome outcome;
        if (check.percent() && metric.isCount()) {
            outcome = judgeShare(check.threshold(), rows == 0 ? 0 : (long) m.value(), rows == 0 ? 1 : rows, 100);
        } else if (metric instanceof Metric.Completeness c) {
            long nulls = column(c.column()).nulls;
            outcome = judgeShare(check.threshold(), rows == 0 ? 1 : rows - nulls, rows == 0 ? 1 : rows, 1);
        } else {
            outcome = check.threshold().judge(value);
        }
        String message = raw + ", expected " + (check.percent() ? "(in % of rows) " : "") + check.threshold()
                + ": " + outcome;
        return new CheckResult(check, value, outcome, failing, m.first(), m.frequent(), m.positions(), message, m.value());
    }

    /**
     * Judges the share {@code scale * count / rows} exactly: with the counts as integers and each
     * bound as the decimal it is written as (so 10% of 10 rows is exactly at a bound of 10), where
     * a double quotient could fall either side of the bound.
     */
    static Outcome judgeShare(Threshold threshold, long count, long rows, int scale) {
        if (!contains(threshold.pass(), count, rows, scale)) {
            return Outcome.FAIL;
        }
        return threshold.warn().map(w -> contains(w, count, rows, scale) ? Outcome.PASS : Outcome.WARN)
                .orElse(Outcome.PASS);
    }

    private static boolean contains(Threshold.Range range, long count, long rows, int scale) {
        BigDecimal share = BigDecimal.valueOf(count).multiply(BigDecimal.valueOf(scale));
        BigDecimal total = BigDecimal.valueOf(rows);
        if (range.min().filter(b -> Double.isNaN(b)).isPresent() || range.max().filter(b -> Double.isNaN(b)).isPresent()) {
            return false;  // a NaN bound contains nothing, as in every other comparison with NaN
        }
        if (range.min().isPresent()) {
            int c = compareShare(share, total, range.min().get());
            if (range.minInclusive() ? c < 0 : c <= 0) {
                return false;
            }
        }
        if (range.max().isPresent()) {
            int c = compareShare(share, total, range.max().get());
            return range.maxInclusive() ? c <= 0 : c < 0;
        }
        return true;
    }

    /** @return the sign of {@code share / total - bound}, total being positive */
    private static int compareShare(BigDecimal share, BigDecimal total, double bound) {
        if (Double.isInfinite(bound)) {
            return bound > 0 ? -1 : 1;
        }
        return share.compareTo(BigDecimal.valueOf(bound).multiply(total));
    }

    private CheckResult anomaly(Check check, Anomaly a, Measured m, String raw, long failing) {
        List<Double> history = context.history().getOrDefault(check.metric(), List.of());
        String kind = a.kind().name().toLowerCase(Locale.ROOT);
        int needed = a.kind() == Anomaly.Kind.DEVIATION ? Math.max(2, a.window()) : 1;
        if (history.size() < needed) {
            String message = kind + " of " + raw + ": not enough history (" + history.size() + " of " + needed
                    + " earlier runs needed), so not judged: " + Outcome.PASS;
            return new CheckResult(check, Double.NaN, Outcome.PASS, failing, m.first(), m.frequent(), m.positions(),
                    message, m.value());
        }
        double v = m.value();
        double last = history.get(history.size() - 1);
        double change;
        String basis;
        switch (a.kind()) {
            case ABSOLUTE_CHANGE:
                change = Math.abs(v - last);
                basis = "previous " + Texts.number(last);
                break;
            case RELATIVE_CHANGE:
                change = last == 0 ? (v == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.abs(v - last) / Math.abs(last);
                basis = "previous " + Texts.number(last);
                break;
            default: {
                List<Double> window = history.subList(history.size() - Math.min(a.window(), history.size()),
                        history.size());
                double mean = window.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                double ss = window.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
                double sd = Math.sqrt(ss / (window.size() - 1));
                change = sd == 0 ? (v == mean ? 0 : Double.POSITIVE_INFINITY) : Math.abs(v - mean) / sd;
                basis = "mean " + Texts.number(mean) + ", stddev " + Texts.number(sd) + " over " + window.size()
                        + " runs";
            }
        }
        Outcome outcome = check.threshold().judge(change);
        String message = kind + " of " + metric(check) + " = " + Texts.number(change) + " (" + raw + ", " + basis
                + "), expected " + check.threshold() + ": " + outcome;
        return new CheckResult(check, change, outcome, failing, m.first(), m.frequent(), m.positions(), message, m.value());
    }

    private static String metric(Check check) {
        return check.metric().describe();
    }
}
