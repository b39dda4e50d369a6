package dev.dataproduct.api.metric;

/**
 * How a {@link Measure} aggregates the values of its expression. As in SQL, null values are
 * skipped; an aggregate over no value is null, except the counts, which are 0.
 */
public enum Aggregation {
    /** The sum of the values; a float64 in results. */
    SUM,
    /** How many values are not null (count rows with a literal: {@code Measure.count("orders")}). */
    COUNT,
    /** How many distinct values are not null. */
    COUNT_DISTINCT,
    /** The smallest value; a float64 in results. NaN counts as greater than every number, as in SQL. */
    MIN,
    /** The largest value; a float64 in results: NaN when any value is NaN, as in SQL. */
    MAX,
    /** The mean of the values; a float64 in results. */
    AVERAGE;

    /** @return whether the aggregate is a count (an int64, 0 over no value) */
    public boolean isCount() {
        return this == COUNT || this == COUNT_DISTINCT;
    }

    /** @return the name in lower case, as in the YAML export ({@code count_distinct}) */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
