package dev.dataproduct.core.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.access.Target;
import dev.dataproduct.api.error.AccessDeniedException;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.error.InvalidRequestException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.access.Students;
import dev.dataproduct.core.audit.AuditRecord;
import dev.dataproduct.core.audit.InMemoryAuditSink;
import dev.dataproduct.core.audit.JsonLinesAuditSink;
import dev.dataproduct.core.io.ArrowIpcWriter;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.SnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotTransaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductReaderTest {
    static final ProductAddress PRODUCT = ProductAddress.parse("urn:dataproduct:k12:students:v1");
    static final Instant T0 = Instant.parse("2026-09-01T08:00:00Z");
    static final Policy POLICY = Policy.forDataset("students")
            .mask(Target.field("email"), Mask.email())
            .grant(Grant.to(Audience.role("counselor")).columns("id", "email", "school", "grade")
                    .rows(Expr.col("school").eq(Expr.principal("school"))))
            .grant(Grant.to(Audience.role("office")).allColumns().unmask(Target.field("name")))
            .build();
    static final Principal COUNSELOR = new Principal("carla", Set.of("counselor"), Map.of("school", "A"));
    static final Principal OFFICE = Principal.of("otto", "office");

    BufferAllocator allocator;
    SnapshotStore store;
    InMemoryAuditSink audit;
    ProductReader reader;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        store = new InMemorySnapshotStore();
        audit = new InMemoryAuditSink();
        reader = reader(store);
    }

    ProductReader reader(SnapshotStore s) {
        return ProductReader.builder(s, PRODUCT).dataset(Students.SPEC, POLICY).allocator(allocator).audit(audit)
                .batchSize(4).maxSortRows(50).build();
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    /** Commits rows [from, from + count) in batches of at most 5 rows. */
    static SnapshotManifest commit(SnapshotStore s, BufferAllocator allocator, int from, int count, Instant at) {
        try (SnapshotTransaction tx = s.begin(PRODUCT, allocator)) {
            ArrowIpcWriter data = tx.dataset("students", Students.SPEC.schema().toArrow());
            for (int i = from; i < from + count; i += 5) {
                try (VectorSchemaRoot batch = Students.batch(allocator, i, Math.min(5, from + count - i))) {
                    data.write(batch);
                }
            }
            return tx.commit("1.0.0", at);
        }
    }

    SnapshotManifest commit(int from, int count, Instant at) {
        return commit(store, allocator, from, count, at);
    }

    /** Reads every batch of a request; returns rows, and the resume cursor as the last element's "_cursor". */
    static List<Map<String, Object>> readAll(ProductReader r, Principal p, ReadRequest request, List<String> cursor) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ReadResult result = r.read(p, request)) {
            while (result.next()) {
                rows.addAll(Students.rows(result.batch()));
            }
            cursor.clear();
            result.resumeCursor().ifPresent(cursor::add);
        }
        return rows;
    }

    List<Map<String, Object>> read(Principal p, ReadRequest request) {
        return readAll(reader, p, request, new ArrayList<>());
    }

    static List<Object> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("id")).toList();
    }

    @Test
    void readsTheCurrentSnapshotThroughThePolicyAndAuditsIt() {
        commit(0, 6, T0);
        SnapshotManifest current = commit(0, 12, T0.plusSeconds(60));
        List<Map<String, Object>> rows = read(COUNSELOR, ReadRequest.of("students").via("rest").build());
        assertEquals(List.of("s0", "s2", "s4", "s6", "s8", "s10"), ids(rows));
        assertEquals(List.of("id", "email", "school", "grade"), List.copyOf(rows.get(0).keySet()));
        assertEquals("s***@school.example", rows.get(0).get("email"));
        AuditRecord record = audit.records().get(0);
        assertEquals(new AuditRecord(record.time(), "carla", PRODUCT.urn(), "students", current.id(), "rest",
                AuditRecord.Decision.ALLOWED, List.of("id", "email", "school", "grade"), List.of("email"), 6), record);
    }

    @Test
    void deniesAPrincipalNoGrantIsForAndAuditsTheDenial() {
        commit(0, 3, T0);
        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> reader.read(Principal.of("eve", "student"), ReadRequest.of("students").build()));
        assertFalse(e.getMessage().contains("counselor"), e.getMessage());
        assertEquals(AuditRecord.Decision.DENIED, audit.records().get(0).decision());
        assertEquals(0, audit.records().get(0).rows());
        assertEquals(Set.of(), store.pinned(PRODUCT));
    }

    @Test
    void refusesAHiddenColumnWithTheSameErrorAsAMissingOne() {
        commit(0, 3, T0);
        for (ReadRequest.Builder asked : List.of(
                ReadRequest.of("students").columns("COLUMN"),
                ReadRequest.of("students").where(Expr.col("COLUMN").isNull()),
                ReadRequest.of("students").orderBy(SortKey.asc("COLUMN")))) {
            String hidden = message(asked, "name");
            String missing = message(asked, "nonexistent");
            assertEquals(missing.replace("nonexistent", "X"), hidden.replace("name", "X"));
        }
        assertTrue(audit.records().stream().allMatch(r -> r.decision() == AuditRecord.Decision.REFUSED));
    }

    private String message(ReadRequest.Builder template, String column) {
        ReadRequest t = template.build();
        ReadRequest r = new ReadRequest(t.dataset(), t.snapshot(),
                t.columns().stream().map(c -> c.replace("COLUMN", column)).toList(),
                t.filter().map(f -> Expr.col(column).isNull()), t.order().stream()
                .map(k -> SortKey.asc(column)).toList(), t.limit(), t.cursor(), t.port());
        return assertThrows(InvalidRequestException.class, () -> reader.read(COUNSELOR, r)).getMessage();
    }

    @Test
    void filtersAndOrdersOnTheMaskedValue() {
        commit(0, 6, T0);
        assertEquals(List.of(), read(COUNSELOR, ReadRequest.of("students")
                .where(Expr.col("email").eq("student0@school.example")).build()));
        assertEquals(3, read(COUNSELOR, ReadRequest.of("students")
                .where(Expr.col("email").eq("s***@school.example")).build()).size());
        // all masked emails are equal: the order falls back to stored order, revealing nothing
        assertEquals(List.of("s0", "s2", "s4"), ids(read(COUNSELOR, ReadRequest.of("students")
                .orderBy(SortKey.desc("email")).build())));
    }

    @Test
    void projectsFiltersOrdersAndLimits() {
        commit(0, 20, T0);
        List<Map<String, Object>> rows = read(OFFICE, ReadRequest.of("students").columns("grade", "id")
                .where(Expr.col("grade").ge(11)).orderBy(SortKey.desc("grade"), SortKey.asc("id")).limit(5).build());
        assertEquals(List.of("grade", "id"), List.copyOf(rows.get(0).keySet()));
        assertEquals(List.of("s11", "s15", "s19", "s3", "s7"), ids(rows)); // grade 12, ids as strings
    }

    @Test
    void pagesWithCursorsStablyWhileNewSnapshotsCommit() {
        for (boolean ordered : List.of(false, true)) {
            store = new InMemorySnapshotStore();
            reader = reader(store);
            commit(0, 13, T0);
            ReadRequest.Builder b = ReadRequest.of("students").columns("id", "name");
            if (ordered) {
                b.orderBy(SortKey.desc("id"));
            }
            List<Object> whole = ids(read(OFFICE, b.build()));
            List<Object> paged = new ArrayList<>();
            List<String> cursor = new ArrayList<>();
            ReadRequest page = b.limit(4).build();
            paged.addAll(ids(readAll(reader, OFFICE, page, cursor)));
            commit(100, 7, T0.plusSeconds(5));          // a new snapshot commits between pages
            while (!cursor.isEmpty()) {
                paged.addAll(ids(readAll(reader, OFFICE, page.after(cursor.get(0)), cursor)));
            }
            assertEquals(whole, paged, "ordered " + ordered);
            assertEquals(13, paged.size());
        }
    }

    @Test
    void refusesACursorOfAnotherRequestOrReaderAndOneNotIssued() {
        commit(0, 10, T0);
        List<String> cursor = new ArrayList<>();
        readAll(reader, OFFICE, ReadRequest.of("students").limit(2).build(), cursor);
        String c = cursor.get(0);
        InvalidRequestException other = assertThrows(InvalidRequestException.class, () -> reader.read(OFFICE,
                ReadRequest.of("students").columns("id").limit(2).after(c).build()));
        assertTrue(other.getMessage().contains("another request"), other.getMessage());
        Principal otherOffice = Principal.of("olga", "office");
        assertThrows(InvalidRequestException.class, () -> reader.read(otherOffice,
                ReadRequest.of("students").limit(2).after(c).build()));
        InvalidRequestException garbage = assertThrows(InvalidRequestException.class, () -> reader.read(OFFICE,
                ReadRequest.of("students").limit(2).after("not-a-cursor").build()));
        assertTrue(garbage.getMessage().contains("not one the read path issued"), garbage.getMessage());
    }

    @Test
    void travelsInTimeByInstantAndById() {
        SnapshotManifest first = commit(0, 2, T0);
        commit(0, 4, T0.plusSeconds(100));
        ReadRequest.Builder b = ReadRequest.of("students");
        assertEquals(2, read(OFFICE, b.snapshot(SnapshotSelector.asOf(T0.plusSeconds(99))).build()).size());
        assertEquals(4, read(OFFICE, b.snapshot(SnapshotSelector.asOf(T0.plusSeconds(100))).build()).size());
        assertEquals(2, read(OFFICE, b.snapshot(SnapshotSelector.id(first.id())).build()).size());
        DataProductException before = assertThrows(DataProductException.class, () -> reader.read(OFFICE,
                ReadRequest.of("students").snapshot(SnapshotSelector.asOf(T0.minusSeconds(1))).build()));
        assertTrue(before.getMessage().contains("had no snapshot at"), before.getMessage());
        assertThrows(DataProductException.class, () -> reader.read(OFFICE,
                ReadRequest.of("students").snapshot(SnapshotSelector.id("00000099")).build()));
    }

    @Test
    void pinsTheSnapshotWhileItIsReadAndReleasesItOnClose(@TempDir Path dir) {
        SnapshotStore directory = DirectorySnapshotStore.at(dir);
        SnapshotManifest m = commit(directory, allocator, 0, 12, T0);
        ProductReader r = reader(directory);
        try (ReadResult result = r.read(OFFICE, ReadRequest.of("students").build())) {
            assertTrue(result.next());
            commit(directory, allocator, 0, 3, T0.plusSeconds(1));
            assertEquals(Set.of(m.id()), directory.pinned(PRODUCT));
            assertEquals(Set.of(m.id()), DirectorySnapshotStore.at(dir).pinned(PRODUCT));
            long rows = result.batch().getRowCount();
            while (result.next()) {
                rows += result.batch().getRowCount();
            }
            assertEquals(12, rows);
        }
        assertEquals(Set.of(), directory.pinned(PRODUCT));
    }

    @Test
    void refusesAnOrderedReadWithoutLimitOverTheSortBound() {
        commit(0, 60, T0);
        assertThrows(InvalidRequestException.class, () -> read(OFFICE, ReadRequest.of("students")
                .orderBy(SortKey.asc("id")).build()));
        assertEquals(AuditRecord.Decision.REFUSED, audit.records().get(0).decision());
        assertEquals(Set.of(), store.pinned(PRODUCT));
        // with a limit only offset + limit rows are held
        assertEquals(3, read(OFFICE, ReadRequest.of("students").orderBy(SortKey.asc("id")).limit(3).build()).size());
    }

    @Test
    void refusesPagingAnOrderedReadDeeperThanTheSortBound() {
        commit(0, 60, T0);
        List<String> cursor = new ArrayList<>();
        ReadRequest page = ReadRequest.of("students").orderBy(SortKey.asc("id")).limit(30).build();
        readAll(reader, OFFICE, page, cursor);
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> reader.read(OFFICE, page.after(cursor.get(0))));
        assertTrue(e.getMessage().contains("60 rows here, and holds at most 50"), e.getMessage());
        assertEquals(Set.of(), store.pinned(PRODUCT));
    }

    @Test
    void givesNoCursorForAnEmptyPage() {
        commit(0, 5, T0);
        List<String> cursor = new ArrayList<>();
        assertEquals(List.of(), readAll(reader, OFFICE, ReadRequest.of("students").limit(0).build(), cursor));
        assertEquals(List.of(), cursor);
    }

    @Test
    void refusesASnapshotWrittenUnderAnotherDefinitionOfTheDataset() {
        Schema older = new Schema(Students.SPEC.schema().fields().stream()
                .filter(f -> !f.name().equals("seen_at")).toList());
        try (SnapshotTransaction tx = store.begin(PRODUCT, allocator)) {
            tx.dataset("students", older.toArrow());
            tx.commit("0.9.0", T0);
        }
        DataProductException e = assertThrows(DataProductException.class,
                () -> reader.read(OFFICE, ReadRequest.of("students").build()));
        assertTrue(e.getMessage().contains("as written by product version 0.9.0"), e.getMessage());
        assertEquals(Set.of(), store.pinned(PRODUCT));
        assertEquals(AuditRecord.Decision.FAILED, audit.records().get(0).decision());
    }

    @Test
    void refusesAnUnknownDataset() {
        commit(0, 1, T0);
        assertThrows(InvalidRequestException.class, () -> reader.read(OFFICE, ReadRequest.of("teachers").build()));
    }

    @Test
    void writesAuditRecordsAsJsonLinesWithoutValues(@TempDir Path dir) throws IOException {
        commit(0, 4, T0);
        Path file = dir.resolve("audit/reads.jsonl");
        ProductReader r = ProductReader.builder(store, PRODUCT).dataset(Students.SPEC, POLICY).allocator(allocator)
                .audit(JsonLinesAuditSink.at(file)).build();
        readAll(r, OFFICE, ReadRequest.of("students").where(Expr.col("name").eq("Student Number1")).build(),
                new ArrayList<>());
        assertThrows(AccessDeniedException.class, () -> r.read(Principal.of("eve"), ReadRequest.of("students").build()));
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("\"decision\":\"ALLOWED\"") && lines.get(0).contains("\"rows\":1"), lines.get(0));
        assertTrue(lines.get(1).contains("\"principal\":\"eve\"") && lines.get(1).contains("\"DENIED\""), lines.get(1));
        assertFalse(String.join("\n", lines).contains("Student Number"), lines.toString());
    }
}
