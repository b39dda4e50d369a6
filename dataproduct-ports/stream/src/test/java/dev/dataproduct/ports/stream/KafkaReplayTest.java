package dev.dataproduct.ports.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.core.io.ArrowMemory;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A product's stream replays from an offset or a point in time, and rebuilds the product. */
class KafkaReplayTest {
    @TempDir
    Path dir;

    private final KafkaStream stream = Broker.stream();

    /** Three runs, each appending 10 events and delivering them, committed at minutes 0, 10 and 20. */
    private String deliverThreeSnapshots(String name) {
        String raw = Topics.fresh(name + "-raw");
        String out = Topics.fresh(name + "-out");
        StreamInput input = StreamInput.from(stream, raw, Events.SPEC.schema()).named("raw");
        for (int run = 0; run < 3; run++) {
            Topics.produce(stream, raw, Events.rows(run * 10, run * 10 + 10), "event_id");
            try (BufferAllocator allocator = ArrowMemory.rootAllocator();
                 StreamOutput port = StreamOutput.to(stream, out).audience(Events.READER);
                 ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                         .store(DirectorySnapshotStore.at(dir.resolve("events")))
                         .clock(Clock.fixed(Events.at(run * 10), ZoneOffset.UTC)).build()) {
                RunResult r = runtime.run(Events.product(input, port));
                assertEquals(List.of(), r.portFailures());
            }
        }
        return out;
    }

    private static List<String> ids(StreamInput input) {
        List<String> ids = new ArrayList<>();
        try (BufferAllocator allocator = ArrowMemory.rootAllocator()) {
            Dataset d = input.open(new InputContext(allocator, Clock.systemUTC(), r -> {
                throw new AssertionError("rejected " + r);
            }));
            d.forEachRow(r -> ids.add(r.getString("event_id")));
            input.close();
        }
        return new ArrayList<>(new TreeSet<>(ids));
    }

    @Test
    void replaysFromAPointInTimeAndFromAnOffset() {
        String out = deliverThreeSnapshots("replay");
        // each run of the appending product delivers the rows it added: 10 each, at minutes 0, 10, 20
        StreamInput fromTime = StreamInput.from(stream, out, Events.SPEC.schema())
                .startingAt(StartPosition.time(Events.at(20)));
        assertEquals(10, ids(fromTime).size());
        StreamInput justAfter = StreamInput.from(stream, out, Events.SPEC.schema())
                .startingAt(StartPosition.time(Events.at(20).plusMillis(1)));
        assertEquals(0, ids(justAfter).size(), "no record at or after the time");
        List<StreamRecord> all = Topics.records(stream, out);
        long secondStarts = all.stream().filter(r -> r.header(CloudEvents.SNAPSHOT).equals("00000002"))
                .mapToLong(StreamRecord::offset).min().orElseThrow();
        StreamInput fromOffset = StreamInput.from(stream, out, Events.SPEC.schema())
                .startingAt(StartPosition.offsets(Map.of(0, secondStarts)));
        List<String> read = new ArrayList<>();
        try (BufferAllocator allocator = ArrowMemory.rootAllocator()) {
            fromOffset.open(new InputContext(allocator, Clock.systemUTC(), r -> { }))
                    .forEachRow(r -> read.add(r.getString("event_id")));
            fromOffset.close();
        }
        assertEquals(10 + 10, read.size(), "the rows of the second and third snapshots");
        int replayed = 0;
        try (EventStream.Replay replay = stream.replay(out, StartPosition.time(Events.at(10)))) {
            for (StreamRecord r = replay.next(); r != null; r = replay.next()) {
                replayed++;
                assertEquals(Events.at(10).compareTo(r.timestamp()) <= 0, true, r.toString());
            }
        }
        assertEquals(10 + 10, replayed, "records replayed from the second snapshot's time on");
    }

    @Test
    void anAppendingProductDeliversToTheTopicOnlyTheRowsEachRunAdded() {
        String out = deliverThreeSnapshots("changes");
        Map<String, Integer> bySnapshot = new TreeMap<>();
        Set<String> ids = new TreeSet<>();
        for (StreamRecord r : Topics.records(stream, out)) {
            bySnapshot.merge(r.header(CloudEvents.SNAPSHOT), 1, Integer::sum);
            assertEquals(CloudEvents.ROW_TYPE, r.header(CloudEvents.TYPE));
            ids.add(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(Map.of("00000001", 10, "00000002", 10, "00000003", 10), bySnapshot,
                "one record per row a run appended, not the whole snapshot again");
        assertEquals(30, ids.size(), "no event delivered twice");
    }

    @Test
    void rebuildsAProductFromItsStream() {
        String out = deliverThreeSnapshots("rebuild");
        // an appending product's topic holds each run's rows once: the whole topic rebuilds it
        StreamInput fromStream = StreamInput.from(stream, out, Events.SPEC.schema()).named("raw");
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(dir.resolve("rebuilt"))).build()) {
            RunResult rebuilt = runtime.run(Events.product(fromStream));
            assertEquals(Map.of("events", 30L), rebuilt.snapshot().rowCounts());
            assertEquals(0, rebuilt.quarantined());
        }
    }
}
