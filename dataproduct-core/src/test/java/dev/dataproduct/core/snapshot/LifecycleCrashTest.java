package dev.dataproduct.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills writer processes at random points of appends, upserts, rollbacks, retention and
 * compaction, several at once on one product, and checks after each round that every retained
 * snapshot reads back whole and that the current one is a committed one.
 */
class LifecycleCrashTest {
    private static final int KILLS = 100;
    private static final int AT_ONCE = 4;

    @TempDir
    Path root;

    @Test
    void writersKilledAnywhereLeaveEveryRetainedSnapshotWholeAndACommittedOneCurrent() throws Exception {
        long seed = Long.getLong("lifecycle.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        DirectorySnapshotStore store = DirectorySnapshotStore.at(root);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int kills = 0;
        try (BufferAllocator allocator = new RootAllocator()) {
            LifecycleFixture.run(store, allocator, LifecycleFixture.UPSERT, LifecycleFixture.rows("u", 0, 100, 0),
                    Instant.parse("2026-10-31T00:00:00Z"));
            while (kills < KILLS) {
                List<Process> writers = new ArrayList<>();
                try {
                    for (int i = 0; i < AT_ONCE; i++) {
                        writers.add(new ProcessBuilder(java, "--add-opens=java.base/java.nio=ALL-UNNAMED",
                                // a quick start matters more than speed: the writer lives for a moment
                                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                                "-cp", System.getProperty("java.class.path"),
                                LifecycleCrashWriter.class.getName(), root.toString(), Long.toString(random.nextLong()))
                                .redirectErrorStream(true).start());
                    }
                    for (Process w : writers) {
                        awaitReady(w, seed);
                    }
                    Thread.sleep(random.nextInt(400));
                    for (Process w : writers) {
                        if (!w.isAlive()) {
                            fail("a writer died before it was killed (seed " + seed + "): "
                                    + new String(w.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                } finally {
                    for (Process w : writers) {
                        w.destroyForcibly();
                        assertTrue(w.waitFor(30, TimeUnit.SECONDS));
                    }
                }
                kills += writers.size();
                check(store, allocator, seed, kills);
            }
        }
        assertTrue(kills >= KILLS);
    }

    private static void awaitReady(Process w, long seed) throws java.io.IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(w.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        String line = out.readLine();
        for (; line != null && !line.equals("ready"); line = out.readLine()) {
            said.append(line).append('\n');  // the logging backend's notice, if any
        }
        assertEquals("ready", line, "a writer did not start (seed " + seed + "): " + said);
    }

    private static void check(DirectorySnapshotStore store, BufferAllocator allocator, long seed, int kills) {
        String where = " after " + kills + " kills (seed " + seed + ")";
        SnapshotManifest current = store.current(LifecycleFixture.PRODUCT).orElseThrow();
        List<SnapshotManifest> history = store.history(LifecycleFixture.PRODUCT);
        assertTrue(history.contains(current), "the current snapshot is a committed one" + where);
        for (SnapshotEntry e : store.snapshots(LifecycleFixture.PRODUCT)) {
            try {
                LifecycleFixture.read(store, e.manifest(), allocator);
            } catch (RuntimeException | AssertionError failure) {
                throw new AssertionError("snapshot " + e.manifest().id() + " does not read back whole" + where
                        + ": " + failure, failure);
            }
        }
    }
}
