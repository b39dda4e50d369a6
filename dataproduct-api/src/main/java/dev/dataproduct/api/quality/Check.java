package dev.dataproduct.api.quality;

import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.schema.Field;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A data quality check of a product: a {@link Metric} of a dataset, the {@link Threshold} it must
 * meet, and what a failure means ({@link Severity}). All checks of a product are computed in one
 * pass over each dataset by the core runtime.
 *
 * <pre>{@code
 * Check.completeness("customer_id").atLeast(0.99)
 * Check.freshness("purchased_at").within(Duration.ofHours(24))
 * Check.rowCount().between(1_000, 10_000_000).severity(Severity.WARNING)
 * Check.unique("purchase_id")
 * Check.nulls("email").percent().atMost(5)
 * Check.predicate(Expr.col("total").ge(0)).noFailures()
 * Check.completeness("email").named("emails present").atLeast(0.9)
 * }</pre>
 *
 * <p>A check is named after its metric ({@code completeness(customer_id)}) unless it is given a
 * name with {@link Pending#named(String)} or {@link #named(String)}; results are looked up by that
 * name in the quality report of a run.
 *
 * @param name the check's name, unique within its product; derived from the metric when not given
 * @param dataset the output dataset checked; empty means the product's only output
 * @param metric what is measured
 * @param percent for counts of rows: whether the threshold is in percent of the rows
 * @param threshold the values that pass
 * @param severity what a failure means
 * @param dimension the quality dimension
 * @param description what the check is for; empty if none
 * @param anomaly whether the threshold applies to the metric's movement against its history
 * @param quarantine for a row-level check: whether the rows failing it are quarantined instead of
 *     published (see {@link #quarantineFailingRows()})
 */
public record Check(String name, String dataset, Metric metric, boolean percent, Threshold threshold, Severity severity,
                    Dimension dimension, String description, Optional<Anomaly> anomaly, boolean quarantine) {

    /** Validates the components. */
    public Check {
        checkName(name);
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(anomaly, "anomaly");
        if (percent && !metric.isCount()) {
            throw new IllegalArgumentException("check '" + name + "': " + metric.describe()
                    + " is not a count of rows, so it cannot be checked in percent");
        }
        if (quarantine && (!metric.isRowLevel() || anomaly.isPresent())) {
            throw new IllegalArgumentException("check '" + name + "': " + metric.describe() + (anomaly.isPresent()
                    ? " is checked for anomalies" : " is not a check of single rows")
                    + ", so it has no failing rows to quarantine");
        }
    }

    /** A check whose failing rows are published (not quarantined); see the canonical constructor. */
    public Check(String name, String dataset, Metric metric, boolean percent, Threshold threshold, Severity severity,
                 Dimension dimension, String description, Optional<Anomaly> anomaly) {
        this(name, dataset, metric, percent, threshold, severity, dimension, description, anomaly, false);
    }

    // ---- starting points -----------------------------------------------------------------------

    /** @return a check on the number of rows */
    public static Pending rowCount() {
        return new Pending(new Metric.RowCount(), Dimension.COMPLETENESS);
    }

    /** @param column a column @return a check on the share of rows with a value, 0 to 1 */
    public static Pending completeness(String column) {
        return new Pending(new Metric.Completeness(column), Dimension.COMPLETENESS);
    }

    /** @param column a column @return a check on the number of rows without a value */
    public static Pending nulls(String column) {
        return new Pending(new Metric.NullCount(column), Dimension.COMPLETENESS);
    }

    /**
     * @param column a column
     * @param missingValues values, as text, that count as missing besides null
     * @return a check on the number of rows with a missing value
     */
    public static Pending missing(String column, String... missingValues) {
        return new Pending(new Metric.MissingCount(column, List.of(missingValues)), Dimension.COMPLETENESS);
    }

    /**
     * @param column a column
     * @param validity what a valid value is
     * @return a check on the number of rows with an invalid value
     */
    public static Pending invalid(String column, Metric.Validity validity) {
        return new Pending(new Metric.InvalidCount(column, validity), Dimension.CONFORMITY);
    }

    /** @param column a column @param values the allowed values @return a check on values outside them */
    public static Pending allowedValues(String column, String... values) {
        return invalid(column, new Metric.Validity(List.of(values), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));
    }

    /** @param column a column @param regex the pattern @return a check on values that do not match it */
    public static Pending pattern(String column, String regex) {
        return invalid(column, new Metric.Validity(List.of(), Optional.of(regex), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty()));
    }

    /**
     * @param column a numeric column
     * @param min the smallest valid value
     * @param max the largest valid value
     * @return a check on values outside the range
     */
    public static Pending range(String column, double min, double max) {
        return invalid(column, new Metric.Validity(List.of(), Optional.empty(), Optional.of(min), Optional.of(max),
                Optional.empty(), Optional.empty()));
    }

    /**
     * @param column a string column
     * @param min the fewest characters
     * @param max the most characters
     * @return a check on values of another length
     */
    public static Pending length(String column, int min, int max) {
        return invalid(column, new Metric.Validity(List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(min), Optional.of(max)));
    }

    /** @param columns the key columns @return a check on the number of duplicate rows */
    public static Pending duplicates(String... columns) {
        return new Pending(new Metric.DuplicateCount(List.of(columns)), Dimension.UNIQUENESS);
    }

    /** @param columns the key columns @return a check that no two rows share a key */
    public static Check unique(String... columns) {
        return duplicates(columns).noFailures();
    }

    /** @param column a column @return a check on the smallest value */
    public static Pending min(String column) {
        return stat(column, Metric.Statistic.MIN);
    }

    /** @param column a column @return a check on the largest value */
    public static Pending max(String column) {
        return stat(column, Metric.Statistic.MAX);
    }

    /** @param column a numeric column @return a check on the mean */
    public static Pending mean(String column) {
        return stat(column, Metric.Statistic.MEAN);
    }

    /** @param column a numeric column @return a check on the sum */
    public static Pending sum(String column) {
        return stat(column, Metric.Statistic.SUM);
    }

    /** @param column a numeric column @return a check on the sample standard deviation */
    public static Pending stddev(String column) {
        return stat(column, Metric.Statistic.STDDEV);
    }

    private static Pending stat(String column, Metric.Statistic statistic) {
        return new Pending(new Metric.Stat(column, statistic), Dimension.ACCURACY);
    }

    /** @param column a column @return a check on the approximate number of distinct values */
    public static Pending approxDistinct(String column) {
        return new Pending(new Metric.ApproxDistinct(column), Dimension.UNIQUENESS);
    }

    /** @param column a numeric column @param rank 0 to 1 @return a check on an approximate quantile */
    public static Pending quantile(String column, double rank) {
        return new Pending(new Metric.Quantile(column, rank), Dimension.ACCURACY);
    }

    /** @param column a timestamp or date column @return a check on the age of its newest value */
    public static Pending freshness(String column) {
        return new Pending(new Metric.Freshness(column), Dimension.TIMELINESS);
    }

    /**
     * @param column the referencing column
     * @param dataset the dataset referred to (an input or output of the product)
     * @param referenceColumn the column referred to
     * @return a check on values that refer to nothing
     */
    public static Pending references(String column, String dataset, String referenceColumn) {
        return new Pending(new Metric.OrphanCount(column, dataset, referenceColumn), Dimension.CONSISTENCY);
    }

    /** @param predicate what every row must satisfy @return a check on the rows where it is not true */
    public static Pending predicate(Expr predicate) {
        return new Pending(new Metric.Violations(predicate), Dimension.CONSISTENCY);
    }

    /** @param expected columns with their types @return a check that the dataset has them */
    public static Check schema(Field... expected) {
        return new Pending(new Metric.SchemaMismatch(List.of(expected)), Dimension.CONFORMITY).noFailures();
    }

    /**
     * @param name the metric's name
     * @param metric the computation
     * @param columns the columns it reads
     * @return a check on a metric written in Java
     */
    public static Pending custom(String name, CustomMetric<?> metric, String... columns) {
        return new Pending(new Metric.Custom(name, List.of(columns), metric), Dimension.ACCURACY);
    }

    /**
     * @param metric any metric
     * @return a check on it
     */
    public static Pending of(Metric metric) {
        return new Pending(metric, metric.isCount() ? Dimension.CONFORMITY : Dimension.ACCURACY);
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a check's name must not be blank");
        }
        return name;
    }

    // ---- withers ---------------------------------------------------------------------------------

    /**
     * Names the check; its result is found by that name ({@code report.result(name)},
     * {@code runResult.check(name)}). The name can also be given before the threshold, with
     * {@link Pending#named(String)}.
     *
     * @param value the check's name, unique among the checks of its dataset
     * @return a copy with that name
     * @throws IllegalArgumentException if the name is blank
     */
    public Check named(String value) {
        return new Check(value, dataset, metric, percent, threshold, severity, dimension, description,
                anomaly, quarantine);
    }

    /** @param value the output dataset @return a copy on that dataset */
    public Check on(String value) {
        return new Check(name, value, metric, percent, threshold, severity, dimension, description,
                anomaly, quarantine);
    }

    /** @param value what a failure means @return a copy with that severity */
    public Check severity(Severity value) {
        return new Check(name, dataset, metric, percent, threshold, value, dimension, description, anomaly, quarantine);
    }

    /** @param value the quality dimension @return a copy with that dimension */
    public Check dimension(Dimension value) {
        return new Check(name, dataset, metric, percent, threshold, severity, value, description, anomaly, quarantine);
    }

    /**
     * Quarantines the rows that fail this row-level check instead of publishing them: a run writes
     * them to the dataset's quarantine, each with a violation naming the check, and publishes the
     * rest. The check itself is judged as usual, over the rows that reached it (those that passed the
     * contract), so its threshold still decides whether the version is published: with
     * {@code Check.range("quantity", 1, 1000).percent().atMost(1).quarantineFailingRows()} up to 1% of
     * rows out of range are held back and the rest published, more stops the run. The other checks
     * of the dataset see only the published rows.
     *
     * @return a copy that quarantines its failing rows
     * @throws IllegalArgumentException if the metric is not row-level (a null, missing, invalid,
     *     orphan or predicate count), or the check is an anomaly check
     */
    public Check quarantineFailingRows() {
        return new Check(name, dataset, metric, percent, threshold, severity, dimension, description, anomaly, true);
    }

    /** @param value what the check is for @return a copy with that description */
    public Check describedAs(String value) {
        return new Check(name, dataset, metric, percent, threshold, severity, dimension, value, anomaly, quarantine);
    }

    /** @param min passing values below this warn @return a copy with a warn zone */
    public Check warnBelow(double min) {
        return new Check(name, dataset, metric, percent, threshold.warnBelow(min), severity, dimension, description,
                anomaly, quarantine);
    }

    /** @param max passing values above this warn @return a copy with a warn zone */
    public Check warnAbove(double max) {
        return new Check(name, dataset, metric, percent, threshold.warnAbove(max), severity, dimension, description,
                anomaly, quarantine);
    }

    /**
     * A check whose metric is still to be given a threshold.
     *
     * @param metric what is measured
     * @param dimension the default dimension
     * @param inPercent whether a count is expressed in percent of the rows
     * @param anomaly the history comparison, if any
     * @param name the name given with {@link #named(String)}; empty for the name derived from the metric
     */
    public record Pending(Metric metric, Dimension dimension, boolean inPercent, Optional<Anomaly> anomaly,
                          Optional<String> name) {
        /** Validates the components. */
        public Pending {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(dimension, "dimension");
            Objects.requireNonNull(anomaly, "anomaly");
            Objects.requireNonNull(name, "name");
        }

        Pending(Metric metric, Dimension dimension) {
            this(metric, dimension, false, Optional.empty(), Optional.empty());
        }

        /**
         * Names the check, so that its result is found by that name in a quality report
         * ({@code report.result("ids complete")}, {@code runResult.check("ids complete")}).
         * Without a name, a check is named after its metric, such as {@code completeness(customer_id)}.
         *
         * <pre>{@code
         * Check.completeness("customer_id").named("customers known").atLeast(0.99)
         * }</pre>
         *
         * @param value the name, unique among the checks of a dataset
         * @return the same pending check with that name
         * @throws IllegalArgumentException if the name is blank
         */
        public Pending named(String value) {
            return new Pending(metric, dimension, inPercent, anomaly, Optional.of(checkName(value)));
        }

        /** @return the same check with the threshold in percent of the rows (for counts) */
        public Pending percent() {
            return new Pending(metric, dimension, true, anomaly, name);
        }

        /**
         * @param window how many earlier runs the moving mean takes
         * @return a check on the deviation of the metric from its moving mean, in standard deviations
         */
        public Pending deviation(int window) {
            return new Pending(metric, dimension, inPercent, Optional.of(new Anomaly(Anomaly.Kind.DEVIATION, window)), name);
        }

        /** @return a check on the absolute change of the metric since the previous run */
        public Pending absoluteChange() {
            return new Pending(metric, dimension, inPercent, Optional.of(new Anomaly(Anomaly.Kind.ABSOLUTE_CHANGE, 1)),
                    name);
        }

        /** @return a check on the relative change of the metric since the previous run */
        public Pending relativeChange() {
            return new Pending(metric, dimension, inPercent, Optional.of(new Anomaly(Anomaly.Kind.RELATIVE_CHANGE, 1)),
                    name);
        }

        /** @param threshold the values that pass @return the check, of severity error */
        public Check meeting(Threshold threshold) {
            String checkName = name.orElseGet(() -> anomaly.map(a -> a.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " of ").orElse("") + metric.describe() + (inPercent ? " %" : ""));
            return new Check(checkName, "", metric, inPercent, threshold, Severity.ERROR, dimension, "", anomaly);
        }

        /** @param min the smallest passing value @return the check */
        public Check atLeast(double min) {
            return meeting(Threshold.atLeast(min));
        }

        /** @param max the largest passing value @return the check */
        public Check atMost(double max) {
            return meeting(Threshold.atMost(max));
        }

        /** @param min the value to exceed @return the check */
        public Check greaterThan(double min) {
            return meeting(Threshold.greaterThan(min));
        }

        /** @param max the value to stay under @return the check */
        public Check lessThan(double max) {
            return meeting(Threshold.lessThan(max));
        }

        /** @param min inclusive @param max inclusive @return the check */
        public Check between(double min, double max) {
            return meeting(Threshold.between(min, max));
        }

        /** @param value the only passing value @return the check */
        public Check exactly(double value) {
            return meeting(Threshold.exactly(value));
        }

        /** @return the check that the count is zero */
        public Check noFailures() {
            return exactly(0);
        }

        /**
         * A tolerance: at least this share of the rows must pass, for counts of failing rows (nulls,
         * missing, invalid, duplicates, orphans, violations).
         *
         * @param share the share of rows that must pass, 0 to 1, such as 0.99
         * @return the check, judging the failing rows in percent: at most {@code (1 - share) * 100}
         * @throws IllegalArgumentException if the share is not 0 to 1 or the metric is not a count
         */
        public Check tolerance(double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("a tolerance is a share of rows, 0 to 1, not " + share);
            }
            if (!metric.isCount() || metric instanceof Metric.RowCount) {
                throw new IllegalArgumentException(metric.describe() + " does not count failing rows, so it takes no "
                        + "tolerance");
            }
            // in decimal, so that tolerance(0.9) allows exactly 10%, not 9.999999999999998%
            return percent().atMost(java.math.BigDecimal.ONE.subtract(java.math.BigDecimal.valueOf(share))
                    .movePointRight(2).doubleValue());
        }

        /** @return a check that only records the metric */
        public Check recorded() {
            return meeting(Threshold.any()).severity(Severity.INFO);
        }

        /** @param maxAge the oldest acceptable newest value @return the freshness check */
        public Check within(Duration maxAge) {
            return atMost(maxAge.toMillis() / 1000.0);
        }
    }
}
