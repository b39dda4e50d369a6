package dev.dataproduct.ports.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.UpdateMode;
import dev.dataproduct.core.io.ArrowMemory;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incremental product is delivered to its topic as changes: a record per row a run wrote and a
 * tombstone per key that left the audience's view; a replacing product, whole.
 */
class StreamChangesTest {
    private static final Principal EU = Principal.of("eu-stream", "eu");
    private final InMemoryStream stream = InMemoryStream.create();
    @TempDir
    Path dir;

    private static DatasetSpec orders(UpdateMode mode) {
        return DatasetSpec.named("orders").maxQuarantinedShare(1)
                .field("order_id", LogicalType.STRING, f -> f.required().primaryKey())
                .field("region", LogicalType.STRING, f -> f.required())
                .field("email", LogicalType.STRING)
                .field("quantity", LogicalType.INT64, f -> f.required())
                .field("cancelled", LogicalType.BOOLEAN)
                .updateMode(mode).build();
    }

    /** The EU audience reads EU orders without the email. */
    private static DataProduct product(DatasetSpec spec, InputPort input, OutputPort port) {
        return DataProduct.builder("orders").domain("retail").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Orders as they change.")
                .access(Policy.forDataset("orders").grant(Grant.to(Audience.role("eu"))
                        .columns("order_id", "region", "quantity").rows(Expr.col("region").eq("EU")).build()).build())
                .input(input).output(spec).serve(port)
                .transform(ctx -> ctx.input("raw")).build();
    }

    private static Map<String, Object> order(String id, String region, long quantity, boolean cancelled) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("order_id", id);
        r.put("region", region);
        r.put("email", id + "@example.com");
        r.put("quantity", quantity);
        r.put("cancelled", cancelled);
        return r;
    }

    /**
     * Runs the product once per list of rows, each time after the rows arrive on its input topic.
     *
     * @return the topic it delivers to, as the EU audience
     */
    private String deliver(DatasetSpec spec, Path store, List<List<Map<String, Object>>> runs) {
        String raw = Topics.fresh("orders-raw");
        String out = Topics.fresh("orders");
        StreamInput input = StreamInput.from(stream, raw, spec.schema()).named("raw");
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             StreamOutput port = StreamOutput.to(stream, out).audience(EU);
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(store)).build()) {
            for (List<Map<String, Object>> rows : runs) {
                Topics.produce(stream, raw, rows, "order_id");
                RunResult run = runtime.run(product(spec, input, port));
                assertEquals(List.of(), run.portFailures(), run.summary());
            }
        }
        return out;
    }

    private static String key(StreamRecord r) {
        return new String(r.key(), StandardCharsets.UTF_8);
    }

    @Test
    void anUpsertIsDeliveredAsTheRowsItWroteAndTombstonesForKeysThatLeftTheAudiencesView() {
        // second run: b changes out of sight, c is cancelled, d is new, a moves to the US, e changes
        String out = deliver(orders(UpdateMode.upsert().deleteMarker("cancelled")), dir, List.of(
                List.of(order("a", "EU", 1, false), order("b", "US", 2, false), order("c", "EU", 3, false),
                        order("e", "EU", 5, false)),
                List.of(order("b", "US", 20, false), order("c", "EU", 0, true), order("d", "EU", 4, false),
                        order("a", "US", 10, false), order("e", "EU", 50, false))));
        Map<String, List<StreamRecord>> bySnapshot = Topics.records(stream, out).stream()
                .collect(Collectors.groupingBy(r -> r.header(CloudEvents.SNAPSHOT), TreeMap::new, Collectors.toList()));
        assertEquals(List.of("a", "c", "e"), bySnapshot.get("00000001").stream().map(StreamChangesTest::key).sorted()
                .toList(), "the first snapshot whole, EU rows only");

        List<StreamRecord> second = bySnapshot.get("00000002");
        Map<String, String> rows = new TreeMap<>();
        Map<String, StreamRecord> tombstones = new TreeMap<>();
        for (StreamRecord r : second) {
            if (r.header(CloudEvents.TYPE).equals(CloudEvents.DELETED_TYPE)) {
                tombstones.put(key(r), r);
            } else {
                assertEquals(CloudEvents.ROW_TYPE, r.header(CloudEvents.TYPE));
                rows.put(key(r), new String(r.value(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(List.of("d", "e"), List.copyOf(rows.keySet()), "the EU rows the upsert wrote, not b");
        assertTrue(rows.get("e").contains("\"quantity\":50"), rows.get("e"));
        assertTrue(rows.values().stream().noneMatch(v -> v.contains("email") || v.contains("@")),
                "the audience's columns only: " + rows);
        assertEquals(List.of("a", "c"), List.copyOf(tombstones.keySet()),
                "c was deleted and a left the EU: both leave the audience's view; b was never in it");
        for (StreamRecord t : tombstones.values()) {
            assertEquals(0, t.value().length, "a tombstone has no value");
            assertEquals("orders/" + key(t), t.header(CloudEvents.SUBJECT));
            assertEquals("", t.header(CloudEvents.CONTENT_TYPE));
            assertTrue(t.header(CloudEvents.ID).startsWith("00000002@") && t.header(CloudEvents.ID)
                    .contains("/orders/deleted/"), t.header(CloudEvents.ID));
        }
    }

    @Test
    void aTombstoneReadByAStreamInputIsQuarantinedNotLost() {
        String out = deliver(orders(UpdateMode.upsert().deleteMarker("cancelled")), dir.resolve("source"), List.of(
                List.of(order("a", "EU", 1, false), order("b", "EU", 2, false)), List.of(order("a", "EU", 0, true))));
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             ProductRuntime copies = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(dir.resolve("copy"))).build()) {
            DatasetSpec copy = DatasetSpec.named("orders").maxQuarantinedShare(1)
                    .field("order_id", LogicalType.STRING, f -> f.required().primaryKey())
                    .field("region", LogicalType.STRING).field("quantity", LogicalType.INT64).build();
            RunResult read = copies.run(DataProduct.builder("order-copy").domain("retail").version("1.0.0")
                    .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("A copy of the stream.")
                    .input(StreamInput.from(stream, out, copy.schema()).named("raw")).output(copy)
                    .transform(ctx -> ctx.input("raw")).build());
            assertEquals(3, read.rowsIn(), "two rows and one tombstone: " + read.summary());
            assertEquals(2, read.published());
            assertEquals(1, read.quarantined());
            assertEquals("tombstone", read.samples().get(0).violations().get(0).rule());
        }
    }

    @Test
    void aReplacingProductIsDeliveredWholeWithEverySnapshot() {
        DatasetSpec spec = orders(UpdateMode.replace());
        String out = deliver(spec, dir, List.of(List.of(order("a", "EU", 1, false), order("b", "EU", 2, false)),
                List.of(order("c", "EU", 3, false))));
        Map<String, Long> bySnapshot = Topics.records(stream, out).stream()
                .collect(Collectors.groupingBy(r -> r.header(CloudEvents.SNAPSHOT), TreeMap::new,
                        Collectors.counting()));
        assertEquals(Map.of("00000001", 2L, "00000002", 1L), bySnapshot, "each snapshot whole, no tombstones");
        assertEquals(List.of("c"), Topics.lastSnapshot(stream, out, spec.schema()).stream()
                .map(r -> r.get("order_id")).toList());
    }
}
