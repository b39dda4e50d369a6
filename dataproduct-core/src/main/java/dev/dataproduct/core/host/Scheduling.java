package dev.dataproduct.core.host;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * How a {@link ProductHost} runs the schedules of its products: in which time, on which threads,
 * whom it tells, how it spreads products, how often it looks for new input snapshots.
 *
 * {@snippet :
 * Scheduling scheduling = Scheduling.builder()
 *     .timeline(VirtualTimeline.startingAt(start))   // or Timeline.system(), the default
 *     .executor(Runnable::run)                       // runs on the timeline's thread
 *     .listener(run -> log.info("{}", run))
 *     .jitterSeed(42)
 *     .build();
 * }
 *
 * @param timeline the clock and wake-ups; empty for the system's, made and closed by the host
 * @param executor where runs execute; empty for a thread per running product, made and shut down
 *     by the host
 * @param listener told what became of every slot
 * @param jitterSeed mixed with each product's address into the product's jitter offset
 * @param inputPoll how often products scheduled on input snapshots look for new ones
 * @param inputVersions how new input snapshots are seen; empty for the host's store
 */
public record Scheduling(Optional<Timeline> timeline, Optional<Executor> executor, ScheduleListener listener,
                         long jitterSeed, Duration inputPoll, Optional<InputVersions> inputVersions) {

    /** Validates the components. */
    public Scheduling {
        Objects.requireNonNull(timeline, "timeline");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(inputVersions, "inputVersions");
        if (inputPoll.isNegative() || inputPoll.isZero()) {
            throw new IllegalArgumentException("inputPoll must be positive, got " + inputPoll);
        }
    }

    /** @return the system's time and threads, no listener, seed 0, inputs polled every minute */
    public static Scheduling defaults() {
        return builder().build();
    }

    /** @return a builder starting from {@link #defaults()} */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Scheduling}. */
    public static final class Builder {
        private Timeline timeline;
        private Executor executor;
        private ScheduleListener listener = ScheduleListener.none();
        private long jitterSeed;
        private Duration inputPoll = Duration.ofMinutes(1);
        private InputVersions inputVersions;

        private Builder() {
        }

        /** @param value the clock and wake-ups, such as a {@link VirtualTimeline} @return this builder */
        public Builder timeline(Timeline value) {
            this.timeline = Objects.requireNonNull(value, "timeline");
            return this;
        }

        /**
         * @param value where runs execute, such as {@code Runnable::run} to run on the timeline's
         *     thread; the caller shuts it down
         * @return this builder
         */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /** @param value told what became of every slot @return this builder */
        public Builder listener(ScheduleListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /** @param value mixed with each product's address into its jitter offset @return this builder */
        public Builder jitterSeed(long value) {
            this.jitterSeed = value;
            return this;
        }

        /** @param value how often to look for new input snapshots @return this builder */
        public Builder inputPoll(Duration value) {
            this.inputPoll = Objects.requireNonNull(value, "inputPoll");
            return this;
        }

        /** @param value how new input snapshots are seen @return this builder */
        public Builder inputVersions(InputVersions value) {
            this.inputVersions = Objects.requireNonNull(value, "inputVersions");
            return this;
        }

        /** @return the settings */
        public Scheduling build() {
            return new Scheduling(Optional.ofNullable(timeline), Optional.ofNullable(executor), listener, jitterSeed,
                    inputPoll, Optional.ofNullable(inputVersions));
        }
    }
}
