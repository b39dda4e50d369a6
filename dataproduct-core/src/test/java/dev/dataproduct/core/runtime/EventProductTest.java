package dev.dataproduct.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.UpdateMode;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.read.SnapshotSelector;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Products of immutable, time-stamped events: appended, deduplicated by id, late ones quarantined. */
class EventProductTest {
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final Schema RAW = Schema.of(Field.of("event_id", LogicalType.STRING, false),
            Field.of("status", LogicalType.STRING, false), Field.of("recorded_at", LogicalType.TIMESTAMP_TZ, false));
    private static final DatasetSpec EVENTS = DatasetSpec.named("attendance").maxQuarantinedShare(1)
            .field("event_id", LogicalType.STRING, f -> f.required().primaryKey())
            .field("status", LogicalType.STRING, f -> f.required())
            .field("recorded_at", LogicalType.TIMESTAMP_TZ, f -> f.required())
            .updateMode(UpdateMode.events("recorded_at", Duration.ofHours(2)))
            .build();

    @TempDir
    Path dir;

    private static Map<String, Object> event(String id, Instant at) {
        Map<String, Object> row = new HashMap<>();
        row.put("event_id", id);
        row.put("status", "present");
        row.put("recorded_at", at);
        return row;
    }

    private static DataProduct product(List<Map<String, Object>> rows) {
        return DataProduct.builder("attendance-events").domain("school").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Attendance events.")
                .access(Policy.forDataset("attendance").grant(Grant.to(Audience.role("reader")).allColumns().build())
                        .build())
                .input(new MemoryInput("raw", RAW, rows, 2))
                .output(EVENTS)
                .transform(ctx -> ctx.input("raw"))
                .build();
    }

    private RunResult run(BufferAllocator allocator, Instant at, List<Map<String, Object>> rows) {
        try (ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(DirectorySnapshotStore.at(dir))
                .clock(Clock.fixed(at, ZoneOffset.UTC)).build()) {
            return runtime.run(product(rows));
        }
    }

    @Test
    void dropsDuplicateEventsByIdAndCountsThem() {
        try (BufferAllocator allocator = new RootAllocator()) {
            RunResult first = run(allocator, T0, List.of(event("a", T0), event("b", T0), event("a", T0)));
            assertEquals(2, first.published());
            assertEquals(1, first.duplicates(), "the second 'a' of the run");
            assertEquals(0, first.quarantined());
            RunResult second = run(allocator, T0.plusSeconds(60), List.of(event("b", T0), event("c", T0)));
            assertEquals(1, second.published());
            assertEquals(1, second.duplicates(), "'b' is already in the product");
            assertEquals(0, second.quarantined());
            assertEquals(Map.of("attendance", 3L), second.snapshot().rowCounts());
            assertEquals(second.rowsIn(), second.published() + second.quarantined() + second.duplicates());
        }
    }

    @Test
    void acceptsLateEventsWithinTheAllowedLatenessAndQuarantinesOlderOnes() {
        try (BufferAllocator allocator = new RootAllocator()) {
            RunResult run = run(allocator, T0, List.of(event("in-time", T0.minus(Duration.ofMinutes(119))),
                    event("too-late", T0.minus(Duration.ofMinutes(121)))));
            assertEquals(1, run.published());
            assertEquals(1, run.quarantined());
            assertTrue(run.violations().keySet().stream().anyMatch(k -> k.contains("late")), run.violations().toString());
        }
    }

    @Test
    void anEventSentAgainAfterItsLatenessIsADuplicateDroppedNotALateEventQuarantined() {
        try (BufferAllocator allocator = new RootAllocator()) {
            run(allocator, T0, List.of(event("a", T0), event("b", T0)));
            // a source replaying what it sent before, three hours on: the events change nothing
            RunResult replay = run(allocator, T0.plus(Duration.ofHours(3)), List.of(event("a", T0), event("b", T0),
                    event("old", T0)));
            assertEquals(2, replay.duplicates(), replay.summary());
            assertEquals(1, replay.quarantined(), "only the new event is late: " + replay.summary());
            assertEquals(0, replay.published());
            assertEquals(replay.rowsIn(), replay.published() + replay.quarantined() + replay.duplicates());
            assertEquals(Map.of("attendance", 2L), replay.snapshot().rowCounts());
        }
    }

    @Test
    void anEventExactlyAtTheAllowedLatenessIsAcceptedAndOneMicrosecondOlderIsLate() {
        try (BufferAllocator allocator = new RootAllocator()) {
            Instant edge = T0.minus(Duration.ofHours(2));
            RunResult run = run(allocator, T0, List.of(event("edge", edge),
                    event("past-edge", edge.minusNanos(1_000)),
                    event("edge-in-paris", java.time.OffsetDateTime.ofInstant(edge, java.time.ZoneId.of("Europe/Paris"))
                            .toInstant())));
            assertEquals(2, run.published(), run.summary());
            assertEquals(1, run.quarantined(), run.summary());
            assertEquals("late", run.samples().get(0).violations().get(0).rule());
        }
    }

    @Test
    void readingAsOfATimeGivesTheEventsKnownThen() {
        try (BufferAllocator allocator = new RootAllocator()) {
            run(allocator, T0, List.of(event("a", T0), event("b", T0)));
            run(allocator, T0.plusSeconds(3600), List.of(event("c", T0.plusSeconds(3600))));
            ProductReader reader = ProductReader.builder(DirectorySnapshotStore.at(dir), product(List.of()))
                    .allocator(allocator).build();
            assertEquals(List.of("a", "b"), ids(reader, T0.plusSeconds(1800)));
            assertEquals(List.of("a", "b", "c"), ids(reader, T0.plusSeconds(3600)));
        }
    }

    @Test
    void refusesEventsWithoutAnIdOrATime() {
        RuntimeException noId = assertThrows(InvalidDefinitionException.class, () -> DatasetSpec.named("e")
                .field("recorded_at", LogicalType.TIMESTAMP_TZ, f -> f.required())
                .updateMode(UpdateMode.events("recorded_at", Duration.ZERO)).build());
        assertTrue(noId.getMessage().contains("primary key"), noId.getMessage());
        RuntimeException noTime = assertThrows(InvalidDefinitionException.class, () -> DatasetSpec.named("e")
                .field("event_id", LogicalType.STRING, f -> f.required().primaryKey())
                .updateMode(UpdateMode.events("recorded_at", Duration.ZERO)).build());
        assertTrue(noTime.getMessage().contains("'recorded_at'"), noTime.getMessage());
    }

    private static List<String> ids(ProductReader reader, Instant asOf) {
        List<String> ids = new ArrayList<>();
        try (ReadResult r = reader.read(Principal.of("r", "reader"),
                ReadRequest.of("attendance").snapshot(SnapshotSelector.asOf(asOf)).build())) {
            while (r.next()) {
                for (int i = 0; i < r.batch().getRowCount(); i++) {
                    ids.add(r.batch().getVector("event_id").getObject(i).toString());
                }
            }
        }
        ids.sort(null);
        return ids;
    }
}
