package dev.dataproduct.api.quality;

import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.schema.Field;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a check measures over a dataset. Metrics are values: two checks on equal metrics share one
 * computation. Counts of failing rows ({@link #isRowLevel() row-level} metrics) also tell which
 * rows fail, so that the runtime can quarantine exactly those.
 */
public sealed interface Metric {

    /** @return the columns the metric reads */
    List<String> columns();

    /** @return a short readable name, such as {@code nullCount(customer_id)} */
    String describe();

    /** @return whether the metric counts rows that fail a per-row rule */
    default boolean isRowLevel() {
        return false;
    }

    /** @return whether the value is a count of rows, which a check may express as a percentage */
    default boolean isCount() {
        return false;
    }

    /** The number of rows. */
    record RowCount() implements Metric {
        @Override public List<String> columns() { return List.of(); }
        @Override public String describe() { return "rowCount"; }
        @Override public boolean isCount() { return true; }
    }

    /** @param column the column whose nulls are counted */
    record NullCount(String column) implements Metric {
        /** Validates the column. */
        public NullCount { Objects.requireNonNull(column, "column"); }
        @Override public List<String> columns() { return List.of(column); }
        @Override public String describe() { return "nullCount(" + column + ")"; }
        @Override public boolean isRowLevel() { return true; }
        @Override public boolean isCount() { return true; }
    }

    /** @param column the column; the value is the share of rows with a value, 0 to 1 */
    record Completeness(String column) implements Metric {
        /** Validates the column. */
        public Completeness { Objects.requireNonNull(column, "column"); }
        @Override public List<String> columns() { return List.of(column); }
        @Override public String describe() { return "completeness(" + column + ")"; }
        @Override public boolean isRowLevel() { return true; }
    }

    /**
     * Rows whose value is null or one of the values that count as missing.
     *
     * @param column the column
     * @param missingValues values, as text, that count as missing, such as {@code ""} or {@code N/A}
     */
    record MissingCount(String column, List<String> missingValues) implements Metric {
        /** Validates and copies the components. */
        public MissingCount {
            Objects.requireNonNull(column, "column");
            missingValues = List.copyOf(missingValues);
        }
        @Override public List<String> columns() { return List.of(column); }
        @Override public String describe() { return "missingCount(" + column + ", " + missingValues + ")"; }
        @Override public boolean isRowLevel() { return true; }
        @Override public boolean isCount() { return true; }
    }

    /**
     * Rows whose value is present but not valid; nulls are not counted.
     *
     * @param column the column
     * @param validity what a valid value is
     */
    record InvalidCount(String column, Validity validity) implements Metric {
        /** Validates the components. */
        public InvalidCount {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(validity, "validity");
        }
        @Override public List<String> columns() { return List.of(column); }
        @Override public String describe() { return "invalidCount(" + column + ", " + validity + ")"; }
        @Override public boolean isRowLevel() { return true; }
        @Override public boolean isCount() { return true; }
    }

    /**
     * What a valid value is: one of the allowed values, matching a pattern, within a range, or of a
     * length within bounds. Unset parts do not restrict.
     *
     * @param allowedValues the allowed values as text; empty for any
     * @param pattern a regular expression the whole value matches
     * @param min the smallest valid number
     * @param max the largest valid number
     * @param minLength the fewest characters
     * @param maxLength the most characters
     */
    record Validity(List<String> allowedValues, Optional<String> pattern, Optional<Double> min, Optional<Double> max,
                    Optional<Integer> minLength, Optional<Integer> maxLength) {
        /** Validates and copies the components. */
        public Validity {
            allowedValues = List.copyOf(allowedValues);
            Objects.requireNonNull(pattern, "pattern");
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            Objects.requireNonNull(minLength, "minLength");
            Objects.requireNonNull(maxLength, "maxLength");
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (!allowedValues.isEmpty()) {
                sb.append("in ").append(allowedValues);
            }
            pattern.ifPresent(p -> sb.append(sb.length() > 0 ? ", " : "").append("matching '").append(p).append("'"));
            if (min.isPresent() || max.isPresent()) {
                sb.append(sb.length() > 0 ? ", " : "").append("in [").append(min.map(String::valueOf).orElse(""))
                        .append(", ").append(max.map(String::valueOf).orElse("")).append("]");
            }
            if (minLength.isPresent() || maxLength.isPresent()) {
                sb.append(sb.length() > 0 ? ", " : "").append("length [").append(minLength.map(String::valueOf)
                        .orElse("")).append(", ").append(maxLength.map(String::valueOf).orElse("")).append("]");
            }
            return sb.toString();
        }
    }

    /**
     * Rows whose key repeats the key of an earlier row: rows minus distinct keys. Rows whose key
     * columns are all null are not counted.
     *
     * @param columns the key columns
     */
    record DuplicateCount(List<String> columns) implements Metric {
        /** Validates and copies the columns. */
        public DuplicateCount {
            columns = List.copyOf(columns);
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("a duplicate count needs at least one column");
            }
        }
        @Override public String describe() { return "duplicateCount(" + String.join(", ", columns) + ")"; }
        @Override public boolean isCount() { return true; }
    }

    /** The statistics of a numeric column. */
    enum Statistic {
        /** The smallest value. */
        MIN,
        /** The largest value. */
        MAX,
        /** The arithmetic mean. */
        MEAN,
        /** The sum. */
        SUM,
        /** The sample standard deviation. */
        STDDEV
    }

    /**
     * A statistic of the non-null values of a numeric (or, for min and max, temporal) column. A
     * column with no values yields NaN, which fails every threshold.
     *
     * @param column the column
     * @param statistic which statistic
     */
    record Stat(String column, Statistic statistic) implements Metric {
        /** Validates the components. */
        public Stat {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(statistic, "statistic");
        }
        @Override public List<String> columns() { return List.of(column); }
        @Override public String describe() {
            return statistic.name().toLowerCase(java.util.Locale.ROOT) + "(" + column + ")";
        }
    }

    /** @param column the column whose distinct non-null values are counted approximately (HyperLogLog) */
    record ApproxDistinct(String column) implements Metric {
        /** Validates the column. */
        public ApproxDistinct { Objects.requireNonNull(column, "column"); }
        @Override public List<String> columns() { return List.of(column); }
        @Override public String describe() { return "approxDistinct(" + column + ")"; }
    }

    /**
     * An approximate quantile of a numeric column (KLL sketch).
     *
     * @param column the column
     * @param rank the rank, 0 to 1, such as 0.95
     */
    record Quantile(String column, double rank) implements Metric {
        /** Validates the components. */
        public Quantile {
            Objects.requireNonNull(column, "column");
            if (!(rank >= 0 && rank <= 1)) {
                throw new IllegalArgumentException("a quantile rank must be 0 to 1, not " + rank);
            }
        }
        @Override public List<String> columns() { return List.of(column); }
        @Override public String describe() { return "quantile(" + column + ", " + rank + ")"; }
    }

    /** @param column a timestamp or date column; the value is the age of its newest value, in seconds */
    record Freshness(String column) implements Metric {
        /** Validates the column. */
        public Freshness { Objects.requireNonNull(column, "column"); }
        @Override public List<String> columns() { return List.of(column); }
        @Override public String describe() { return "freshnessSeconds(" + column + ")"; }
    }

    /**
     * Rows whose non-null value is not a value of a column of another dataset.
     *
     * @param column the referencing column
     * @param referenceDataset the dataset referred to, by name (an input or output of the product)
     * @param referenceColumn the column referred to
     */
    record OrphanCount(String column, String referenceDataset, String referenceColumn) implements Metric {
        /** Validates the components. */
        public OrphanCount {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(referenceDataset, "referenceDataset");
            Objects.requireNonNull(referenceColumn, "referenceColumn");
        }
        @Override public List<String> columns() { return List.of(column); }
        @Override public String describe() {
            return "orphanCount(" + column + " -> " + referenceDataset + "." + referenceColumn + ")";
        }
        @Override public boolean isRowLevel() { return true; }
        @Override public boolean isCount() { return true; }
    }

    /** @param predicate what every row must satisfy; the value counts rows where it is not true */
    record Violations(Expr predicate) implements Metric {
        /** Validates the predicate. */
        public Violations { Objects.requireNonNull(predicate, "predicate"); }
        @Override public List<String> columns() { return List.copyOf(predicate.columns()); }
        @Override public String describe() { return "violations(" + predicate + ")"; }
        @Override public boolean isRowLevel() { return true; }
        @Override public boolean isCount() { return true; }
    }

    /**
     * The number of expected columns the dataset lacks or has with another type.
     *
     * @param expected the columns expected, with their types
     */
    record SchemaMismatch(List<Field> expected) implements Metric {
        /** Validates and copies the columns. */
        public SchemaMismatch { expected = List.copyOf(expected); }
        @Override public List<String> columns() { return List.of(); }
        @Override public String describe() {
            return "schemaMismatch(" + expected.stream().map(f -> f.name() + " " + f.type().typeName()).toList() + ")";
        }
    }

    /**
     * A metric written in Java.
     *
     * @param name the metric's name
     * @param columns the columns it reads
     * @param metric the computation
     */
    record Custom(String name, List<String> columns, CustomMetric<?> metric) implements Metric {
        /** Validates the components. */
        public Custom {
            Objects.requireNonNull(name, "name");
            columns = List.copyOf(columns);
            Objects.requireNonNull(metric, "metric");
        }
        @Override public String describe() { return name; }
    }
}
