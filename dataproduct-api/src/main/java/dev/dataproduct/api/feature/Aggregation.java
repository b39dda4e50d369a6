package dev.dataproduct.api.feature;

import dev.dataproduct.api.schema.LogicalType;

/**
 * How a rolling feature aggregates the values of its trailing window. Null values are skipped; a
 * boolean value counts as 1 (true) or 0 (false), so the mean of a predicate is a rate.
 */
public enum Aggregation {
    /** The number of non-null values (0 for an empty window); a 64-bit integer. */
    COUNT,
    /** The sum of the values; null for a window without a value. */
    SUM,
    /** The arithmetic mean of the values; null for a window without a value. */
    MEAN,
    /** The least value; null for a window without a value. */
    MIN,
    /** The greatest value; null for a window without a value. */
    MAX;

    /** @return the type of the aggregate: {@code int64} for a count, {@code float64} otherwise */
    public LogicalType resultType() {
        return this == COUNT ? LogicalType.INT64 : LogicalType.FLOAT64;
    }
}
