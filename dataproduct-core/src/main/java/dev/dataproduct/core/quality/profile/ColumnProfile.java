package dev.dataproduct.core.quality.profile;

import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.quality.ValueCount;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one column of a profiled dataset holds.
 *
 * @param name the column name
 * @param type its logical type
 * @param nulls the rows without a value
 * @param completeness the share of rows with a value, 0 to 1 (1 for a dataset without rows)
 * @param approxDistinct the number of distinct non-null values: exact when {@link #topValues()} lists
 *     them all, otherwise a HyperLogLog estimate; empty for array and struct columns
 * @param min the smallest value of a numeric column; empty for other columns or without values
 * @param max the largest value of a numeric column; empty for other columns or without values
 * @param mean the mean of a numeric column; empty for other columns or without values
 * @param minLength the fewest characters (Unicode code points) of a value of a string column; empty
 *     for other columns or without values
 * @param maxLength the most characters of a value of a string column; empty for other columns or
 *     without values
 * @param topValues every distinct value with its count, most frequent first (ties by value), when
 *     the column has at most {@link Profiler#TOP_VALUES} distinct values; empty for a column with more,
 *     without values, of array or struct type, or classified confidential or restricted (whose values
 *     a profile does not keep)
 */
public record ColumnProfile(String name, LogicalType type, long nulls, double completeness,
                            Optional<Long> approxDistinct, Optional<Double> min, Optional<Double> max,
                            Optional<Double> mean, Optional<Integer> minLength, Optional<Integer> maxLength,
                            List<ValueCount> topValues) {

    /** Validates and copies the components. */
    public ColumnProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(approxDistinct, "approxDistinct");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(minLength, "minLength");
        Objects.requireNonNull(maxLength, "maxLength");
        topValues = List.copyOf(topValues);
        if (nulls < 0) {
            throw new IllegalArgumentException("column '" + name + "' cannot have " + nulls + " nulls");
        }
    }

    /** @return whether every distinct value is listed in {@link #topValues()} */
    public boolean isLowCardinality() {
        return !topValues.isEmpty();
    }
}
