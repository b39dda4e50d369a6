package dev.dataproduct.core.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.access.Target;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.core.access.Students;
import dev.dataproduct.core.audit.InMemoryAuditSink;
import dev.dataproduct.core.io.IpcBatches;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A read that changes nothing of the stored batches may hand them out as stored; any other may not. */
class StoredBatchesTest {
    /** Everything in clear for "all"; rows of school A for "school-a"; emails masked for "masked". */
    static final Policy POLICY = Policy.forDataset("students")
            .mask(Target.field("email"), Mask.email())
            .grant(Grant.to(Audience.role("all")).allColumns().unmask(Target.field("name"), Target.field("email")))
            .grant(Grant.to(Audience.role("school-a")).allColumns().unmask(Target.field("name"), Target.field("email"))
                    .rows(Expr.col("school").eq("A")))
            .grant(Grant.to(Audience.role("masked")).allColumns().unmask(Target.field("name")))
            .build();
    static final Principal ALL = Principal.of("ana", "all");

    BufferAllocator allocator;
    InMemoryAuditSink audit;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        audit = new InMemoryAuditSink();
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    ProductReader reader(SnapshotStore store) {
        return ProductReader.builder(store, ProductReaderTest.PRODUCT).dataset(Students.SPEC, POLICY)
                .allocator(allocator).audit(audit).build();
    }

    @Test
    void aReadOfEverythingAsStoredHandsOutTheStoredBatchesWhichDecodeToWhatTheReadReturns() throws IOException {
        for (SnapshotStore store : List.of(new InMemorySnapshotStore(), DirectorySnapshotStore.at(dir))) {
            ProductReaderTest.commit(store, allocator, 0, 12, ProductReaderTest.T0);
            ProductReader reader = reader(store);
            List<Map<String, Object>> expected = ProductReaderTest.readAll(reader, ALL,
                    ReadRequest.of("students").build(), new ArrayList<>());
            int before = audit.records().size();
            try (ReadResult result = reader.read(ALL, ReadRequest.of("students").limit(12).build())) {
                IpcBatches stored = result.storedBatches().orElseThrow(() -> new AssertionError(store.toString()));
                assertEquals(12, stored.rows());
                assertEquals(3, stored.count(), "batches of 5, 5 and 2 rows");
                assertEquals(expected, decode(result.schema(), stored), store.toString());
                assertFalse(result.next(), "the stored batches are the whole answer");
                assertEquals(12, result.rowsReturned());
                assertTrue(result.resumeCursor().isPresent(), "the limit was reached, as by a read of batches");
            }
            assertEquals(12, audit.records().get(before).rows(), "the audit counts the rows handed out");
        }
    }

    @Test
    void anyFilterMaskProjectionOrderOrCutOfTheRowsKeepsTheStoredBatchesBack() {
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        ProductReaderTest.commit(store, allocator, 0, 12, ProductReaderTest.T0);
        ProductReader reader = reader(store);
        Map<String, Function<ReadRequest.Builder, ReadRequest.Builder>> requests = Map.of(
                "a filter", r -> r.where(Expr.col("grade").gt(9)),
                "an order", r -> r.orderBy(SortKey.desc("id")),
                "some columns", r -> r.columns("id", "grade"),
                "every column in another order", r -> r.columns("name", "id", "email", "school", "grade", "birth",
                        "seen_at"),
                "a limit short of the rows", r -> r.limit(11));
        requests.forEach((what, request) -> {
            try (ReadResult result = reader.read(ALL, request.apply(ReadRequest.of("students")).build())) {
                assertEquals(Optional.empty(), result.storedBatches(), what);
                assertTrue(result.next(), what + ": the rows come as batches");
            }
        });
        for (Principal p : List.of(Principal.of("bo", "school-a"), Principal.of("cy", "masked"))) {
            try (ReadResult result = reader.read(p, ReadRequest.of("students").build())) {
                assertEquals(Optional.empty(), result.storedBatches(), p.id() + ": the policy changes the rows");
            }
        }
        String cursor;
        try (ReadResult first = reader.read(ALL, ReadRequest.of("students").limit(5).build())) {
            while (first.next()) {
                // read the page to its end
            }
            cursor = first.resumeCursor().orElseThrow();
        }
        try (ReadResult next = reader.read(ALL, ReadRequest.of("students").limit(50).after(cursor).build())) {
            assertEquals(Optional.empty(), next.storedBatches(), "a later page starts inside the stored rows");
        }
        try (ReadResult started = reader.read(ALL, ReadRequest.of("students").build())) {
            assertTrue(started.next());
            assertEquals(Optional.empty(), started.storedBatches(), "a read already begun");
        }
    }

    @Test
    void everyColumnNamedInTheStoredOrderStillHandsOutTheStoredBatches() {
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        ProductReaderTest.commit(store, allocator, 0, 7, ProductReaderTest.T0);
        try (ReadResult result = reader(store).read(ALL, ReadRequest.of("students")
                .columns("id", "name", "email", "school", "grade", "birth", "seen_at").build())) {
            assertEquals(7, result.storedBatches().orElseThrow().rows());
        }
    }

    /** What a port sends: the schema message of the read, the stored messages, the end of the stream. */
    private List<Map<String, Object>> decode(Schema schema, IpcBatches stored) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (VectorSchemaRoot empty = VectorSchemaRoot.create(schema, allocator);
             ArrowStreamWriter writer = new ArrowStreamWriter(empty, null, Channels.newChannel(bytes))) {
            writer.start();
            stored.writeTo(bytes, 1000);
            writer.end();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(bytes.toByteArray()),
                allocator)) {
            assertEquals(schema, reader.getVectorSchemaRoot().getSchema());
            while (reader.loadNextBatch()) {
                rows.addAll(Students.rows(reader.getVectorSchemaRoot()));
            }
        }
        return rows;
    }
}
