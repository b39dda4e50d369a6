package dev.dataproduct.ports.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.core.io.ArrowMemory;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs of a product over a Kafka topic, killed at random points in child JVMs, lose no record and
 * read none twice: every record produced is in the product exactly once.
 */
class KafkaExactlyOnceCrashTest {
    private static final int KILLS = 5;
    private static final int PER_ROUND = 400;

    @TempDir
    Path dir;

    @Test
    void runsKilledAnywhereLoseNoRecordAndReadNoneTwice() throws Exception {
        long seed = Long.getLong("stream.crash.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        KafkaStream stream = Broker.stream().partitions(2);
        String topic = Topics.fresh("crash");
        Path store = dir.resolve("store");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        int produced = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            Topics.produce(stream, topic, Events.rows(produced, produced + PER_ROUND), "event_id");
            produced += PER_ROUND;
            int from = produced;
            Process child = new ProcessBuilder(java, "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), StreamCrashRunner.class.getName(),
                    Broker.bootstrapServers(), topic, store.toString())
                    .redirectErrorStream(true).start();
            AtomicInteger more = new AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread producer = new Thread(() -> {
                // records keep arriving while the runner runs, so that kills land inside runs
                while (!stop.get() && more.get() < 2_000) {
                    Topics.produce(stream, topic, Events.rows(from + more.get(), from + more.get() + 50), "event_id");
                    more.addAndGet(50);
                }
            });
            try {
                BufferedReader out = awaitReady(child, seed);
                String line = out.readLine();  // the first commit: a kill before any tests nothing
                assertTrue(line != null && line.startsWith("committed"), "the runner did not commit (seed " + seed
                        + "): " + line);
                producer.start();
                Thread.sleep(random.nextInt(800));
                if (!child.isAlive()) {
                    fail("the runner died before it was killed (seed " + seed + "): "
                            + new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                }
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                stop.set(true);
                if (producer.isAlive()) {
                    producer.join();
                }
            }
            produced += more.get();
        }
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(store)).build()) {
            StreamInput input = StreamInput.from(stream, topic, Events.SPEC.schema()).named("raw");
            runtime.run(Events.product(input));
            long quarantined = runtime.store().history(Events.product(input).address()).stream()
                    .mapToLong(m -> m.quarantine().values().stream().mapToLong(Long::longValue).sum()).sum();
            SnapshotManifest current = runtime.store().current(Events.product(input).address()).orElseThrow();
            String where = " (seed " + seed + ", " + runtime.store().history(Events.product(input).address()).size()
                    + " snapshots)";
            assertTrue(runtime.store().history(Events.product(input).address()).size() > KILLS, "runs committed"
                    + where);
            assertEquals(0, quarantined, "a record read twice is quarantined as a duplicate key" + where);
            assertEquals(produced, current.datasets().get("events"), "records in = rows out" + where);
            assertEquals(produced, distinctIds(runtime, Events.product(input), allocator), "distinct ids" + where);
        }
    }

    private static int distinctIds(ProductRuntime runtime, dev.dataproduct.api.product.DataProduct product,
                                   BufferAllocator allocator) {
        Set<String> ids = new HashSet<>();
        ProductReader reader = ProductReader.builder(runtime.store(), product).allocator(allocator).build();
        try (ReadResult r = reader.read(Principal.of("check", "reader"), ReadRequest.of("events").build())) {
            while (r.next()) {
                VarCharVector v = (VarCharVector) r.batch().getVector("event_id");
                for (int i = 0; i < r.batch().getRowCount(); i++) {
                    ids.add(new String(v.get(i), StandardCharsets.UTF_8));
                }
            }
        }
        return ids.size();
    }

    private static BufferedReader awaitReady(Process p, long seed) throws java.io.IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        List<String> said = new ArrayList<>();
        String line = out.readLine();
        for (; line != null && !line.equals("ready"); line = out.readLine()) {
            said.add(line);
        }
        assertEquals("ready", line, "the runner did not start (seed " + seed + "): " + said);
        return out;
    }
}
