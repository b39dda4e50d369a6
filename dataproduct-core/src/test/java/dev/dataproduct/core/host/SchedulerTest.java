package dev.dataproduct.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.port.Upstream;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.schedule.Schedule;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Schedules run by a host in virtual time: no test here sleeps. */
class SchedulerTest {
    static final Schema ROWS = Schema.of(Field.of("id", LogicalType.STRING, true));
    static final Instant T0 = Instant.parse("2026-03-02T00:10:00Z");

    BufferAllocator allocator;
    SnapshotStore store;
    VirtualTimeline time;
    final List<ScheduledRun> runs = Collections.synchronizedList(new ArrayList<>());
    final List<AutoCloseable> open = new ArrayList<>();
    final java.util.concurrent.BlockingQueue<ScheduledRun> ended = new java.util.concurrent.LinkedBlockingQueue<>();

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
        store = new InMemorySnapshotStore();
        time = VirtualTimeline.startingAt(T0);
    }

    @AfterEach
    void close() throws Exception {
        ended.clear();
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        allocator.close();
    }

    /** What a product's transform does besides emitting a row: pass time, block, fail. */
    interface Work {
        void run(int count);
    }

    static DataProduct.Builder product(String name, Work work) {
        AtomicInteger count = new AtomicInteger();
        return DataProduct.builder(name).domain("retail").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Purchases.")
                .output(DatasetSpec.named("rows").field("id", LogicalType.STRING, f -> f.required()))
                .transform((ctx, out) -> {
                    work.run(count.incrementAndGet());
                    try (VectorSchemaRoot batch = BatchBuilder.fromRows(ROWS, List.of(Map.of("id", "a")),
                            ctx.allocator())) {
                        out.accept(batch);
                    }
                });
    }

    static Work idle() {
        return n -> { };
    }

    ProductHost host(Scheduling.Builder scheduling, DataProduct... products) {
        ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(store).clock(time.clock()).build();
        ProductHost.Builder b = ProductHost.builder(runtime, allocator)
                .scheduling(scheduling.timeline(time).listener(r -> {
                    runs.add(r);
                    ended.add(r);
                }).build());
        for (DataProduct p : products) {
            b.product(p);
        }
        ProductHost host = b.build();
        open.add(host);
        return host;
    }

    static Scheduling.Builder inline() {
        return Scheduling.builder().executor(Runnable::run);
    }

    List<Instant> starts(ScheduledRun.Outcome outcome) {
        synchronized (runs) {
            return runs.stream().filter(r -> r.outcome() == outcome).map(ScheduledRun::startedAt).toList();
        }
    }

    static List<Instant> instants(String... texts) {
        return java.util.Arrays.stream(texts).map(Instant::parse).toList();
    }

    @Test
    void runsAnIntervalScheduleSlotBySlot() {
        DataProduct hourly = product("hourly", idle()).schedule(Schedule.every(Duration.ofHours(1))).build();
        ProductHost host = host(inline(), hourly);
        host.start();
        assertEquals(Optional.of(Instant.parse("2026-03-02T01:00:00Z")), host.scheduler().nextWakeup(hourly.address()));
        time.advanceTo(Instant.parse("2026-03-02T03:30:00Z"));
        assertEquals(instants("2026-03-02T01:00:00Z", "2026-03-02T02:00:00Z", "2026-03-02T03:00:00Z"),
                starts(ScheduledRun.Outcome.COMMITTED));
        assertEquals(3, store.history(hourly.address()).size());
        assertEquals(instants("2026-03-02T01:00:00Z", "2026-03-02T02:00:00Z", "2026-03-02T03:00:00Z"),
                runs.stream().map(ScheduledRun::slot).toList());
        assertTrue(runs.stream().allMatch(r -> r.result().isPresent() && r.foldedSlots() == 0), runs.toString());
    }

    @Test
    void runsACronScheduleOnceThroughBerlinsSpringForward() {
        time = VirtualTimeline.startingAt(Instant.parse("2026-03-27T12:00:00Z"));
        DataProduct nightly = product("nightly", idle())
                .schedule(Schedule.cron("30 2 * * *", ZoneId.of("Europe/Berlin"))).build();
        host(inline(), nightly).start();
        time.advanceTo(Instant.parse("2026-03-31T12:00:00Z"));
        // 02:30 does not exist on March 29: that night runs once, at 03:00 CEST
        assertEquals(instants("2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z",
                "2026-03-31T00:30:00Z"), starts(ScheduledRun.Outcome.COMMITTED));
    }

    @Test
    void catchesUpMissedSlotsOnceAfterDowntime() throws Exception {
        DataProduct hourly = product("hourly", idle()).schedule(Schedule.every(Duration.ofHours(1))).build();
        ProductHost first = host(inline(), hourly);
        first.start();
        time.advanceTo(Instant.parse("2026-03-02T02:30:00Z"));
        first.close();
        time.advanceTo(Instant.parse("2026-03-02T07:20:00Z"));  // down through the slots 03:00 to 07:00
        runs.clear();

        host(inline(), hourly).start();
        time.advanceTo(Instant.parse("2026-03-02T08:30:00Z"));
        assertEquals(instants("2026-03-02T07:20:00Z", "2026-03-02T08:00:00Z"), starts(ScheduledRun.Outcome.COMMITTED));
        ScheduledRun caughtUp = runs.get(0);
        assertEquals(Instant.parse("2026-03-02T07:00:00Z"), caughtUp.slot());
        assertEquals(4, caughtUp.foldedSlots(), "03:00, 04:00, 05:00 and 06:00 are folded into the run of 07:00");
        assertEquals(4, store.history(hourly.address()).size());
    }

    @Test
    void aProductThatNeverRanWaitsForItsFirstSlot() {
        DataProduct daily = product("daily", idle()).schedule(Schedule.cron("0 6 * * *", ZoneId.of("UTC"))).build();
        host(inline(), daily).start();
        time.advanceTo(Instant.parse("2026-03-02T05:59:00Z"));
        assertEquals(List.of(), runs);
        time.advanceTo(Instant.parse("2026-03-02T06:00:00Z"));
        assertEquals(instants("2026-03-02T06:00:00Z"), starts(ScheduledRun.Outcome.COMMITTED));
    }

    @Test
    void anOverrunningRunDelaysTheNextOnceWithoutOverlap() {
        DataProduct slow = product("slow", n -> {
            if (n == 1) {
                time.elapse(Duration.ofMinutes(150));  // the first run lasts until 03:30
            }
        }).schedule(Schedule.every(Duration.ofHours(1))).build();
        host(inline(), slow).start();
        time.advanceTo(Instant.parse("2026-03-02T05:30:00Z"));
        assertEquals(instants("2026-03-02T01:00:00Z", "2026-03-02T03:30:00Z", "2026-03-02T04:00:00Z",
                "2026-03-02T05:00:00Z"), starts(ScheduledRun.Outcome.COMMITTED));
        assertEquals(Instant.parse("2026-03-02T03:30:00Z"), runs.get(0).endedAt());
        assertEquals(Instant.parse("2026-03-02T03:00:00Z"), runs.get(1).slot());
        assertEquals(1, runs.get(1).foldedSlots(), "the 02:00 slot is folded into the delayed run of 03:00");
    }

    @Test
    void aFailingRunIsReportedAndTheScheduleGoesOn() {
        DataProduct flaky = product("flaky", n -> {
            if (n == 1) {
                throw new IllegalStateException("source down");
            }
        }).schedule(Schedule.every(Duration.ofHours(1))).build();
        host(inline(), flaky).start();
        time.advanceTo(Instant.parse("2026-03-02T02:30:00Z"));
        assertEquals(List.of(ScheduledRun.Outcome.FAILED, ScheduledRun.Outcome.COMMITTED),
                runs.stream().map(ScheduledRun::outcome).toList());
        assertTrue(runs.get(0).detail().contains("source down"), runs.get(0).detail());
    }

    @Test
    void jitterOffsetsStayBelowTheJitterAndAreStablePerProductAndSeed() {
        Duration jitter = Duration.ofMinutes(10);
        java.util.Set<Duration> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            ProductAddress a = ProductAddress.parse("urn:dataproduct:retail:p" + i + ":v1");
            Duration d = Scheduler.offset(7, a, jitter);
            assertTrue(!d.isNegative() && d.compareTo(jitter) < 0, a + ": " + d);
            assertEquals(d, Scheduler.offset(7, a, jitter), "the same product and seed give the same offset");
            seen.add(d);
        }
        assertTrue(seen.size() > 190, "products are spread: " + seen.size() + " distinct offsets of 200");
        ProductAddress a = ProductAddress.parse("urn:dataproduct:retail:p1:v1");
        assertTrue(Scheduler.offset(7, a, jitter).compareTo(Scheduler.offset(8, a, jitter)) != 0
                || Scheduler.offset(7, a, jitter).compareTo(Scheduler.offset(9, a, jitter)) != 0, "the seed matters");
        assertEquals(Duration.ZERO, Scheduler.offset(7, a, Duration.ZERO));
    }

    @Test
    void aJitteredRunStartsItsOffsetAfterEachSlot() {
        DataProduct a = product("spread-a", idle())
                .schedule(Schedule.every(Duration.ofHours(1)).withJitter(Duration.ofMinutes(20))).build();
        DataProduct b = product("spread-b", idle())
                .schedule(Schedule.every(Duration.ofHours(1)).withJitter(Duration.ofMinutes(20))).build();
        ProductHost host = host(inline().jitterSeed(42), a, b);
        host.start();
        time.advanceTo(Instant.parse("2026-03-02T03:00:00Z"));
        for (DataProduct p : List.of(a, b)) {
            Duration offset = host.scheduler().jitterOffset(p.address());
            assertEquals(Scheduler.offset(42, p.address(), Duration.ofMinutes(20)), offset);
            List<Instant> started = runs.stream().filter(r -> r.product().equals(p.address()))
                    .map(ScheduledRun::startedAt).toList();
            assertEquals(List.of(Instant.parse("2026-03-02T01:00:00Z").plus(offset),
                    Instant.parse("2026-03-02T02:00:00Z").plus(offset)), started);
        }
        assertTrue(!host.scheduler().jitterOffset(a.address()).equals(host.scheduler().jitterOffset(b.address())));
    }

    @Test
    void twoHostsOverOneStoreRunEachSlotOnce() {
        DataProduct hourly = product("hourly", idle()).schedule(Schedule.every(Duration.ofHours(1))).build();
        host(inline(), hourly).start();
        host(inline(), hourly).start();
        time.advanceTo(Instant.parse("2026-03-02T02:30:00Z"));
        assertEquals(2, starts(ScheduledRun.Outcome.COMMITTED).size(), runs.toString());
        assertEquals(2, starts(ScheduledRun.Outcome.SKIPPED).size(), runs.toString());
        assertEquals(2, store.history(hourly.address()).size());
        assertTrue(runs.get(1).detail().contains("already run"), runs.get(1).detail());
    }

    @Test
    void aRunInProgressIsNeverJoinedByASecond() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        DataProduct blocking = product("blocking", n -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
        }).schedule(Schedule.every(Duration.ofHours(1))).build();
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newCachedThreadPool();
        open.add(threads::shutdownNow);
        ProductHost host = host(Scheduling.builder().executor(threads), blocking);
        ProductHost other = host(inline(), blocking);
        host.start();
        time.advanceTo(Instant.parse("2026-03-02T01:00:00Z"));
        inside.await();
        assertEquals(Optional.empty(), host.scheduler().nextWakeup(blocking.address()), "no slot is planned while it runs");
        time.advanceTo(Instant.parse("2026-03-02T04:00:00Z"));
        DataProductException e = assertThrows(DataProductException.class, () -> host.run(blocking.address()));
        assertTrue(e.getMessage().contains("already in progress in this process"), e.getMessage());
        other.start();  // another host over the same store plans 05:00, which comes while the run holds on
        time.advanceTo(Instant.parse("2026-03-02T05:00:00Z"));
        ScheduledRun skipped = next();
        assertEquals(ScheduledRun.Outcome.SKIPPED, skipped.outcome());
        assertTrue(skipped.detail().contains("in progress in this process"), skipped.detail());
        release.countDown();
        ScheduledRun done = next();
        assertEquals(ScheduledRun.Outcome.COMMITTED, done.outcome());
        assertEquals(1, most.get(), "never two runs at once");
        assertEquals(1, store.history(blocking.address()).size());
    }

    @Test
    void aProductThatNeverRanRunsAtStartWhenAWatchedInputHasASnapshotAndOnlyThen() {
        DataProduct orders = product("orders", idle()).build();
        DataProduct report = product("report", idle()).input(reading(orders))
                .schedule(Schedule.onInputSnapshot()).build();
        ProductRuntime.builder().allocator(allocator).store(store).clock(time.clock()).build().run(orders);
        host(inline(), orders, report).start();
        time.advance(Duration.ofHours(2));
        assertEquals(List.of(T0), starts(ScheduledRun.Outcome.COMMITTED), "once, at start; the input did not change since");
        assertEquals(ScheduledRun.Cause.INPUT_SNAPSHOT, runs.get(0).cause());
    }

    @Test
    void scheduledRunsFeedTheFrequencyIndicatorAndALateCatchUpCountsAgainstIt() throws Exception {
        dev.dataproduct.core.slo.InMemorySliHistory history = new dev.dataproduct.core.slo.InMemorySliHistory();
        dev.dataproduct.core.slo.ServiceLevels levels = dev.dataproduct.core.slo.ServiceLevels.builder()
                .history(history).clock(time.clock()).build();
        DataProduct hourly = product("hourly", idle())
                .objective(dev.dataproduct.api.slo.Objective.frequency(Duration.ofMinutes(61)))
                .schedule(Schedule.every(Duration.ofHours(1))).build();
        ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(store).clock(time.clock())
                .observer(levels).build();
        for (Instant until : instants("2026-03-02T03:30:00Z", "2026-03-02T06:30:00Z")) {
            try (ProductHost host = ProductHost.builder(runtime, allocator).product(hourly)
                    .scheduling(inline().timeline(time).build()).build()) {
                host.start();
                time.advanceTo(until);
            }
            time.advance(Duration.ofMinutes(110));  // down until 05:20
        }
        List<dev.dataproduct.core.slo.SliEvent> events = history.events(hourly.address().urn(), "frequency", Instant.EPOCH);
        assertEquals(instants("2026-03-02T01:00:00Z", "2026-03-02T02:00:00Z", "2026-03-02T03:00:00Z",
                "2026-03-02T05:20:00Z", "2026-03-02T06:00:00Z"), events.stream().map(e -> e.at()).toList());
        assertEquals(List.of(true, true, true, false, true), events.stream().map(e -> e.good()).toList());
    }

    /** The next slot to end; waits for a run on another thread, failing rather than hanging. */
    ScheduledRun next() throws InterruptedException {
        ScheduledRun run = ended.poll(2, java.util.concurrent.TimeUnit.MINUTES);
        assertTrue(run != null, "no scheduled run ended");
        return run;
    }

    /** An input that reads another product of the same store and provides no rows. */
    static InputPort reading(DataProduct upstream) {
        return new InputPort() {
            @Override
            public PortDescriptor descriptor() {
                return new PortDescriptor("upstream", "memory", "arrow", "");
            }

            @Override
            public Dataset open(InputContext context) {
                return Dataset.of("upstream", ROWS, List.of());
            }

            @Override
            public Optional<Upstream> upstream() {
                return Optional.of(new Upstream(upstream.address().urn(), upstream.address().urn(), "1.0.0"));
            }
        };
    }

    @Test
    void runsWhenAnInputHasANewSnapshot() {
        DataProduct orders = product("orders", idle()).schedule(Schedule.every(Duration.ofHours(1))).build();
        DataProduct report = product("report", idle()).input(reading(orders))
                .schedule(Schedule.onInputSnapshot("upstream")).build();
        ProductHost host = host(inline(), orders, report);
        host.start();
        time.advanceTo(Instant.parse("2026-03-02T00:59:00Z"));
        assertEquals(List.of(), runs, "no input snapshot yet, no run");
        time.advanceTo(Instant.parse("2026-03-02T01:30:00Z"));
        assertEquals(List.of(orders.address(), report.address()), runs.stream().map(ScheduledRun::product).toList());
        assertEquals(ScheduledRun.Cause.INPUT_SNAPSHOT, runs.get(1).cause());
        assertEquals(Instant.parse("2026-03-02T01:00:00Z"), runs.get(1).startedAt(), "at once, not at the next poll");

        // a commit the host did not make is seen at the next poll
        ProductRuntime.builder().allocator(allocator).store(store).clock(time.clock()).build().run(orders);
        time.advanceTo(Instant.parse("2026-03-02T01:45:00Z"));
        assertEquals(3, runs.size(), runs.toString());
        assertEquals(Instant.parse("2026-03-02T01:31:00Z"), runs.get(2).startedAt());
        assertEquals(2, store.history(report.address()).size());
    }
}
