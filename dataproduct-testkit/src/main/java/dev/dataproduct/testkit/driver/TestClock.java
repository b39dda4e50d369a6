package dev.dataproduct.testkit.driver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that stands still until a test moves it: runs, commits and freshness checks all read
 * it, so a test of freshness or of a schedule needs no sleeping.
 *
 * <pre>{@code
 * driver.clock().advance(Duration.ofHours(25));   // the data is now a day old
 * }</pre>
 */
public final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /**
     * @param duration how far to move the clock forward; not negative
     * @return this clock
     */
    public TestClock advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a test clock only moves forward; got " + duration);
        }
        now = now.plus(duration);
        return this;
    }

    /**
     * @param instant the new time; it may lie before the current one, to replay a past day
     * @return this clock
     */
    public TestClock set(Instant instant) {
        now = Objects.requireNonNull(instant, "instant");
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** @return this clock: a test clock is always UTC */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public String toString() {
        return "TestClock[" + now + "]";
    }
}
