package dev.dataproduct.ports.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.CommittedSnapshot;
import dev.dataproduct.api.port.OutputContext;
import dev.dataproduct.api.port.SnapshotInfo;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.ports.jsonl.JsonLinesFileOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a file port serves change as one set. */
class FileSetOutputTest {
    private static final Schema ROWS = Schema.of(Field.of("snapshot", LogicalType.STRING, true),
            Field.of("n", LogicalType.INT64, true));
    private static final Pattern SNAPSHOT_ID = Pattern.compile("\"snapshotId\": \"([^\"]+)\"");
    private static final Pattern ROW_COUNT = Pattern.compile("\"rowCounts\": \\{\"rows\": (\\d+)}");

    @TempDir
    Path dir;

    /** Publishes a snapshot whose every row names it, with as many rows as its sequence. */
    private static void publish(JsonLinesFileOutput port, long sequence, BufferAllocator allocator) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long i = 0; i < sequence; i++) {
            rows.add(Map.of("snapshot", "s" + sequence, "n", i));
        }
        try (VectorSchemaRoot batch = BatchBuilder.fromRows(ROWS, rows, allocator)) {
            Dataset dataset = Dataset.of("rows", ROWS, List.of(batch));
            SnapshotInfo info = new SnapshotInfo("s" + sequence, sequence, Optional.empty(),
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(sequence), "urn:dataproduct:test:sets",
                    "1.0.0", Map.of(), Map.of());
            port.publish(new CommittedSnapshot() {
                @Override
                public SnapshotInfo info() {
                    return info;
                }

                @Override
                public Set<String> datasetNames() {
                    return Set.of("rows");
                }

                @Override
                public Dataset dataset(String name) {
                    return dataset;
                }
            });
        }
    }

    private static JsonLinesFileOutput opened(JsonLinesFileOutput port, BufferAllocator allocator) {
        port.open(new OutputContext("urn:dataproduct:test:sets", allocator, Clock.systemUTC()));
        return port;
    }

    private List<String> sets() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("snapshot-")).sorted()
                    .toList();
        }
    }

    @Test
    void aReaderLoopingWhileSnapshotsArePublishedAlwaysSeesOneSnapshotsManifestAndData() throws Exception {
        try (RootAllocator allocator = new RootAllocator()) {
            JsonLinesFileOutput port = opened(JsonLinesFileOutput.at(dir), allocator);
            publish(port, 1, allocator);
            CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
                for (long s = 2; s <= 150; s++) {
                    publish(port, s, allocator);
                }
            });
            List<String> torn = new ArrayList<>();
            int reads = 0;
            while (!publisher.isDone() || reads == 0) {
                Path set = FileSet.current(dir).orElseThrow();
                String manifest = Files.readString(set.resolve(FileSet.MANIFEST));
                List<String> lines = Files.readAllLines(set.resolve("rows.jsonl"));
                Matcher id = SNAPSHOT_ID.matcher(manifest);
                Matcher count = ROW_COUNT.matcher(manifest);
                assertTrue(id.find() && count.find(), manifest);
                boolean same = lines.size() == Integer.parseInt(count.group(1))
                        && lines.stream().allMatch(l -> l.contains("\"snapshot\":\"" + id.group(1) + "\""));
                if (!same) {
                    torn.add(set + ": manifest of " + id.group(1) + " beside " + lines.size() + " lines");
                }
                reads++;
            }
            publisher.get();
            assertEquals(List.of(), torn, "after " + reads + " reads");
            assertTrue(Files.readString(FileSet.current(dir).orElseThrow().resolve(FileSet.MANIFEST))
                    .contains("\"snapshotId\": \"s150\""));
        }
    }

    @Test
    void keepsSupersededSetsForTheGracePeriodAndRemovesThemAfter() throws IOException {
        try (RootAllocator allocator = new RootAllocator()) {
            JsonLinesFileOutput kept = opened(JsonLinesFileOutput.at(dir), allocator);
            publish(kept, 1, allocator);
            publish(kept, 2, allocator);
            publish(kept, 3, allocator);
            assertEquals(3, sets().size(), "within the default hour, readers may still be on superseded sets");

            JsonLinesFileOutput prompt = opened(JsonLinesFileOutput.at(dir).keepSuperseded(Duration.ZERO), allocator);
            publish(prompt, 4, allocator);
            assertEquals(List.of(FileSet.current(dir).orElseThrow().getFileName().toString()), sets());
        }
    }

    @Test
    void removesTheIncompleteSetsAKilledPublicationLeftOnceTheyAreOlderThanTheGracePeriod() throws IOException {
        Path fresh = Files.createDirectories(dir.resolve("snapshot-8-0000aaaa"));
        Files.writeString(fresh.resolve("rows.jsonl"), "{\"half\":");
        Path old = Files.createDirectories(dir.resolve("snapshot-7-0000bbbb"));
        Files.writeString(old.resolve("rows.jsonl"), "{\"half\":");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path foreign = Files.createDirectories(dir.resolve("reports"));
        try (RootAllocator allocator = new RootAllocator()) {
            publish(opened(JsonLinesFileOutput.at(dir), allocator), 9, allocator);
        }
        assertTrue(Files.exists(fresh), "a set this young may be another publication's, still being written");
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(foreign), "directories that are not sets are left alone");
    }

    @Test
    void aPointerThatNamesNoSetIsRefusedRatherThanFollowed() throws IOException {
        assertEquals(Optional.empty(), FileSet.current(dir));
        Files.writeString(dir.resolve(FileSet.POINTER), "../../etc\n");
        IOException e = assertThrows(IOException.class, () -> FileSet.current(dir));
        assertTrue(e.getMessage().contains("does not name a set"), e.getMessage());
    }
}
