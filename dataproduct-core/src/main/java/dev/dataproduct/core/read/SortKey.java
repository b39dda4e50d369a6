package dev.dataproduct.core.read;

import java.util.Objects;

/**
 * One key of a read's order. Nulls come last in either direction; rows with equal keys keep
 * their stored order, so paging through an ordered read is stable.
 *
 * @param column a visible column
 * @param descending whether larger values come first
 */
public record SortKey(String column, boolean descending) {
    /** Validates the column. */
    public SortKey {
        Objects.requireNonNull(column, "column");
    }

    /** @param column a column @return ascending order on it */
    public static SortKey asc(String column) {
        return new SortKey(column, false);
    }

    /** @param column a column @return descending order on it */
    public static SortKey desc(String column) {
        return new SortKey(column, true);
    }
}
