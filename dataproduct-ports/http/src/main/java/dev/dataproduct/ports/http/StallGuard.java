package dev.dataproduct.ports.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends writes to a client that stopped reading. A write to a client whose receive window stays shut
 * blocks its worker, and with it the response's snapshot pin, for as long as the client keeps the
 * connection open; the JDK server's own response timeout only bounds a whole response, however
 * large. A write blocked for longer than the stall timeout has its worker interrupted, which closes
 * the connection and fails the write, so the response ends as aborted and gives back what it held.
 */
final class StallGuard implements AutoCloseable {
    /** A blocking write to a client. */
    @FunctionalInterface
    interface Write {
        void run() throws IOException;
    }

    private final long timeoutNanos;
    /** The workers inside a write, with the time it started. */
    private final Map<Thread, Long> writing = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    StallGuard(Duration timeout, String name) {
        this.timeoutNanos = timeout.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rest-" + name + "-stall-guard");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(50, Math.min(1000, timeout.toMillis() / 4));
        timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs a write of the calling worker under the guard.
     *
     * @throws IOException if the write fails, or was ended because the client stopped reading
     */
    void write(Write write) throws IOException {
        Thread self = Thread.currentThread();
        writing.put(self, System.nanoTime());
        try {
            write.run();
        } finally {
            writing.remove(self);
        }
    }

    private void check() {
        long now = System.nanoTime();
        for (Thread t : writing.keySet()) {
            // atomic with the writer's removal of its entry: only a thread still inside its write is interrupted
            writing.computeIfPresent(t, (k, since) -> {
                if (now - since > timeoutNanos) {
                    k.interrupt();
                }
                return since;
            });
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
