package dev.dataproduct.core.quality;

import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * The checks of one dataset compiled into one plan: every distinct {@link Metric} once (two checks
 * on equal metrics, or an anomaly check and a plain check on the same metric, share one
 * computation), and per column the work its metrics need (null counts, simple statistics, a
 * HyperLogLog sketch, a KLL sketch, per-row rules), so that one pass over the batches computes
 * everything. A plan is immutable and may be shared by threads; each thread updates its own
 * {@link QualityState}.
 *
 * <pre>{@code
 * QualityPlan plan = QualityPlan.compile("purchases", schema, List.of(
 *         Check.completeness("customer_id").atLeast(0.99),
 *         Check.unique("purchase_id"),
 *         Check.nulls("email").percent().atMost(5)));
 * QualityReport report = QualityEngine.evaluate(plan, dataset, EvaluationContext.of(Clock.systemUTC()));
 * }</pre>
 */
public final class QualityPlan {
    private final String dataset;
    private final Schema schema;
    private final List<Check> checks;
    private final Set<Metric> metrics;
    final List<ColumnSpec> columns = new ArrayList<>();
    final Map<String, Integer> columnIndex = new HashMap<>();
    final List<RowRule> rules = new ArrayList<>();
    final List<int[]> duplicates = new ArrayList<>();
    final List<Metric.OrphanCount> orphans = new ArrayList<>();
    final List<Metric.Violations> violations = new ArrayList<>();
    final List<Metric.Custom> customs = new ArrayList<>();
    /** Where each metric's state lives: its index in the list of its kind. */
    final Map<Metric, Integer> slots = new HashMap<>();
    final long fingerprint;

    /** What a column's state computes. */
    static final class ColumnSpec {
        final Field field;
        boolean stats;
        boolean nullFailures;
        boolean hll;
        boolean kll;

        ColumnSpec(Field field) {
            this.field = field;
        }
    }

    private QualityPlan(String dataset, Schema schema, List<Check> checks) {
        this.dataset = dataset;
        this.schema = schema;
        this.checks = List.copyOf(checks);
        Set<Metric> m = new LinkedHashSet<>();
        for (Check c : checks) {
            m.add(c.metric());
        }
        this.metrics = Collections.unmodifiableSet(m);
        for (Metric metric : metrics) {
            plan(metric);
        }
        StringBuilder sb = new StringBuilder(dataset).append('|').append(schema);
        metrics.forEach(x -> sb.append('|').append(x.describe()));
        this.fingerprint = Hashing.text(sb.toString());
    }

    /**
     * Compiles checks on one dataset into one plan: equal metrics are computed once.
     *
     * @param dataset the dataset's name
     * @param schema the dataset's schema
     * @param checks the checks; a check's {@link Check#dataset()} is empty or {@code dataset}
     * @return the plan
     * @throws InvalidDefinitionException listing every problem at once, each naming the check and
     *     the column: a column the schema lacks, a column of the wrong type for its metric (such as
     *     the mean of a string column, or the freshness of a non-temporal column), an invalid
     *     pattern, or a check on another dataset
     */
    public static QualityPlan compile(String dataset, Schema schema, List<Check> checks) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(checks, "checks");
        List<String> problems = new ArrayList<>();
        for (Check c : checks) {
            validate(c, dataset, schema, problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException("the quality checks of dataset '" + dataset + "'", problems);
        }
        return new QualityPlan(dataset, schema, checks);
    }

    private static void validate(Check c, String dataset, Schema schema, List<String> problems) {
        String where = "check '" + c.name() + "'";
        if (!c.dataset().isEmpty() && !c.dataset().equals(dataset)) {
            problems.add(where + " is on dataset '" + c.dataset() + "', not on '" + dataset + "'");
        }
        boolean columnsPresent = true;
        for (String column : c.metric().columns()) {
            if (schema.field(column).isEmpty()) {
                problems.add(where + ": column '" + column + "' is not in dataset '" + dataset + "' (columns: "
                        + schema.fieldNames() + ")");
                columnsPresent = false;
            }
        }
        if (!columnsPresent) {
            return;
        }
        Metric m = c.metric();
        if (m instanceof Metric.Stat s) {
            ColumnData.Kind k = kind(schema, s.column());
            boolean ok = k.numeric() || (k.temporal() && (s.statistic() == Metric.Statistic.MIN
                    || s.statistic() == Metric.Statistic.MAX));
            if (!ok) {
                problems.add(where + ": " + s.statistic().name().toLowerCase(java.util.Locale.ROOT) + " needs a "
                        + (s.statistic() == Metric.Statistic.MIN || s.statistic() == Metric.Statistic.MAX
                        ? "numeric or temporal" : "numeric") + " column, but column '" + s.column() + "' is "
                        + typeName(schema, s.column()));
            }
        } else if (m instanceof Metric.Quantile q && !kind(schema, q.column()).numeric()) {
            problems.add(where + ": a quantile needs a numeric column, but column '" + q.column() + "' is "
                    + typeName(schema, q.column()));
        } else if (m instanceof Metric.Freshness f && kind(schema, f.column()) != ColumnData.Kind.DATE
                && kind(schema, f.column()) != ColumnData.Kind.TIMESTAMP) {
            problems.add(where + ": freshness needs a date or timestamp column, but column '" + f.column() + "' is "
                    + typeName(schema, f.column()));
        } else if (m instanceof Metric.InvalidCount inv) {
            Metric.Validity v = inv.validity();
            if ((v.min().isPresent() || v.max().isPresent()) && !kind(schema, inv.column()).numeric()) {
                problems.add(where + ": a range needs a numeric column, but column '" + inv.column() + "' is "
                        + typeName(schema, inv.column()));
            }
            if (v.pattern().isPresent()) {
                try {
                    java.util.regex.Pattern.compile(v.pattern().get());
                } catch (PatternSyntaxException e) {
                    problems.add(where + ": pattern '" + v.pattern().get() + "' of column '" + inv.column()
                            + "' is not a valid regular expression: " + e.getDescription());
                }
            }
        }
    }

    private static ColumnData.Kind kind(Schema schema, String column) {
        return ColumnData.kindOf(schema.field(column).orElseThrow().type());
    }

    private static String typeName(Schema schema, String column) {
        return schema.field(column).orElseThrow().type().typeName();
    }

    private void plan(Metric m) {
        if (m instanceof Metric.NullCount x) {
            column(x.column()).nullFailures = true;
        } else if (m instanceof Metric.Completeness x) {
            column(x.column()).nullFailures = true;
        } else if (m instanceof Metric.MissingCount x) {
            slots.put(m, rules.size());
            int c = columnIndex(x.column());
            rules.add(new RowRule(x, c, ColumnData.kindOf(columns.get(c).field.type())));
        } else if (m instanceof Metric.InvalidCount x) {
            slots.put(m, rules.size());
            int c = columnIndex(x.column());
            rules.add(new RowRule(x, c, ColumnData.kindOf(columns.get(c).field.type())));
        } else if (m instanceof Metric.DuplicateCount x) {
            slots.put(m, duplicates.size());
            duplicates.add(x.columns().stream().mapToInt(this::columnIndex).toArray());
        } else if (m instanceof Metric.Stat x) {
            column(x.column()).stats = true;
        } else if (m instanceof Metric.Freshness x) {
            column(x.column()).stats = true;
        } else if (m instanceof Metric.ApproxDistinct x) {
            column(x.column()).hll = true;
        } else if (m instanceof Metric.Quantile x) {
            column(x.column()).kll = true;
        } else if (m instanceof Metric.OrphanCount x) {
            slots.put(m, orphans.size());
            columnIndex(x.column());
            orphans.add(x);
        } else if (m instanceof Metric.Violations x) {
            slots.put(m, violations.size());
            violations.add(x);
        } else if (m instanceof Metric.Custom x) {
            slots.put(m, customs.size());
            customs.add(x);
        }
        // row count and schema mismatch need no state of their own
    }

    private ColumnSpec column(String name) {
        return columns.get(columnIndex(name));
    }

    int columnIndex(String name) {
        return columnIndex.computeIfAbsent(name, n -> {
            columns.add(new ColumnSpec(schema.field(n).orElseThrow()));
            return columns.size() - 1;
        });
    }

    /** @return the dataset's name */
    public String dataset() {
        return dataset;
    }

    /** @return the dataset's schema */
    public Schema schema() {
        return schema;
    }

    /** @return the checks, in the order given */
    public List<Check> checks() {
        return checks;
    }

    /**
     * @return the distinct metrics, in the order of their first check; an anomaly check counts with
     *     its base metric (the movement is computed from it and the history when reporting)
     */
    public Set<Metric> metrics() {
        return metrics;
    }

    /** @return an empty state of every metric, to {@link QualityState#update update} and merge */
    public QualityState newState() {
        return new QualityState(this);
    }

    @Override
    public String toString() {
        return "QualityPlan[" + dataset + ", " + checks.size() + " checks, " + metrics.size() + " metrics]";
    }
}
