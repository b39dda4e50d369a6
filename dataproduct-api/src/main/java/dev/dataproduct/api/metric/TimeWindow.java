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

    /**
     * @param buckets the grain of a query
     * @return whether this span is a whole number of buckets of that grain, so that shifting a bucket
     *     by it lands on a bucket: 14 days are two weeks, 3 months a quarter, 12 months or 4 quarters a
     *     year; a month is not a whole number of weeks
     */
    public boolean isWholeNumberOf(TimeGrain buckets) {
        if (buckets.divides(grain)) {
            return true;
        }
        return switch (buckets) {
            case WEEK -> grain == TimeGrain.DAY && count % 7 == 0;
            case QUARTER -> grain == TimeGrain.MONTH && count % 3 == 0;
            case YEAR -> grain == TimeGrain.MONTH && count % 12 == 0 || grain == TimeGrain.QUARTER && count % 4 == 0;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return count + " " + grain.label() + (count == 1 ? "" : "s");
    }
}
