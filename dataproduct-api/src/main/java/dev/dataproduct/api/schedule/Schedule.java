package dev.dataproduct.api.schedule;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a product host runs a product: at a fixed interval, at the times of a cron expression in a
 * time zone, or whenever an input has a new snapshot. A product carries one schedule
 * ({@code DataProduct.Builder.schedule(...)}); the host runs it once started.
 *
 * {@snippet :
 * DataProduct.builder("purchases")
 *     // ...
 *     .schedule(Schedule.cron("0 6 * * *", ZoneId.of("Europe/Berlin")).withJitter(Duration.ofMinutes(10)))
 *     .build();
 * }
 *
 * <p>Clock schedules have <em>slots</em> ({@link #nextSlot(Instant)}); the host starts the run of a
 * slot up to {@link #jitter()} after it, at an offset fixed for each product, so that products with
 * the same schedule do not all start at once.
 */
public sealed interface Schedule permits Schedule.Every, Schedule.Cron, Schedule.OnInputSnapshot {

    /**
     * A schedule with a slot every {@code period}, counted from the epoch (so {@code every(1 hour)}
     * runs on the hour, UTC).
     *
     * @param period the time between slots, one second or more
     * @return the schedule
     * @throws IllegalArgumentException if the period is shorter than a second
     */
    static Every every(Duration period) {
        return new Every(period, Instant.EPOCH, Duration.ZERO);
    }

    /**
     * A schedule with a slot at each time a cron expression names, on the wall clock of a zone.
     *
     * @param expression a five-field cron expression (see {@link CronExpression})
     * @param zone the zone of the wall clock, such as {@code ZoneId.of("Europe/Berlin")}
     * @return the schedule
     * @throws IllegalArgumentException naming the field of the expression that is wrong
     */
    static Cron cron(String expression, ZoneId zone) {
        return new Cron(CronExpression.parse(expression), zone, Duration.ZERO);
    }

    /**
     * A run each time one of some inputs of the product has a new snapshot, instead of the clock.
     * The inputs must read another product (their {@code upstream()} is present).
     *
     * @param inputs the names of the inputs watched; none means every input that reads a product
     * @return the schedule
     */
    static OnInputSnapshot onInputSnapshot(String... inputs) {
        return new OnInputSnapshot(List.of(inputs), Duration.ZERO);
    }

    /** @return the most a run starts after its slot, to spread products; zero by default */
    Duration jitter();

    /**
     * @param max the most a run may start after its slot; the host picks an offset below it,
     *     fixed for each product
     * @return this schedule with that jitter
     * @throws IllegalArgumentException if negative, or for an interval not shorter than its period
     */
    Schedule withJitter(Duration max);

    /**
     * @param after an instant (excluded)
     * @return the first slot after it; empty for a schedule triggered by inputs
     */
    Optional<Instant> nextSlot(Instant after);

    /**
     * A slot every {@code period} from {@code anchor}.
     *
     * @param period the time between slots, one second or more
     * @param anchor an instant that is a slot
     * @param jitter the most a run starts after its slot, shorter than the period
     */
    record Every(Duration period, Instant anchor, Duration jitter) implements Schedule {
        /** Validates the period and the jitter. */
        public Every {
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(anchor, "anchor");
            checkJitter(jitter);
            if (period.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("a schedule's period must be one second or more, got " + period);
            }
            if (jitter.compareTo(period) >= 0) {
                throw new IllegalArgumentException("jitter " + jitter + " must be shorter than the period " + period
                        + ", or runs of one slot would start after the next slot");
            }
        }

        /**
         * @param value an instant that is a slot, such as a day's start in a zone
         * @return this schedule with its slots counted from there
         */
        public Every from(Instant value) {
            return new Every(period, value, jitter);
        }

        @Override
        public Every withJitter(Duration max) {
            return new Every(period, anchor, max);
        }

        @Override
        public Optional<Instant> nextSlot(Instant after) {
            // whole periods from the anchor, floored, in exact nanoseconds
            BigInteger[] qr = nanos(Duration.between(anchor, after)).divideAndRemainder(nanos(period));
            BigInteger whole = qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
            return Optional.of(anchor.plus(period.multipliedBy(whole.longValueExact() + 1)));
        }

        private static BigInteger nanos(Duration d) {
            return BigInteger.valueOf(d.getSeconds()).multiply(BigInteger.valueOf(1_000_000_000L))
                    .add(BigInteger.valueOf(d.getNano()));
        }
    }

    /**
     * A slot at each time a cron expression names on the wall clock of a zone.
     *
     * @param expression the cron expression
     * @param zone the zone of its wall clock
     * @param jitter the most a run starts after its slot
     */
    record Cron(CronExpression expression, ZoneId zone, Duration jitter) implements Schedule {
        /** Validates the components. */
        public Cron {
            Objects.requireNonNull(expression, "expression");
            Objects.requireNonNull(zone, "zone");
            checkJitter(jitter);
        }

        @Override
        public Cron withJitter(Duration max) {
            return new Cron(expression, zone, max);
        }

        @Override
        public Optional<Instant> nextSlot(Instant after) {
            return expression.next(after, zone);
        }
    }

    /**
     * A run whenever an input has a new snapshot.
     *
     * @param inputs the names of the inputs watched; empty for every input that reads a product
     * @param jitter the most a run starts after the new snapshot is seen
     */
    record OnInputSnapshot(List<String> inputs, Duration jitter) implements Schedule {
        /** Validates the components and copies the list. */
        public OnInputSnapshot {
            inputs = List.copyOf(inputs);
            checkJitter(jitter);
        }

        @Override
        public OnInputSnapshot withJitter(Duration max) {
            return new OnInputSnapshot(inputs, max);
        }

        @Override
        public Optional<Instant> nextSlot(Instant after) {
            return Optional.empty();
        }
    }

    private static void checkJitter(Duration jitter) {
        Objects.requireNonNull(jitter, "jitter");
        if (jitter.isNegative()) {
            throw new IllegalArgumentException("jitter must not be negative, got " + jitter);
        }
    }
}
