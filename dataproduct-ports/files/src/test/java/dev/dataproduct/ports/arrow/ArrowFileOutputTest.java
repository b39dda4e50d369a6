package dev.dataproduct.ports.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.OutputContext;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.ports.files.FileSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrowFileOutputTest {
    @TempDir
    Path dir;

    static final Schema PURCHASES = Schema.of(Field.of("purchase_id", LogicalType.STRING, true),
            Field.of("quantity", LogicalType.INT32, true));
    static final Schema CUSTOMERS = Schema.of(Field.of("customer_id", LogicalType.STRING, true));

    private static OutputContext context(BufferAllocator allocator) {
        return new OutputContext("urn:dataproduct:retail:purchases", allocator, Clock.systemUTC());
    }

    private static List<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Path current(Path directory) throws IOException {
        return FileSet.current(directory).orElseThrow();
    }

    private static long rowsIn(Path file, BufferAllocator allocator) {
        return ArrowFileInput.of("check", file).open(new InputContext(allocator, Clock.systemUTC(), r -> { }))
                .countRows();
    }

    @Test
    void publishesOneArrowFilePerDatasetAndTheSnapshotDescriptionLeavingNoTemporaryFiles() throws IOException {
        Path out = dir.resolve("out");
        try (RootAllocator allocator = new RootAllocator();
             VectorSchemaRoot p = BatchBuilder.fromRows(PURCHASES, List.of(Map.of("purchase_id", "p1", "quantity", 1),
                     Map.of("purchase_id", "p2", "quantity", 2)), allocator);
             VectorSchemaRoot c = BatchBuilder.fromRows(CUSTOMERS, List.of(Map.of("customer_id", "c1")), allocator);
             ArrowFileOutput port = ArrowFileOutput.at(out)) {
            port.open(context(allocator));

            port.publish(TestSnapshot.of("s1", 1, Dataset.of("purchases", PURCHASES, List.of(p)),
                    Dataset.of("customers", CUSTOMERS, List.of(c))));

            Path set = current(out);
            assertEquals(List.of("CURRENT", set.getFileName().toString()), fileNames(out));
            assertTrue(set.getFileName().toString().startsWith("snapshot-1-"), set.toString());
            assertEquals(List.of("_snapshot.json", "customers.arrow", "purchases.arrow"), fileNames(set));
            assertEquals(2, rowsIn(set.resolve("purchases.arrow"), allocator));
            assertEquals(1, rowsIn(set.resolve("customers.arrow"), allocator));
            String json = Files.readString(set.resolve("_snapshot.json"));
            assertTrue(json.contains("\"snapshotId\": \"s1\""), json);
            assertTrue(json.contains("\"sequence\": 1"), json);
            assertTrue(json.contains("\"parent\": null"), json);
            assertTrue(json.contains("\"committedAt\": \"2024-05-01T12:00:00Z\""), json);
            assertTrue(json.contains("\"productAddress\": \"urn:dataproduct:retail:purchases\""), json);
            assertTrue(json.contains("\"productVersion\": \"1.2.0\""), json);
            assertTrue(json.contains("\"format\": \"arrow-ipc\""), json);
            assertTrue(json.contains("\"audience\": \"anonymous\""), json);
            assertTrue(json.contains("\"rowCounts\": {\"purchases\": 2, \"customers\": 1}"), json);
            assertTrue(json.contains("\"files\": {\"purchases\": \"purchases.arrow\", \"customers\": \"customers.arrow\"}"),
                    json);
        }
    }

    @Test
    void replacesThePreviousSnapshotsFilesOnTheNextPublication() throws IOException {
        try (RootAllocator allocator = new RootAllocator();
             VectorSchemaRoot one = BatchBuilder.fromRows(PURCHASES, List.of(Map.of("purchase_id", "p1")), allocator);
             VectorSchemaRoot three = BatchBuilder.fromRows(PURCHASES, List.of(Map.of("purchase_id", "p1"),
                     Map.of("purchase_id", "p2"), Map.of("purchase_id", "p3")), allocator);
             ArrowFileOutput port = ArrowFileOutput.at(dir)) {
            port.open(context(allocator));
            port.publish(TestSnapshot.of("s1", 1, Dataset.of("purchases", PURCHASES, List.of(one))));

            port.publish(TestSnapshot.of("s2", 2, Dataset.of("purchases", PURCHASES, List.of(three))));

            Path set = current(dir);
            assertEquals(3, rowsIn(set.resolve("purchases.arrow"), allocator));
            String json = Files.readString(set.resolve("_snapshot.json"));
            assertTrue(json.contains("\"snapshotId\": \"s2\""), json);
            assertTrue(json.contains("\"parent\": \"previous\""), json);
            assertEquals(List.of("_snapshot.json", "purchases.arrow"), fileNames(set));
        }
    }

    @Test
    void keepsThePreviousFilesIntactWhenAPublicationFailsHalfway() throws IOException {
        try (RootAllocator allocator = new RootAllocator();
             VectorSchemaRoot one = BatchBuilder.fromRows(PURCHASES, List.of(Map.of("purchase_id", "p1")), allocator);
             ArrowFileOutput port = ArrowFileOutput.at(dir)) {
            port.open(context(allocator));
            Dataset good = Dataset.of("purchases", PURCHASES, List.of(one, one));
            port.publish(TestSnapshot.of("s1", 1, good));
            Path before = current(dir);
            String jsonBefore = Files.readString(before.resolve("_snapshot.json"));

            Dataset failing = new FailingDataset(Dataset.of("purchases", PURCHASES, List.of(one, one, one)));
            assertThrows(PortException.class, () -> port.publish(TestSnapshot.of("s2", 2, failing)));

            assertEquals(before, current(dir));
            assertEquals(2, rowsIn(before.resolve("purchases.arrow"), allocator));
            assertEquals(jsonBefore, Files.readString(before.resolve("_snapshot.json")));
            assertEquals(List.of("CURRENT", before.getFileName().toString()), fileNames(dir),
                    "the failed set is removed");
        }
    }

    @Test
    void theNextPublicationRemovesTemporaryFilesThatAKilledOneLeftBehind() throws IOException {
        // what a publication killed while switching leaves: AtomicFiles' temporaries, and files not ours
        Files.writeString(dir.resolve(".CURRENT.0b0e9a52-dead-beef-0000-000000000000.tmp"), "snapshot-");
        Files.writeString(dir.resolve("notes.tmp"), "a user's file");
        Files.writeString(dir.resolve(".editor.tmp"), "another user's file");
        try (RootAllocator allocator = new RootAllocator();
             VectorSchemaRoot one = BatchBuilder.fromRows(PURCHASES, List.of(Map.of("purchase_id", "p1")), allocator);
             ArrowFileOutput port = ArrowFileOutput.at(dir)) {
            port.open(context(allocator));
            port.publish(TestSnapshot.of("s1", 1, Dataset.of("purchases", PURCHASES, List.of(one))));
            Path set = current(dir);
            assertEquals(List.of(".editor.tmp", "CURRENT", "notes.tmp", set.getFileName().toString()), fileNames(dir));
            assertEquals(1, rowsIn(set.resolve("purchases.arrow"), allocator));
        }
    }

    @Test
    void refusesToPublishBeforeItIsOpened() {
        try (RootAllocator allocator = new RootAllocator();
             VectorSchemaRoot one = BatchBuilder.fromRows(PURCHASES, List.of(Map.of("purchase_id", "p1")), allocator)) {
            ArrowFileOutput port = ArrowFileOutput.at(dir);

            assertThrows(IllegalStateException.class,
                    () -> port.publish(TestSnapshot.of("s1", 1, Dataset.of("purchases", PURCHASES, List.of(one)))));
            assertFalse(Files.exists(dir.resolve(FileSet.POINTER)));
        }
    }

    @Test
    void refusesADatasetNameThatWouldEscapeTheDirectory() throws IOException {
        try (RootAllocator allocator = new RootAllocator();
             VectorSchemaRoot one = BatchBuilder.fromRows(PURCHASES, List.of(Map.of("purchase_id", "p1")), allocator);
             ArrowFileOutput port = ArrowFileOutput.at(dir.resolve("out"))) {
            port.open(context(allocator));

            PortException e = assertThrows(PortException.class,
                    () -> port.publish(TestSnapshot.of("s1", 1, Dataset.of("../evil", PURCHASES, List.of(one)))));

            assertTrue(e.getMessage().contains("'../evil'"), e.getMessage());
            assertEquals(List.of(), fileNames(dir));
        }
    }

    @Test
    void refusesBatchesThatDoNotFollowTheDatasetSchema() {
        Path file = dir.resolve("bad.arrow");
        try (RootAllocator allocator = new RootAllocator();
             VectorSchemaRoot customers = BatchBuilder.fromRows(CUSTOMERS, List.of(Map.of("customer_id", "c1")),
                     allocator)) {
            PortException e = assertThrows(PortException.class,
                    () -> ArrowFileOutput.write(Dataset.of("purchases", PURCHASES, List.of(customers)), file, allocator));

            assertTrue(e.getMessage().contains("'purchases'"), e.getMessage());
            assertFalse(Files.exists(file));
        }
    }

    @Test
    void isNamedArrowFilesUnlessRenamed() {
        ArrowFileOutput port = ArrowFileOutput.at(dir);

        assertEquals("arrow-files", port.descriptor().name());
        assertEquals("purchases-files", port.named("purchases-files").descriptor().name());
        assertEquals("arrow-ipc", port.descriptor().format());
        assertEquals(dir.toString(), port.named("x").descriptor().location());
        assertEquals(OutputPort.ANONYMOUS, port.audience());
        assertEquals(Principal.of("f", "analyst"), port.named("x").audience(Principal.of("f", "analyst")).audience());
    }

    /** A dataset whose cursor fails on its second batch, like a source that breaks mid-read. */
    private record FailingDataset(Dataset delegate) implements Dataset {
        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public Schema schema() {
            return delegate.schema();
        }

        @Override
        public BatchCursor open() {
            BatchCursor inner = delegate.open();
            return new BatchCursor() {
                int calls;

                @Override
                public boolean next() {
                    if (++calls == 2) {
                        throw new PortException("source broke");
                    }
                    return inner.next();
                }

                @Override
                public VectorSchemaRoot batch() {
                    return inner.batch();
                }

                @Override
                public void close() {
                    inner.close();
                }
            };
        }
    }
}
