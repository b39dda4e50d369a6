package dev.dataproduct.core.expr;

import org.apache.arrow.vector.types.TimeUnit;

/**
 * Conversions of timestamps between Arrow's units that never wrap and never throw: a value too
 * large for a finer unit saturates to {@code Long.MIN_VALUE} or {@code Long.MAX_VALUE} (so it still
 * sorts before or after every value that fits), and a conversion to a coarser unit floors. A
 * timestamp column holding a second count of the year 300,000 is bad data, not a reason to stop a
 * run.
 */
public final class TimestampUnits {
    private TimestampUnits() {
    }

    /**
     * @param value a timestamp in unit {@code from}
     * @param from its unit
     * @param to the unit wanted
     * @return the timestamp in unit {@code to}: floored to a coarser unit, saturated to a finer one
     */
    public static long rescale(long value, TimeUnit from, TimeUnit to) {
        long f = perSecond(from);
        long t = perSecond(to);
        return t >= f ? saturatedMultiply(value, t / f) : Math.floorDiv(value, f / t);
    }

    /**
     * @param value a timestamp in unit {@code from}
     * @param from its unit
     * @return the timestamp in microseconds, as {@link #rescale} gives it
     */
    public static long toMicros(long value, TimeUnit from) {
        return rescale(value, from, TimeUnit.MICROSECOND);
    }

    /**
     * @param value a value
     * @param factor a positive factor
     * @return {@code value * factor}, or the long nearest to it if it does not fit
     */
    public static long saturatedMultiply(long value, long factor) {
        long r = value * factor;
        return Math.multiplyHigh(value, factor) == (r >> 63) ? r : value < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }

    private static long perSecond(TimeUnit unit) {
        switch (unit) {
            case SECOND: return 1L;
            case MILLISECOND: return 1_000L;
            case MICROSECOND: return 1_000_000L;
            default: return 1_000_000_000L;
        }
    }
}
