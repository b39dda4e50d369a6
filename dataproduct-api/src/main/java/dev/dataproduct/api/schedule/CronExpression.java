package dev.dataproduct.api.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A standard five-field cron expression: {@code minute hour day-of-month month day-of-week}.
 *
 * <p>Each field is {@code *} or a comma-separated list of values, ranges {@code a-b} and steps
 * ({@code *}{@code /n}, {@code a-b/n}, and {@code a/n}, which means {@code a} to the field's maximum
 * every {@code n}). Months may be named {@code JAN}..{@code DEC} and days of the week
 * {@code SUN}..{@code SAT} (any case); Sunday is {@code 0} or {@code 7}.
 *
 * <p>Days follow the rule of Vixie cron: when both the day-of-month and the day-of-week fields are
 * restricted (neither starts with {@code *}), a day matches if <em>either</em> matches
 * ({@code 0 0 13 * FRI} runs on every 13th and every Friday); otherwise both must match, so a field
 * starting with {@code *}, such as {@code *}{@code /2}, narrows the other.
 *
 * <p>Times are wall-clock times in a zone ({@link #next(Instant, ZoneId)}): a time a spring-forward
 * skips fires once, at the first instant after the gap (several skipped times fire once together);
 * a time an autumn fall-back repeats fires once, at its first occurrence.
 *
 * {@snippet :
 * CronExpression daily = CronExpression.parse("0 6 * * MON-FRI");
 * Instant next = daily.next(Instant.now(), ZoneId.of("Europe/Berlin")).orElseThrow();
 * }
 */
public final class CronExpression {
    private static final List<String> FIELDS = List.of("minute", "hour", "day of month", "month", "day of week");
    private static final int[] MIN = {0, 0, 1, 1, 0};
    private static final int[] MAX = {59, 23, 31, 12, 7};
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** A cron that can fire fires at least once in any 8 years: Feb 29 comes back within that. */
    private static final int SEARCH_DAYS = 366 * 9;

    private final String text;
    private final long[] masks;
    private final boolean dayOfMonthStar;
    private final boolean dayOfWeekStar;

    private CronExpression(String text, long[] masks, boolean dayOfMonthStar, boolean dayOfWeekStar) {
        this.text = text;
        this.masks = masks;
        this.dayOfMonthStar = dayOfMonthStar;
        this.dayOfWeekStar = dayOfWeekStar;
    }

    /**
     * Parses an expression.
     *
     * @param expression five fields separated by blanks, such as {@code 0 6 * * *}
     * @return the expression
     * @throws IllegalArgumentException naming the field and what is wrong with it, or saying that
     *     the expression can never fire (such as {@code 0 0 30 2 *})
     */
    public static CronExpression parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        String[] parts = expression.strip().split("\\s+");
        if (parts.length != 5) {
            throw new IllegalArgumentException("cron expression '" + expression + "' has " + (expression.isBlank() ? 0
                    : parts.length) + " fields; write five: minute hour day-of-month month day-of-week, such as "
                    + "'0 6 * * *'");
        }
        long[] masks = new long[5];
        for (int i = 0; i < 5; i++) {
            try {
                masks[i] = field(i, parts[i]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cron expression '" + expression + "', field " + (i + 1) + " ("
                        + FIELDS.get(i) + ") '" + parts[i] + "': " + e.getMessage(), e);
            }
        }
        if ((masks[4] & 1L << 7) != 0) {  // 7 is Sunday too
            masks[4] = (masks[4] | 1L) & ~(1L << 7);
        }
        CronExpression cron = new CronExpression(String.join(" ", parts), masks, parts[2].startsWith("*"),
                parts[4].startsWith("*"));
        if (!cron.dayOfWeekStar && !cron.dayOfMonthStar || cron.daysOfMonthPossible()) {
            return cron;
        }
        throw new IllegalArgumentException("cron expression '" + expression + "' can never fire: no month it names "
                + "has the days of month it names; check the day-of-month (field 3) and month (field 4) fields");
    }

    /** Whether some named month has some named day (Feb counted with 29 days). */
    private boolean daysOfMonthPossible() {
        for (int month = 1; month <= 12; month++) {
            if ((masks[3] & 1L << month) != 0) {
                int length = java.time.Month.of(month).maxLength();
                long days = masks[2] & ((1L << (length + 1)) - 1);
                if (days != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long field(int index, String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        long mask = 0;
        for (String element : text.split(",", -1)) {
            mask |= element(index, element);
        }
        return mask;
    }

    private static long element(int index, String element) {
        if (element.isEmpty()) {
            throw new IllegalArgumentException("has an empty list element; separate values by single commas");
        }
        int slash = element.indexOf('/');
        String range = slash < 0 ? element : element.substring(0, slash);
        int step = 1;
        if (slash >= 0) {
            step = number(element.substring(slash + 1), "step");
            if (step < 1) {
                throw new IllegalArgumentException("step " + step + " must be 1 or more");
            }
        }
        int min = MIN[index];
        int max = MAX[index];
        int from;
        int to;
        if (range.equals("*")) {
            from = min;
            to = max;
        } else {
            int dash = range.indexOf('-', 1);
            from = value(index, dash < 0 ? range : range.substring(0, dash));
            to = dash < 0 ? (slash >= 0 ? max : from) : value(index, range.substring(dash + 1));
            if (to < from) {
                throw new IllegalArgumentException("range " + range + " runs backwards; write the lower bound first");
            }
        }
        long mask = 0;
        for (int v = from; v <= to; v += step) {
            mask |= 1L << v;
        }
        return mask;
    }

    private static int value(int index, String text) {
        List<String> names = index == 3 ? MONTHS : index == 4 ? DAYS : List.of();
        int named = names.indexOf(text.toUpperCase(Locale.ROOT));
        int v;
        if (named >= 0) {
            v = index == 3 ? named + 1 : named;
        } else {
            v = number(text, "value");
        }
        if (v < MIN[index] || v > MAX[index]) {
            throw new IllegalArgumentException(v + " is out of range " + MIN[index] + "-" + MAX[index]
                    + (index == 4 ? " (0 and 7 are Sunday)" : ""));
        }
        return v;
    }

    private static int number(String text, String what) {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a number" + (what.equals("value")
                    ? ", a range a-b, * or a name (JAN-DEC for months, SUN-SAT for days of the week)" : ""));
        }
        return Integer.parseInt(text);
    }

    /**
     * The first time the expression fires strictly after an instant, in a zone's wall-clock time.
     *
     * @param after the instant to search from (excluded)
     * @param zone the zone whose wall clock the fields describe
     * @return the next firing, or empty if none comes within the next nine years (only possible
     *     where the only matching day is one the calendar stops having, in practice never)
     */
    public Optional<Instant> next(Instant after, ZoneId zone) {
        Objects.requireNonNull(after, "after");
        ZoneRules rules = Objects.requireNonNull(zone, "zone").getRules();
        // wall-clock times map to instants in the same order (gaps and overlaps keep it), so the
        // first match whose instant is after `after` is the answer
        LocalDateTime start = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES);
        LocalDate day = start.toLocalDate();
        for (int d = 0; d < SEARCH_DAYS; d++, day = day.plusDays(1)) {
            if (!dayMatches(day)) {
                continue;
            }
            for (int h = 0; h < 24; h++) {
                if ((masks[1] & 1L << h) == 0) {
                    continue;
                }
                for (int m = 0; m < 60; m++) {
                    if ((masks[0] & 1L << m) == 0) {
                        continue;
                    }
                    LocalDateTime local = day.atTime(h, m);
                    if (local.isBefore(start)) {
                        continue;
                    }
                    Instant at = instant(local, rules);
                    if (at.isAfter(after)) {
                        return Optional.of(at);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The instant of a wall-clock time: its first occurrence, or the end of the gap it falls in.
     */
    private static Instant instant(LocalDateTime local, ZoneRules rules) {
        List<java.time.ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            ZoneOffsetTransition gap = rules.getTransition(local);
            return gap.getInstant();
        }
        // in an overlap the offset before the transition comes first: the earlier instant
        return local.toInstant(offsets.get(0));
    }

    /**
     * @param time a wall-clock time
     * @return whether the expression names its minute (seconds are ignored)
     */
    public boolean matches(LocalDateTime time) {
        return dayMatches(time.toLocalDate()) && (masks[1] & 1L << time.getHour()) != 0
                && (masks[0] & 1L << time.getMinute()) != 0;
    }

    private boolean dayMatches(LocalDate day) {
        if ((masks[3] & 1L << day.getMonthValue()) == 0) {
            return false;
        }
        boolean dom = (masks[2] & 1L << day.getDayOfMonth()) != 0;
        boolean dow = (masks[4] & 1L << (day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue()))
                != 0;
        return dayOfMonthStar || dayOfWeekStar ? dom && dow : dom || dow;
    }

    /** @return the expression, its fields separated by single spaces */
    @Override
    public String toString() {
        return text;
    }

    /** Two expressions are equal when they fire at the same times. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CronExpression c && java.util.Arrays.equals(masks, c.masks)
                && dayOfMonthStar == c.dayOfMonthStar && dayOfWeekStar == c.dayOfWeekStar;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(masks) * 31 + (dayOfMonthStar ? 2 : 0) + (dayOfWeekStar ? 1 : 0);
    }
}
