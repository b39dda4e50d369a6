package dev.dataproduct.core.feature;

import dev.dataproduct.api.feature.FeatureStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The one as-of rule, which the offline join and the online lookup both call, so that training and
 * serving cannot disagree: the row chosen for an entity at time {@code t} is its latest by
 * (event time, created time) with {@code event_time <= t}; it counts only if
 * {@code event_time > t - maxAge}. Times are microseconds since the epoch, UTC.
 */
final class AsOfRule {
    /** The time of a row without one (no created time): earlier than every real time. */
    static final long NO_TIME = Long.MIN_VALUE;

    private AsOfRule() {
    }

    /**
     * Orders two rows of one entity: by event time, then created time. Rows equal by both are
     * ordered by their position in the feature table, the later winning; the callers keep that.
     */
    static int order(long event1, long created1, long event2, long created2) {
        int c = Long.compare(event1, event2);
        return c != 0 ? c : Long.compare(created1, created2);
    }

    /**
     * Judges the row chosen for time {@code at}: {@code PRESENT} if it counts, {@code NOT_FOUND} if
     * there is none at or before {@code at}, {@code EXPIRED} if it is at least {@code maxAge} old.
     *
     * @param event the chosen row's event time, or {@link #NO_TIME} if there is none; a row from
     *     after {@code at} (a store that holds only the latest row) counts as none
     */
    static FeatureStatus judge(long event, long at, long maxAge) {
        if (event == NO_TIME || event > at) {
            return FeatureStatus.NOT_FOUND;
        }
        long age;
        try {
            age = Math.subtractExact(at, event);
        } catch (ArithmeticException e) {
            age = Long.MAX_VALUE;
        }
        return age >= maxAge ? FeatureStatus.EXPIRED : FeatureStatus.PRESENT;
    }

    /** The status of one feature of a row judged {@code rowStatus}. */
    static FeatureStatus featureStatus(FeatureStatus rowStatus, boolean valueIsNull) {
        return rowStatus == FeatureStatus.PRESENT && valueIsNull ? FeatureStatus.NULL_VALUE : rowStatus;
    }

    /**
     * @param time an {@link Instant}, a {@link LocalDateTime} (read as UTC) or a {@link LocalDate}
     *     (its start, UTC); {@code null} for none
     * @return microseconds since the epoch, or {@link #NO_TIME} for {@code null}
     * @throws IllegalArgumentException for a value of another kind
     */
    static long micros(Object time) {
        if (time == null) {
            return NO_TIME;
        }
        if (time instanceof Instant i) {
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
        }
        if (time instanceof LocalDateTime t) {
            return micros(t.toInstant(ZoneOffset.UTC));
        }
        if (time instanceof LocalDate d) {
            return Math.multiplyExact(d.toEpochDay(), 86_400_000_000L);
        }
        throw new IllegalArgumentException("a time must be a date or a timestamp, not a "
                + time.getClass().getSimpleName());
    }

    /** @return the instant of a time in microseconds */
    static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** @return a duration in microseconds, saturating at {@code Long.MAX_VALUE} */
    static long micros(Duration duration) {
        try {
            return Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1_000);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
