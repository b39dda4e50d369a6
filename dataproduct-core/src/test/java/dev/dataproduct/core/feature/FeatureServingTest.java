package dev.dataproduct.core.feature;

import static dev.dataproduct.core.feature.Histories.day;
import static dev.dataproduct.core.feature.Histories.feature;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.Target;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.error.AccessDeniedException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.feature.FeatureStatus;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.audit.AuditRecord;
import dev.dataproduct.core.audit.InMemoryAuditSink;
import dev.dataproduct.core.io.ArrowIpcWriter;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.slo.InMemorySliHistory;
import dev.dataproduct.core.slo.SliEvent;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotTransaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeatureServingTest {
    static final ProductAddress PRODUCT = ProductAddress.parse("urn:dataproduct:k12:scores:v1");
    static final Policy POLICY = Policy.forDataset("scores")
            .grant(Grant.to(Audience.role("materializer")).allColumns())
            .grant(Grant.to(Audience.role("teacher")).columns("student_id", "event_time", "created_at", "score")
                    .rows(Expr.col("student_id").ne("s2")))
            .grant(Grant.to(Audience.role("analyst")).allColumns()
                    .mask(Target.field("student_id"), Mask.showLast(1)))
            .grant(Grant.to(Audience.role("auditor")).columns("event_time", "score"))
            .build();
    static final Principal TEACHER = Principal.of("tess", "teacher");
    static final Principal MATERIALIZER = Principal.of("online-store", "materializer");

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = day(4);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    BufferAllocator allocator;
    SnapshotStore store;
    InMemoryAuditSink audit;
    InMemorySliHistory slis;
    MovingClock clock;
    FeatureServing serving;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        store = new InMemorySnapshotStore();
        audit = new InMemoryAuditSink();
        slis = new InMemorySliHistory();
        clock = new MovingClock();
        ProductReader reader = ProductReader.builder(store, PRODUCT).dataset(Histories.VIEW.dataset(), POLICY)
                .allocator(allocator).audit(audit).build();
        serving = FeatureServing.builder(Histories.VIEW, reader, new InMemoryOnlineStore())
                .materializeAs(MATERIALIZER).allocator(allocator).clock(clock)
                .freshness("online-freshness", Duration.ofMinutes(5), slis).build();
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    void commit(List<Map<String, Object>> rows, Instant at) {
        try (SnapshotTransaction tx = store.begin(PRODUCT, allocator);
             VectorSchemaRoot batch = BatchBuilder.fromRows(Histories.TABLE, rows, allocator)) {
            ArrowIpcWriter data = tx.dataset("scores", Histories.TABLE.toArrow());
            data.write(batch);
            tx.commit("1.0.0", at);
        }
    }

    static final List<Map<String, Object>> FIRST = List.of(
            feature("s1", day(1), day(1), 10.0, "A"),
            feature("s2", day(1), day(1), 20.0, "B"),
            feature("s3", day(1), day(1), null, "C"));

    @Test
    void servesLookupsThroughTheProductsPolicyAndAuditsThem() {
        commit(FIRST, day(4));
        serving.materialize();
        List<FeatureLookup> found = serving.lookup(TEACHER, List.of(List.of("s1"), List.of("s2"), List.of("s3"),
                List.of("s9")));
        assertEquals(List.of("score"), List.copyOf(found.get(0).features().keySet()), "grade is hidden from teachers");
        assertEquals(10.0, found.get(0).features().get("score").value().orElseThrow());
        assertEquals(FeatureStatus.NOT_FOUND, found.get(1).features().get("score").status(),
                "a row the policy withholds answers as one never stored");
        assertEquals(FeatureStatus.NULL_VALUE, found.get(2).features().get("score").status());
        assertEquals(FeatureStatus.NOT_FOUND, found.get(3).features().get("score").status());
        AuditRecord last = audit.records().get(audit.records().size() - 1);
        assertEquals(FeatureServing.PORT, last.port());
        assertEquals(AuditRecord.Decision.ALLOWED, last.decision());
        assertThrows(AccessDeniedException.class, () -> serving.lookup(Principal.of("eve", "student"),
                List.of(List.of("s1"))));
    }

    @Test
    void refusesLookupsByAJoinKeyThePolicyMasksOrHidesForTheCallerRatherThanAnsweringNotFound() {
        commit(FIRST, day(4));
        serving.materialize();
        for (Principal caller : List.of(Principal.of("ann", "analyst"), Principal.of("aud", "auditor"))) {
            MaskedKeyException e = assertThrows(MaskedKeyException.class,
                    () -> serving.lookup(caller, List.of(List.of("s1"))), caller.toString());
            assertEquals(List.of("student_id"), e.keyColumns());
            assertTrue(e.getMessage().contains("'student_id'") && e.getMessage().contains("masked or hidden"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("s1"), "the key asked for is not repeated: " + e.getMessage());
        }
        assertEquals(10.0, serving.lookup(TEACHER, List.of(List.of("s1"))).get(0).features().get("score").value()
                .orElseThrow(), "a caller who sees the key in the clear is answered");
    }

    @Test
    void materialisesARowCommittedLaterThoughCreatedBeforeTheWatermarkAsTheOfflineJoinSeesIt() {
        commit(FIRST, day(3));
        Watermark first = serving.materialize();
        assertEquals(java.util.Optional.of(day(1)), first.createdUpTo());
        // recorded upstream before the watermark, but committed only now (a backfill, a slow source)
        List<Map<String, Object>> second = new java.util.ArrayList<>(FIRST);
        second.add(feature("s1", day(2), day(0.5), 12.0, "B"));
        commit(second, day(3.5));
        serving.materialize();
        clock.now = day(3.6);
        assertEquals(12.0, serving.lookup(TEACHER, List.of(List.of("s1"))).get(0).features().get("score").value()
                .orElseThrow(), "the offline join at this time takes the row of day 2: so must the store");
    }

    @Test
    void materialisesOnlyTheRowsAnAppendAddedToTheSnapshotLastMaterialised(@org.junit.jupiter.api.io.TempDir
                                                                         java.nio.file.Path dir) {
        SnapshotStore files = dev.dataproduct.core.snapshot.DirectorySnapshotStore.at(dir);
        ProductReader reader = ProductReader.builder(files, PRODUCT).dataset(Histories.VIEW.dataset(), POLICY)
                .allocator(allocator).audit(audit).build();
        FeatureServing appended = FeatureServing.builder(Histories.VIEW, reader, new InMemoryOnlineStore())
                .materializeAs(MATERIALIZER).allocator(allocator).clock(clock).build();
        java.util.function.BiConsumer<List<Map<String, Object>>, Instant> append = (rows, at) -> {
            try (SnapshotTransaction tx = files.begin(PRODUCT, allocator);
                 VectorSchemaRoot batch = BatchBuilder.fromRows(Histories.TABLE, rows, allocator)) {
                tx.dataset("scores", Histories.TABLE.toArrow(), dev.dataproduct.core.snapshot.WriteMode.append())
                        .write(batch);
                tx.commit("1.0.0", at);
            }
        };
        append.accept(FIRST, day(3));
        assertEquals(3, appended.materialize().rowsRead());
        append.accept(List.of(feature("s1", day(2), day(0.5), 12.0, "B")), day(3.5));
        Watermark next = appended.materialize();
        assertEquals(1, next.rowsRead(), "the row the append added, though created before the watermark");
        clock.now = day(3.6);
        assertEquals(12.0, appended.lookup(TEACHER, List.of(List.of("s1"))).get(0).features().get("score").value()
                .orElseThrow());
    }

    @Test
    void aKeyWithANullPartIsNotFoundAsOfflineNotTheEntityWhoseKeyReadsNull() {
        List<Map<String, Object>> rows = new java.util.ArrayList<>(FIRST);
        rows.add(feature("null", day(1), day(1), 99.0, "Z"));
        commit(rows, day(4));
        serving.materialize();
        List<FeatureLookup> found = serving.lookup(TEACHER, List.of(java.util.Arrays.asList((Object) null),
                List.of("null")));
        assertEquals(FeatureStatus.NOT_FOUND, found.get(0).features().get("score").status(),
                "the offline join answers an entity row without key NOT_FOUND");
        assertEquals(java.util.Arrays.asList((Object) null), found.get(0).key());
        assertEquals(99.0, found.get(1).features().get("score").value().orElseThrow());
        assertEquals(FeatureStatus.NOT_FOUND, serving.online().lookup(java.util.Arrays.asList((Object) null), day(4))
                .get("score").status());
    }

    @Test
    void judgesAgeAtLookupTimeSoAnExpiredValueIsNeverServedAsPresent() {
        commit(FIRST, day(4));
        serving.materialize();
        clock.now = day(1).plus(Histories.MAX_AGE);
        FeatureLookup found = serving.lookup(TEACHER, List.of(List.of("s1"))).get(0);
        assertEquals(FeatureStatus.EXPIRED, found.features().get("score").status());
        assertTrue(found.features().get("score").value().isEmpty());
    }

    @Test
    void materialisesEachSnapshotOnceAndKeepsEachEntitysLatestRow() {
        commit(FIRST, day(3));
        Watermark first = serving.materialize();
        assertEquals(3, first.rowsRead());
        assertEquals(first, serving.materialize(), "the same snapshot is not read again");
        List<Map<String, Object>> second = new java.util.ArrayList<>(FIRST);
        second.add(feature("s1", day(4.5), day(4.5), 11.0, "A"));
        second.add(feature("s3", day(0.5), day(4.6), 30.0, "late"));   // late, and older than what is held
        commit(second, day(4.9));
        clock.now = day(4.9).plusSeconds(60);
        assertTrue(serving.materializationLag().compareTo(Duration.ZERO) > 0, "a snapshot waits");
        Watermark next = serving.materialize();
        assertEquals(5, next.rowsRead(), "a snapshot that replaced its parent's rows is read whole");
        assertEquals(4, next.rowsApplied(), "the rows held again, and s1's newer one; not s3's older one");
        assertEquals(java.util.Optional.of(day(4.6)), next.createdUpTo());
        assertEquals(FeatureStatus.NULL_VALUE, serving.lookup(TEACHER, List.of(List.of("s3"))).get(0).features()
                .get("score").status(), "the late row older than the one held does not replace it");
        assertEquals(Duration.ZERO, serving.materializationLag());
        assertEquals(11.0, serving.lookup(TEACHER, List.of(List.of("s1"))).get(0).features().get("score").value()
                .orElseThrow());
        List<SliEvent> events = slis.events(PRODUCT.urn(), "online-freshness", Instant.EPOCH);
        assertEquals(2, events.size());
        assertFalse(events.get(0).good(), "a day from commit to the online store is more than five minutes");
        assertEquals(Duration.ofDays(1).toSeconds(), events.get(0).value());
        assertTrue(events.get(1).good());
    }
}
