package dev.dataproduct.core.host;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The time a host's schedules run in: a clock, and wake-ups at instants of that clock. The
 * {@linkplain #system() system timeline} sleeps for real; a {@link VirtualTimeline} moves only when
 * told, so that tests and demonstrations run a month of schedules in moments.
 */
public interface Timeline extends AutoCloseable {

    /** @return the clock of the timeline; a host's runtime should use the same one */
    Clock clock();

    /**
     * Runs a task once, when the clock reaches an instant (at once if it has).
     *
     * @param at when
     * @param task what to run; it must return quickly, as runs are handed to an executor
     * @return a handle that cancels the wake-up
     */
    Wakeup wakeAt(Instant at, Runnable task);

    /** Stops waking up. The default does nothing. */
    @Override
    default void close() {
    }

    /** A planned wake-up. */
    interface Wakeup {
        /** Cancels the wake-up if it has not happened; harmless afterwards. */
        void cancel();
    }

    /**
     * @return the real time: the system UTC clock, with wake-ups from one daemon thread
     */
    static Timeline system() {
        return system(Clock.systemUTC());
    }

    /**
     * @param clock the clock whose instants wake-ups are planned in, ticking in real time
     * @return a timeline that sleeps for real, on one daemon thread, until closed
     */
    static Timeline system(Clock clock) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dataproduct-schedule-timer");
            t.setDaemon(true);
            return t;
        });
        return new Timeline() {
            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public Wakeup wakeAt(Instant at, Runnable task) {
                long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
                ScheduledFuture<?> f = timer.schedule(task, delay, TimeUnit.MILLISECONDS);
                return () -> f.cancel(false);
            }

            @Override
            public void close() {
                timer.shutdownNow();
            }
        };
    }
}
