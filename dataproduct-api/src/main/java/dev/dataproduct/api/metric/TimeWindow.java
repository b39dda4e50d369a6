package dev.dataproduct.api.metric;

import java.util.Objects;

/**
 * A span of whole buckets of a grain, such as one month or seven days: the offset of a derived
 * metric's input, or the window of a cumulative metric.
 *
 * @param count how many buckets, at least 1
 * @param grain of which grain
 */
public record TimeWindow(int count, TimeGrain grain) {

    /** Validates the components. */
    public TimeWindow {
        Objects.requireNonNull(grain, "grain");
        if (count < 1) {
            throw new IllegalArgumentException("a time window spans at least one " + grain.label() + ", not " + count);
        }
    }

    /**
     * @param count how many buckets
     * @param grain of which grain
     * @return the window
     */
    public static TimeWindow of(int count, TimeGrain grain) {
        return new TimeWindow(count, grain);
    }

    @Override
    public String toString() {
        return count + " " + grain.label() + (count == 1 ? "" : "s");
    }
}
