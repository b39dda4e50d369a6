package dev.dataproduct.api.metric;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * The grains a time dimension is grouped by. A bucket is named by its first day: a week starts on
 * Monday (ISO 8601, as DuckDB's {@code date_trunc('week', ...)}), a quarter on the first of January,
 * April, July or October. Timestamps are cut into days in UTC (a zone-less timestamp as written).
 */
public enum TimeGrain {
    /** One calendar day. */
    DAY,
    /** Seven days from Monday (ISO 8601). */
    WEEK,
    /** One calendar month. */
    MONTH,
    /** Three calendar months from January, April, July or October. */
    QUARTER,
    /** One calendar year. */
    YEAR;

    /**
     * @param day a day
     * @return the first day of the bucket of this grain holding it
     */
    public LocalDate truncate(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
            case YEAR -> LocalDate.of(day.getYear(), 1, 1);
        };
    }

    /**
     * @param day a day
     * @param count how many buckets of this grain to move (negative moves back)
     * @return the day moved by whole buckets, the day of month clamped (March 31 minus a month is
     *     February 28 or 29)
     */
    public LocalDate plus(LocalDate day, long count) {
        return switch (this) {
            case DAY -> day.plusDays(count);
            case WEEK -> day.plusWeeks(count);
            case MONTH -> day.plusMonths(count);
            case QUARTER -> day.plusMonths(3 * count);
            case YEAR -> day.plusYears(count);
        };
    }

    /**
     * @param other another grain
     * @return whether every bucket of {@code other} is a whole number of buckets of this grain
     *     (a month is whole days, a year whole quarters; a month is not whole weeks)
     */
    public boolean divides(TimeGrain other) {
        if (this == other || this == DAY) {
            return true;
        }
        return this != WEEK && other != WEEK && other.ordinal() > ordinal();
    }

    /** @return the grain's name in lower case, as in queries ({@code month}) */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
