package dev.dataproduct.api.metric;

import java.util.Objects;
import java.util.Optional;

/**
 * A dimension a query groups by, at a grain when it is a time dimension. Written
 * {@code region} or {@code ordered_at__month} (the dimension, two underscores, the grain), which is
 * also the name of its column in results.
 *
 * @param dimension the dimension's name
 * @param grain the grain of a time dimension; empty for a categorical one
 */
public record GroupBy(String dimension, Optional<TimeGrain> grain) {

    private static final String GRAIN_SEPARATOR = "__";

    /** Validates the components. */
    public GroupBy {
        Names.check(dimension, "dimension");
        Objects.requireNonNull(grain, "grain");
    }

    /**
     * @param text {@code dimension} or {@code dimension__grain} ({@code ordered_at__month})
     * @return the group
     * @throws IllegalArgumentException if the grain is not day, week, month, quarter or year
     */
    public static GroupBy parse(String text) {
        Objects.requireNonNull(text, "text");
        int at = text.lastIndexOf(GRAIN_SEPARATOR);
        if (at <= 0) {
            return new GroupBy(text, Optional.empty());
        }
        String grain = text.substring(at + GRAIN_SEPARATOR.length());
        for (TimeGrain g : TimeGrain.values()) {
            if (g.label().equals(grain)) {
                return new GroupBy(text.substring(0, at), Optional.of(g));
            }
        }
        throw new IllegalArgumentException("'" + text + "' ends in an unknown grain '" + grain
                + "': use day, week, month, quarter or year");
    }

    /** @return the column name in results: {@code region} or {@code ordered_at__month} */
    public String column() {
        return grain.map(g -> dimension + GRAIN_SEPARATOR + g.label()).orElse(dimension);
    }

    @Override
    public String toString() {
        return column();
    }
}
