package dev.dataproduct.core.host;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A timeline that moves only when told: {@link #advanceTo(Instant)} runs, in order of time, every
 * wake-up due until then, each with the clock set to its instant. Work that takes time inside a
 * wake-up (a run that lasts an hour) moves the clock with {@link #elapse(Duration)}, which wakes
 * nothing: the wake-ups it passes run when the work returns, late, as they would in real time.
 *
 * {@snippet :
 * VirtualTimeline time = VirtualTimeline.startingAt(Instant.parse("2026-11-01T00:00:00Z"));
 * ProductRuntime runtime = ProductRuntime.builder().clock(time.clock()).build();
 * try (ProductHost host = ProductHost.builder(runtime, allocator).product(daily)
 *         .scheduling(Scheduling.builder().timeline(time).build()).build()) {
 *     host.start();
 *     time.advance(Duration.ofDays(30));   // thirty daily runs, on this thread
 * }
 * }
 *
 * <p>Safe to use from several threads; wake-ups run on the thread that advances the timeline.
 */
public final class VirtualTimeline implements Timeline {
    private final PriorityQueue<Planned> queue = new PriorityQueue<>();
    private final Clock clock = new VirtualClock(ZoneOffset.UTC);
    private Instant now;
    private long sequence;

    private record Planned(Instant at, long sequence, Runnable task) implements Comparable<Planned> {
        @Override
        public int compareTo(Planned o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    private VirtualTimeline(Instant start) {
        this.now = start;
    }

    /**
     * @param start the instant the clock shows until the timeline is moved
     * @return the timeline
     */
    public static VirtualTimeline startingAt(Instant start) {
        return new VirtualTimeline(Objects.requireNonNull(start, "start"));
    }

    /** @return the current instant of the timeline */
    public synchronized Instant now() {
        return now;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public synchronized Wakeup wakeAt(Instant at, Runnable task) {
        Planned p = new Planned(Objects.requireNonNull(at, "at"), sequence++, Objects.requireNonNull(task, "task"));
        queue.add(p);
        return () -> {
            synchronized (VirtualTimeline.this) {
                queue.remove(p);
            }
        };
    }

    /** @return the instant of the earliest wake-up planned, if any */
    public synchronized java.util.Optional<Instant> nextWakeup() {
        return java.util.Optional.ofNullable(queue.peek()).map(Planned::at);
    }

    /**
     * Moves the clock to an instant, running every wake-up due by then in order of time (those
     * planned meanwhile too), each with the clock at its instant or later.
     *
     * @param target the instant to reach; one in the past leaves the clock where it is
     */
    public void advanceTo(Instant target) {
        Objects.requireNonNull(target, "target");
        while (true) {
            Planned next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at().isAfter(target)) {
                    if (target.isAfter(now)) {
                        now = target;
                    }
                    return;
                }
                queue.poll();
                if (next.at().isAfter(now)) {
                    now = next.at();
                }
            }
            next.task().run();
        }
    }

    /**
     * Moves the clock forward, running the wake-ups due by then.
     *
     * @param duration how far
     */
    public void advance(Duration duration) {
        advanceTo(now().plus(duration));
    }

    /**
     * Moves the clock forward without waking anything, as work inside a wake-up takes time.
     *
     * @param duration how long the work takes
     */
    public synchronized void elapse(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + duration);
        }
        now = now.plus(duration);
    }

    private final class VirtualClock extends Clock {
        private final ZoneId zone;

        VirtualClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId value) {
            return new VirtualClock(value);
        }

        @Override
        public Instant instant() {
            return now();
        }
    }
}
