package dev.dataproduct.core.host;

import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.schedule.Schedule;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the schedules of a {@link ProductHost}'s products from {@link ProductHost#start()} until the
 * host closes.
 *
 * <ul>
 *   <li>A slot's run starts at the slot plus the product's jitter offset: an offset below the
 *       schedule's jitter, fixed for each product by the {@linkplain Scheduling#jitterSeed() seed}
 *       and the product's address, so that products sharing a schedule start apart, the same way
 *       every time.</li>
 *   <li>The next slot is planned when a run ends, so runs of one product never overlap. A run that
 *       overruns the next slot delays it: the next run starts when the late one ends, once, for the
 *       latest slot passed (the others are {@linkplain ScheduledRun#foldedSlots() folded} into it).</li>
 *   <li>At start, a product whose current snapshot is older than a slot that has passed (the host was
 *       down) is caught up once, at once, for the latest slot passed; one without a snapshot waits for
 *       its next slot.</li>
 *   <li>Every run holds the product's run lock: in this JVM, and across processes for a directory
 *       store. A slot whose lock is held (another host runs the product) is skipped and reported.</li>
 *   <li>A product scheduled on input snapshots runs when the latest snapshot of a watched input
 *       changes: the scheduler looks every {@linkplain Scheduling#inputPoll() poll}, and at once when
 *       a product of this host commits or {@link #inputSnapshot(String)} is called. A product that
 *       never ran runs at start if a watched input has a snapshot.</li>
 *   <li>Each slot's outcome goes to the {@link ScheduleListener}, the log and the counter
 *       {@code dataproduct.schedule.runs} (tags {@code product}, {@code outcome}); a failed run does
 *       not stop the schedule. Runs go through the host's runtime, so its observers (such as the
 *       frequency indicator of {@code core.slo}) measure scheduled runs as any other.</li>
 * </ul>
 */
public final class Scheduler {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final ProductHost host;
    private final Scheduling settings;
    private final Map<ProductAddress, Entry> entries = new LinkedHashMap<>();
    private Timeline timeline;
    private Executor executor;
    private ExecutorService ownedExecutor;
    private boolean ownsTimeline;
    private volatile boolean running;

    /** The schedule state of one product; guarded by itself. */
    private static final class Entry {
        final HostedProduct hosted;
        final Schedule schedule;
        final Duration offset;
        final List<InputPort> watched;
        Timeline.Wakeup wakeup;
        Instant plannedAt;
        boolean inFlight;
        Map<String, Optional<String>> seen = Map.of();

        Entry(HostedProduct hosted, Schedule schedule, Duration offset, List<InputPort> watched) {
            this.hosted = hosted;
            this.schedule = schedule;
            this.offset = offset;
            this.watched = watched;
        }
    }

    Scheduler(ProductHost host, Scheduling settings) {
        this.host = host;
        this.settings = settings;
        for (HostedProduct hosted : host.products()) {
            hosted.product().schedule().ifPresent(s -> entries.put(hosted.address(),
                    new Entry(hosted, s, offset(settings.jitterSeed(), hosted.address(), s.jitter()), watched(hosted, s))));
        }
    }

    /** The product's fixed jitter offset: below the jitter, from the seed and the address alone. */
    static Duration offset(long seed, ProductAddress address, Duration jitter) {
        if (jitter.isZero()) {
            return Duration.ZERO;
        }
        long bound = jitter.toNanos();
        long mixed = seed * 0x9E3779B97F4A7C15L + address.urn().hashCode();
        return Duration.ofNanos(new SplittableRandom(mixed).nextLong(bound));
    }

    private static List<InputPort> watched(HostedProduct hosted, Schedule schedule) {
        if (!(schedule instanceof Schedule.OnInputSnapshot trigger)) {
            return List.of();
        }
        return hosted.product().inputs().stream().filter(p -> p.upstream().isPresent())
                .filter(p -> trigger.inputs().isEmpty() || trigger.inputs().contains(p.descriptor().name())).toList();
    }

    /**
     * @param product a scheduled product of the host
     * @return its jitter offset: how long after each slot its runs start
     * @throws IllegalArgumentException if the host has no such scheduled product
     */
    public Duration jitterOffset(ProductAddress product) {
        return entry(product).offset;
    }

    /**
     * @param product a scheduled product of the host
     * @return when the scheduler wakes next for it (its next run, or its next look at its inputs);
     *     empty while it runs, or before the host starts and after it closes
     * @throws IllegalArgumentException if the host has no such scheduled product
     */
    public Optional<Instant> nextWakeup(ProductAddress product) {
        Entry e = entry(product);
        synchronized (e) {
            return Optional.ofNullable(e.plannedAt);
        }
    }

    /** @return the products the scheduler runs, in the host's order */
    public List<ProductAddress> products() {
        return List.copyOf(entries.keySet());
    }

    private Entry entry(ProductAddress product) {
        Entry e = entries.get(product);
        if (e == null) {
            throw new IllegalArgumentException("the host schedules no product " + product + "; scheduled are "
                    + entries.keySet() + "; give the product a schedule(...) in its definition");
        }
        return e;
    }

    /**
     * The hook for new upstream snapshots committed elsewhere (another host, another process):
     * products watching an input that reads that product look at their inputs now rather than at
     * the next poll. The host calls it itself after each commit of one of its products.
     *
     * @param upstreamProductId the product id an input's {@code upstream()} names, such as its URN
     */
    public void inputSnapshot(String upstreamProductId) {
        Objects.requireNonNull(upstreamProductId, "upstreamProductId");
        if (!running) {
            return;
        }
        for (Entry e : entries.values()) {
            boolean watches = e.watched.stream()
                    .anyMatch(p -> p.upstream().orElseThrow().productId().equals(upstreamProductId));
            if (watches) {
                synchronized (e) {
                    if (!e.inFlight) {
                        plan(e, timeline.clock().instant(), () -> poll(e));
                    }
                }
            }
        }
    }

    synchronized void start() {
        if (entries.isEmpty() || running) {
            return;
        }
        ownsTimeline = settings.timeline().isEmpty();
        timeline = settings.timeline().orElseGet(Timeline::system);
        executor = settings.executor().orElseGet(() -> {
            ownedExecutor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "dataproduct-schedule-run");
                t.setDaemon(true);
                return t;
            });
            return ownedExecutor;
        });
        running = true;
        Instant now = timeline.clock().instant();
        for (Entry e : entries.values()) {
            Optional<Instant> lastCommit = host.store().current(e.hosted.address())
                    .map(m -> m.committedAt());
            synchronized (e) {
                if (e.schedule instanceof Schedule.OnInputSnapshot) {
                    e.seen = lastCommit.isPresent() ? versions(e) : Map.of();
                    plan(e, now, () -> poll(e));
                } else {
                    planAfter(e, lastCommit.orElse(now));
                }
            }
            LOG.info("scheduled {} ({}), jitter offset {}, next wake-up {}", e.hosted.address(), e.schedule, e.offset,
                    e.plannedAt);
        }
    }

    /** Stops planning, lets runs in progress end, and releases the threads it made. */
    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        for (Entry e : entries.values()) {
            synchronized (e) {
                if (e.wakeup != null) {
                    e.wakeup.cancel();
                }
                e.wakeup = null;
                e.plannedAt = null;
            }
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
            try {
                if (!ownedExecutor.awaitTermination(1, TimeUnit.MINUTES)) {
                    LOG.warn("scheduled runs still in progress a minute after the host was closed; they go on alone");
                }
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
        if (ownsTimeline) {
            timeline.close();
        }
    }

    /** Plans the run of the slot after {@code lastSlot}, folding slots already passed into one. */
    private void planAfter(Entry e, Instant lastSlot) {
        Instant now = timeline.clock().instant();
        Optional<Instant> first = e.schedule.nextSlot(lastSlot);
        if (first.isEmpty()) {
            LOG.warn("{}: schedule {} has no slot after {}; the product is not run again", e.hosted.address(),
                    e.schedule, lastSlot);
            e.plannedAt = null;
            return;
        }
        Instant slot = first.get();
        int folded = 0;
        for (Optional<Instant> next = e.schedule.nextSlot(slot); next.isPresent() && !next.get().isAfter(now);
             next = e.schedule.nextSlot(slot)) {
            slot = next.get();
            folded++;
        }
        Instant at = slot.plus(e.offset);
        Instant due = at.isBefore(now) ? now : at;
        Instant chosen = slot;
        int missed = folded;
        plan(e, due, () -> fire(e, ScheduledRun.Cause.SLOT, chosen, missed));
    }

    private void plan(Entry e, Instant at, Runnable task) {
        if (!running) {
            return;
        }
        if (e.wakeup != null) {
            e.wakeup.cancel();
        }
        e.plannedAt = at;
        e.wakeup = timeline.wakeAt(at, task);
    }

    /** Looks at the watched inputs; a new snapshot in one starts a run. */
    private void poll(Entry e) {
        Instant now = timeline.clock().instant();
        synchronized (e) {
            if (!running || e.inFlight) {
                return;
            }
            Map<String, Optional<String>> latest = versions(e);
            List<String> changed = latest.entrySet().stream()
                    .filter(v -> v.getValue().isPresent() && !v.getValue().equals(e.seen.get(v.getKey())))
                    .map(Map.Entry::getKey).toList();
            if (changed.isEmpty()) {
                plan(e, now.plus(settings.inputPoll()), () -> poll(e));
                return;
            }
            LOG.info("{}: new snapshot of input(s) {}", e.hosted.address(), changed);
            plan(e, now.plus(e.offset), () -> fire(e, ScheduledRun.Cause.INPUT_SNAPSHOT, now, 0));
        }
    }

    private Map<String, Optional<String>> versions(Entry e) {
        InputVersions source = settings.inputVersions().orElseGet(() -> InputVersions.inStore(host.store()));
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        for (InputPort p : e.watched) {
            out.put(p.descriptor().name(), source.latest(p));
        }
        return out;
    }

    /**
     * Why a slot needs no run: another host over the same store committed a snapshot at or after
     * the slot, which this host did not make.
     */
    private Optional<String> runByAnother(Entry e, Instant slot) {
        Optional<SnapshotManifest> current = host.store().current(e.hosted.address());
        Optional<String> own = e.hosted.latestRun().map(r -> r.snapshot().id());
        return current.filter(m -> !m.committedAt().isBefore(slot) && !own.equals(Optional.of(m.id())))
                .map(m -> "the slot was already run: snapshot " + m.id() + " was committed at " + m.committedAt()
                        + " by another host over the same store");
    }

    /** A wake-up came: hands the run to the executor, unless one is in progress. */
    private void fire(Entry e, ScheduledRun.Cause cause, Instant slot, int folded) {
        synchronized (e) {
            e.wakeup = null;
            e.plannedAt = null;
            if (!running || e.inFlight) {
                return;  // a run in progress plans the next slot itself when it ends
            }
            e.inFlight = true;
        }
        try {
            executor.execute(() -> run(e, cause, slot, folded));
        } catch (RejectedExecutionException ex) {
            synchronized (e) {
                e.inFlight = false;
            }
            LOG.warn("{}: the executor refused the run of slot {}: {}", e.hosted.address(), slot, ex.toString());
        }
    }

    private void run(Entry e, ScheduledRun.Cause cause, Instant slot, int folded) {
        ProductAddress address = e.hosted.address();
        Instant started = timeline.clock().instant();
        ScheduledRun outcome;
        try {
            outcome = attempt(e, cause, slot, folded, started);
        } catch (RuntimeException ex) {
            outcome = new ScheduledRun(address, cause, slot, folded, started, timeline.clock().instant(),
                    ScheduledRun.Outcome.FAILED, Optional.empty(), String.valueOf(ex.getMessage()));
            LOG.warn("{}: the run of slot {} failed; the schedule goes on: {}", address, slot, ex.toString());
        }
        try {
            host.meterRegistry().counter("dataproduct.schedule.runs", "product", address.urn(), "outcome",
                    outcome.outcome().name().toLowerCase(Locale.ROOT)).increment();
            settings.listener().ended(outcome);
        } catch (RuntimeException ex) {
            LOG.warn("{}: the schedule listener failed on slot {}: {}", address, slot, ex.toString());
        } finally {
            synchronized (e) {
                e.inFlight = false;
                if (e.schedule instanceof Schedule.OnInputSnapshot) {
                    plan(e, timeline.clock().instant().plus(settings.inputPoll()), () -> poll(e));
                } else {
                    planAfter(e, slot);
                }
            }
        }
    }

    /** Runs a slot under the product's run lock, or says why it is skipped. */
    private ScheduledRun attempt(Entry e, ScheduledRun.Cause cause, Instant slot, int folded, Instant started) {
        ProductAddress address = e.hosted.address();
        if (cause == ScheduledRun.Cause.INPUT_SNAPSHOT) {
            Map<String, Optional<String>> seen = versions(e);
            synchronized (e) {
                e.seen = seen;
            }
        }
        RunLocks.Attempt lock = RunLocks.tryLock(host.store(), address);
        if (!lock.acquired()) {
            return skipped(e, cause, slot, folded, started, "a run of the product is in progress in " + lock.holder());
        }
        try (RunLocks.Held held = lock.held()) {
            Optional<String> byOther = cause == ScheduledRun.Cause.SLOT ? runByAnother(e, slot) : Optional.empty();
            if (byOther.isPresent()) {
                return skipped(e, cause, slot, folded, started, byOther.get());
            }
            if (folded > 0) {
                LOG.info("{}: catching up slot {} once for {} earlier slot(s) missed", address, slot, folded);
            }
            RunResult result = host.runLocked(e.hosted);
            LOG.info("{}: slot {} committed snapshot {}", address, slot, result.snapshot().id());
            return new ScheduledRun(address, cause, slot, folded, started, timeline.clock().instant(),
                    ScheduledRun.Outcome.COMMITTED, Optional.of(result), "");
        }
    }

    private ScheduledRun skipped(Entry e, ScheduledRun.Cause cause, Instant slot, int folded, Instant started,
                                 String why) {
        LOG.info("{}: slot {} skipped: {}", e.hosted.address(), slot, why);
        return new ScheduledRun(e.hosted.address(), cause, slot, folded, started, timeline.clock().instant(),
                ScheduledRun.Outcome.SKIPPED, Optional.empty(), why);
    }
}
