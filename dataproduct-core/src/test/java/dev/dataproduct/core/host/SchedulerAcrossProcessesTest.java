package dev.dataproduct.core.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.schedule.Schedule;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run lock of a directory store, held by another process, and two hosts over one directory. */
class SchedulerAcrossProcessesTest {
    @TempDir
    Path dir;

    @Test
    void aSlotWhoseRunLockAnotherProcessHoldsIsSkippedAndTheNextRuns() throws Exception {
        DirectorySnapshotStore store = DirectorySnapshotStore.at(dir);
        DataProduct hourly = SchedulerTest.product("hourly", SchedulerTest.idle())
                .schedule(Schedule.every(Duration.ofHours(1))).build();
        VirtualTimeline time = VirtualTimeline.startingAt(SchedulerTest.T0);
        List<ScheduledRun> runs = new ArrayList<>();
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), RunLockHolder.class.getName(),
                RunLocks.lockFile(store, hourly.address()).toString()).redirectErrorStream(true).start();
        try (BufferAllocator allocator = new RootAllocator()) {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine(), "the other process holds the lock");
            ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(store).clock(time.clock()).build();
            try (ProductHost host = ProductHost.builder(runtime, allocator).product(hourly)
                    .scheduling(Scheduling.builder().timeline(time).executor(Runnable::run).listener(runs::add).build())
                    .build()) {
                host.start();
                time.advanceTo(Instant.parse("2026-03-02T01:30:00Z"));
                assertEquals(1, runs.size());
                assertEquals(ScheduledRun.Outcome.SKIPPED, runs.get(0).outcome());
                assertTrue(runs.get(0).detail().contains("in progress in another process"), runs.get(0).detail());
                DataProductException e = assertThrows(DataProductException.class, () -> host.run(hourly.address()));
                assertTrue(e.getMessage().contains("already in progress in another process"), e.getMessage());

                holder.getOutputStream().close();
                assertTrue(holder.waitFor(2, TimeUnit.MINUTES), "the other process ends when its input does");
                time.advanceTo(Instant.parse("2026-03-02T02:30:00Z"));
                assertEquals(ScheduledRun.Outcome.COMMITTED, runs.get(1).outcome(), runs.toString());
                assertEquals(1, store.history(hourly.address()).size());
            }
        } finally {
            holder.destroy();
        }
    }

    @Test
    void twoHostsOverOneDirectoryRunEachSlotOnce() {
        DataProduct hourly = SchedulerTest.product("hourly", SchedulerTest.idle())
                .schedule(Schedule.every(Duration.ofHours(1))).build();
        VirtualTimeline time = VirtualTimeline.startingAt(SchedulerTest.T0);
        List<ScheduledRun> runs = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator()) {
            List<ProductHost> hosts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                // each host opens the directory itself, as two processes would
                ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(DirectorySnapshotStore.at(dir))
                        .clock(time.clock()).build();
                hosts.add(ProductHost.builder(runtime, allocator).product(hourly)
                        .scheduling(Scheduling.builder().timeline(time).executor(Runnable::run).listener(runs::add)
                                .build()).build());
            }
            try {
                hosts.forEach(ProductHost::start);
                time.advanceTo(Instant.parse("2026-03-02T03:30:00Z"));
                assertEquals(3, runs.stream().filter(r -> r.outcome() == ScheduledRun.Outcome.COMMITTED).count(),
                        runs.toString());
                assertEquals(3, runs.stream().filter(r -> r.outcome() == ScheduledRun.Outcome.SKIPPED).count());
                assertEquals(3, DirectorySnapshotStore.at(dir).history(hourly.address()).size());
            } finally {
                hosts.forEach(ProductHost::close);
            }
        }
    }
}
