package dev.dataproduct.core.quality.profile;

import dev.dataproduct.api.contract.QualityRule;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.quality.ValueCount;
import dev.dataproduct.core.quality.odcs.OdcsQuality;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The profile of a dataset: its rows and what each column holds, with checks and ODCS rules it
 * suggests.
 *
 * @param dataset the dataset's name
 * @param rows the rows profiled
 * @param profiledAt when
 * @param columns one profile per column, in schema order
 */
public record DatasetProfile(String dataset, long rows, Instant profiledAt, List<ColumnProfile> columns) {

    /**
     * A uniqueness suggestion allows this much shortfall of the distinct estimate below the rows: the
     * HyperLogLog estimate is within about 2 percent, and exact for small columns.
     */
    static final double UNIQUE_TOLERANCE = 0.01;

    /** Validates and copies the components. */
    public DatasetProfile {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(profiledAt, "profiledAt");
        columns = List.copyOf(columns);
        if (rows < 0) {
            throw new IllegalArgumentException("a profile cannot have " + rows + " rows");
        }
    }

    /**
     * @param name a column name
     * @return the profile of that column
     */
    public Optional<ColumnProfile> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * Checks the profiled data meets, as a starting point for review:
     * <ul>
     *   <li>at least half the profiled rows: {@code Check.rowCount().atLeast(ceil(rows / 2))};</li>
     *   <li>for each column without nulls: {@code Check.nulls(column).noFailures()};</li>
     *   <li>for each numeric column: {@code Check.range(column, min, max).noFailures()};</li>
     *   <li>for each string column with at most {@link Profiler#TOP_VALUES} distinct values, each seen
     *       twice on average (so that a handful of unique names is not taken for a closed set):
     *       {@code Check.allowedValues(column, values...)}, the values sorted by code point;</li>
     *   <li>for each string or integer column without nulls whose distinct count is the row count
     *       (exactly, or within 1 percent of it by the estimate):
     *       {@code Check.unique(column)}. Floats, dates and times are left out: unique by chance,
     *       rarely keys. Since the estimate is approximate, a column with very few duplicates among
     *       many rows may be suggested.</li>
     * </ul>
     * All are of severity error, on this dataset. A profile without rows suggests nothing.
     *
     * @return the suggested checks: the row count first, then per column in schema order
     */
    public List<Check> suggestChecks() {
        List<Check> out = new ArrayList<>();
        if (rows == 0) {
            return List.of();
        }
        out.add(Check.rowCount().atLeast(Math.ceil(rows / 2.0)).on(dataset));
        for (ColumnProfile c : columns) {
            if (c.nulls() == 0) {
                out.add(Check.nulls(c.name()).noFailures().on(dataset));
            }
            if (c.type().isNumeric() && c.min().isPresent() && c.max().isPresent()) {
                out.add(Check.range(c.name(), c.min().get(), c.max().get()).noFailures().on(dataset));
            }
            long present = rows - c.nulls();
            if (c.type() instanceof LogicalType.StringType && c.isLowCardinality()
                    && present >= 2L * c.topValues().size()) {
                String[] values = c.topValues().stream().map(ValueCount::value)
                        .sorted(dev.dataproduct.core.expr.ValueOrder::compare).toArray(String[]::new);
                out.add(Check.allowedValues(c.name(), values).noFailures().on(dataset));
            }
            if (uniqueCandidate(c)) {
                out.add(Check.unique(c.name()).on(dataset));
            }
        }
        return List.copyOf(out);
    }

    private boolean uniqueCandidate(ColumnProfile c) {
        boolean keyType = c.type() instanceof LogicalType.StringType || c.type() instanceof LogicalType.IntegerType;
        if (!keyType || c.nulls() != 0 || rows < 2 || c.approxDistinct().isEmpty()) {
            return false;
        }
        long distinct = c.approxDistinct().get();
        return c.isLowCardinality() ? distinct == rows : distinct >= rows * (1 - UNIQUE_TOLERANCE);
    }

    /**
     * The {@link #suggestChecks() suggested checks} as ODCS v3.1 quality rules: {@code rowCount}
     * {@code mustBeGreaterOrEqualTo} half the rows (at object level), and per property
     * {@code nullValues mustBe 0}, {@code invalidValues} with {@code arguments.validValues}
     * {@code mustBe 0}, {@code duplicateValues mustBe 0}. ODCS library metrics have no range
     * argument, so a range is written as a {@code sql} rule, {@code mustBe: 0}, counting the rows
     * outside it:
     * <pre>
     * SELECT COUNT(*) FROM {object} WHERE {property} &lt; 1 OR {property} &gt; 1000
     * </pre>
     * with ODCS's {@code {object}} and {@code {property}} placeholders.
     *
     * @return the rules by property name, {@code ""} for the object level; in the order of the checks
     */
    public Map<String, List<QualityRule>> suggestRules() {
        Map<String, List<QualityRule>> out = new LinkedHashMap<>();
        for (Check check : suggestChecks()) {
            Optional<QualityRule> rule = OdcsQuality.toRule(check);
            if (rule.isEmpty() && check.metric() instanceof Metric.InvalidCount ic
                    && ic.validity().min().isPresent() && ic.validity().max().isPresent()) {
                rule = Optional.of(rangeRule(ic.validity().min().get(), ic.validity().max().get()));
            }
            rule.ifPresent(r -> out.computeIfAbsent(OdcsQuality.propertyOf(check), k -> new ArrayList<>()).add(r));
        }
        Map<String, List<QualityRule>> frozen = new LinkedHashMap<>();
        out.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(frozen);
    }

    private static QualityRule rangeRule(double min, double max) {
        String lo = plain(min);
        String hi = plain(max);
        return new QualityRule("", "", "Values within the profiled range [" + lo + ", " + hi + "].", "sql", "", "",
                Map.of(), "mustBe", Optional.of(0L), "", "SELECT COUNT(*) FROM {object} WHERE {property} < " + lo
                + " OR {property} > " + hi, "", Optional.empty(), "conformity", "error", "", "", "", "", List.of(),
                List.of(), List.of(), Map.of());
    }

    private static String plain(double d) {
        BigDecimal b = BigDecimal.valueOf(d).stripTrailingZeros();
        return b.signum() == 0 ? "0" : b.toPlainString();
    }
}
