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
        // each run delivers the whole (appended) snapshot: 10, 20, then 30 rows, at minutes 0, 10, 20
        StreamInput fromTime = StreamInput.from(stream, out, Events.SPEC.schema())
                .startingAt(StartPosition.time(Events.at(20)));
        assertEquals(30, ids(fromTime).size());
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
        assertEquals(20 + 30, read.size(), "the second and third snapshots, whole");
        int replayed = 0;
        try (EventStream.Replay replay = stream.replay(out, StartPosition.time(Events.at(10)))) {
            for (StreamRecord r = replay.next(); r != null; r = replay.next()) {
                replayed++;
                assertEquals(Events.at(10).compareTo(r.timestamp()) <= 0, true, r.toString());
            }
        }
        assertEquals(20 + 30, replayed, "records replayed from the second snapshot's time on");
    }

    @Test
    void rebuildsAProductFromItsStream() {
        String out = deliverThreeSnapshots("rebuild");
        StreamInput fromStream = StreamInput.from(stream, out, Events.SPEC.schema()).named("raw").lastSnapshotOnly();
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(dir.resolve("rebuilt"))).build()) {
            RunResult rebuilt = runtime.run(Events.product(fromStream));
            assertEquals(Map.of("events", 30L), rebuilt.snapshot().rowCounts());
            assertEquals(0, rebuilt.quarantined());
        }
    }
}
