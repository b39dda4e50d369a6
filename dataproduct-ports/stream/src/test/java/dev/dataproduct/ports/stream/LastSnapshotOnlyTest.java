package dev.dataproduct.ports.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.UpdateMode;
import dev.dataproduct.core.io.ArrowMemory;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StreamInput#lastSnapshotOnly()} rebuilds a replacing product from its own stream: the rows
 * of its last delivered snapshot, whatever the partitions, however many deliveries came before, an
 * empty snapshot included; it refuses the increments of an incremental product.
 */
class LastSnapshotOnlyTest {
    static final DatasetSpec REPLACING = Events.spec(UpdateMode.replace());

    private final InMemoryStream stream = InMemoryStream.withPartitions(3);
    @TempDir
    Path dir;

    /**
     * Runs a product once per slice of events, each run's snapshot holding the events that arrived
     * since the last (replacing) or all so far (appending), delivered to the returned topic.
     */
    static String deliver(EventStream stream, Path store, DatasetSpec spec, List<int[]> slices) {
        return deliverTo(stream, store, spec, Topics.fresh("last-out"), slices);
    }

    /** As {@link #deliver}, to a given topic. */
    static String deliverTo(EventStream stream, Path store, DatasetSpec spec, String out, List<int[]> slices) {
        String raw = Topics.fresh("last-raw");
        StreamInput input = StreamInput.from(stream, raw, spec.schema()).named("raw");
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             StreamOutput port = StreamOutput.to(stream, out).audience(Events.READER);
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(store)).build()) {
            for (int[] slice : slices) {
                Topics.produce(stream, raw, Events.rows(slice[0], slice[1]), "event_id");
                RunResult r = runtime.run(Events.product("1.0.0", spec, input, port));
                assertEquals(List.of(), r.portFailures(), r.summary());
            }
        }
        return out;
    }

    /** Rebuilds the replacing product from its topic, once per call, in the same store. */
    static List<RunResult> rebuild(EventStream stream, Path store, String topic, int runs) {
        List<RunResult> results = new ArrayList<>();
        StreamInput fromStream = StreamInput.from(stream, topic, REPLACING.schema()).named("raw").lastSnapshotOnly();
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(store)).build()) {
            for (int i = 0; i < runs; i++) {
                results.add(runtime.run(Events.product("1.0.0", REPLACING, fromStream)));
            }
        }
        return results;
    }

    static List<String> ids(RunResult r, Path store) {
        List<String> ids = new ArrayList<>();
        try (BufferAllocator allocator = ArrowMemory.rootAllocator()) {
            DirectorySnapshotStore s = DirectorySnapshotStore.at(store);
            ProductAddress product = ProductAddress.parse(r.productAddress());
            s.open(s.find(product, r.snapshot().id()).orElseThrow(), allocator).dataset("events")
                    .forEachRow(row -> ids.add(row.getString("event_id")));
        }
        return new ArrayList<>(new TreeSet<>(ids));
    }

    @Test
    void rebuildsAReplacingProductFromTheLastOfSeveralDeliveriesOverPartitions() {
        String out = deliver(stream, dir.resolve("source"), REPLACING,
                List.of(new int[] {0, 40}, new int[] {40, 50}, new int[] {50, 80}));
        RunResult rebuilt = rebuild(stream, dir.resolve("rebuilt"), out, 1).get(0);
        assertEquals(30, rebuilt.rowsIn(), rebuilt.summary());
        assertEquals(Map.of("events", 30L), rebuilt.snapshot().rowCounts());
        assertEquals(Events.rows(50, 80).stream().map(r -> (String) r.get("event_id")).toList(),
                ids(rebuilt, dir.resolve("rebuilt")));
    }

    @Test
    void anEmptyLastSnapshotRebuildsAnEmptyProductNotTheOneBefore() {
        String out = deliver(stream, dir.resolve("source"), REPLACING,
                List.of(new int[] {0, 20}, new int[] {20, 20}));
        RunResult rebuilt = rebuild(stream, dir.resolve("rebuilt"), out, 1).get(0);
        assertEquals(Map.of("events", 0L), rebuilt.snapshot().rowCounts(), rebuilt.summary());
    }

    @Test
    void aLaterRunWithNoNewDeliveryKeepsTheLastSnapshotRatherThanEmptyingTheProduct() {
        String out = deliver(stream, dir.resolve("source"), REPLACING,
                List.of(new int[] {0, 20}, new int[] {20, 25}));
        List<RunResult> runs = rebuild(stream, dir.resolve("rebuilt"), out, 2);
        assertEquals(Map.of("events", 5L), runs.get(0).snapshot().rowCounts());
        assertEquals(Map.of("events", 5L), runs.get(1).snapshot().rowCounts(),
                "the last delivered snapshot is still the product's state: " + runs.get(1).summary());
    }

    @Test
    void aTopicWrittenBeforeClosingRecordsIsRebuiltFromTheLastDeliveryAmongItsRecords() {
        String topic = Topics.fresh("old-topic");
        List<Map<String, Object>> rows = Events.rows(0, 5);
        for (int i = 0; i < rows.size(); i++) {
            String delivery = i < 3 ? "d-1" : "d-2";
            stream.append(topic, ((String) rows.get(i).get("event_id")).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Topics.json(rows.get(i)), Map.of(CloudEvents.DELIVERY, delivery), Events.at(i));
        }
        RunResult rebuilt = rebuild(stream, dir.resolve("rebuilt"), topic, 1).get(0);
        assertEquals(Map.of("events", 2L), rebuilt.snapshot().rowCounts(), rebuilt.summary());
        assertEquals(List.of("ev-0000003", "ev-0000004"), ids(rebuilt, dir.resolve("rebuilt")));
    }

    @Test
    void aLastDeliveryOfWhichRetentionLeftOnlyPartFailsTheRunInsteadOfRebuildingPartOfIt() {
        String topic = Topics.fresh("cut-topic");
        List<Map<String, Object>> rows = Events.rows(0, 3);
        for (Map<String, Object> row : rows) {
            stream.append(topic, ((String) row.get("event_id")).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Topics.json(row), Map.of(CloudEvents.DELIVERY, "d-1"), Events.at(0));
        }
        stream.append(topic + StreamOutput.DELIVERIES_TOPIC_SUFFIX, new byte[0],
                new Deliveries.Delivered("00000007", "d-1", false, 5).toJson(), Map.of(), Events.at(0));
        PortException e = assertThrows(PortException.class, () -> rebuild(stream, dir.resolve("rebuilt"), topic, 1));
        assertTrue(e.getMessage().contains("5 records") && e.getMessage().contains("3"), e.getMessage());
    }

    @Test
    void refusesTheStreamOfAnIncrementalProductWhoseLastDeliveryIsAnIncrement() {
        String out = deliver(stream, dir.resolve("source"), Events.SPEC,
                List.of(new int[] {0, 20}, new int[] {20, 25}));
        PortException e = assertThrows(PortException.class, () -> rebuild(stream, dir.resolve("rebuilt"), out, 1));
        assertTrue(e.getMessage().contains("increment") && e.getMessage().contains("without lastSnapshotOnly"),
                e.getMessage());
    }
}
