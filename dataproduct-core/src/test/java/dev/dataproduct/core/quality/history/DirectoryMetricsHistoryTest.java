package dev.dataproduct.core.quality.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryMetricsHistoryTest extends MetricsHistoryContract {
    @TempDir
    Path dir;

    @Override
    MetricsHistory history() {
        return DirectoryMetricsHistory.at(dir.resolve("history"));
    }

    @Test
    void keepsEntriesAcrossInstances() {
        history().record(entry("purchases", "1.0.0", 1, 10, 2.0));
        history().record(entry("purchases", "1.0.1", 2, 11, null));
        List<HistoryEntry> read = DirectoryMetricsHistory.at(dir.resolve("history")).entries(PRODUCT, "purchases");
        assertEquals(List.of(entry("purchases", "1.0.0", 1, 10, 2.0), entry("purchases", "1.0.1", 2, 11, null)), read);
    }

    @Test
    void writesOneJsonLinePerEntryInAFileNamedSafely() throws IOException {
        DirectoryMetricsHistory h = DirectoryMetricsHistory.at(dir);
        h.record(entry("sales/eu:2024", "1.0.0", 1, 10, 2.0));
        h.record(entry("sales/eu:2024", "1.0.0", 2, 12, null));
        Path file = h.file(PRODUCT, "sales/eu:2024");
        assertEquals(dir.toAbsolutePath().normalize(), file.getParent());
        assertEquals("urn%3Adataproduct%3Aretail%3Apurchases~sales%2Feu%3A2024.jsonl", file.getFileName().toString());
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertEquals("{\"product\":\"urn:dataproduct:retail:purchases\",\"dataset\":\"sales/eu:2024\","
                + "\"version\":\"1.0.0\",\"at\":\"1970-01-01T00:00:01Z\","
                + "\"metrics\":{\"rowCount\":10.0,\"nullCount(email)\":2.0}}", lines.get(0));
        assertTrue(Files.readString(file).endsWith("\n"));
    }

    @Test
    void skipsATornLastLineAndStartsTheNextEntryOnALineOfItsOwn() throws IOException {
        DirectoryMetricsHistory h = DirectoryMetricsHistory.at(dir);
        h.record(entry("purchases", "1.0.0", 1, 10, null));
        h.record(entry("purchases", "1.0.0", 2, 20, null));
        Path file = h.file(PRODUCT, "purchases");
        Files.writeString(file, "{\"product\":\"urn:dataproduct:retail:purchases\",\"dataset\":\"purch",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND); // a crash in the middle of a write
        assertEquals(List.of(10.0, 20.0), values(h));

        h.record(entry("purchases", "1.0.0", 3, 30, null));
        assertEquals(List.of(10.0, 20.0, 30.0), values(h));
        List<String> lines = Files.readAllLines(file);
        assertEquals(4, lines.size());
        assertFalse(lines.get(2).endsWith("}"), "the torn line stays apart: " + lines.get(2));
    }

    @Test
    void skipsLinesThatAreNotEntries() throws IOException {
        DirectoryMetricsHistory h = DirectoryMetricsHistory.at(dir);
        h.record(entry("purchases", "1.0.0", 1, 10, null));
        Path file = h.file(PRODUCT, "purchases");
        Files.writeString(file, "\n[1, 2]\n{\"product\":\"urn:dataproduct:retail:purchases\",\"dataset\":\"purchases\","
                + "\"version\":\"1\",\"at\":\"yesterday\",\"metrics\":{}}\n"
                + "{\"product\":\"urn:dataproduct:retail:purchases\",\"dataset\":\"purchases\",\"version\":\"1\","
                + "\"at\":\"1970-01-01T00:00:05Z\",\"metrics\":{\"rowCount\":\"many\"}}\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        h.record(entry("purchases", "1.0.0", 9, 90, null));
        assertEquals(List.of(10.0, 90.0), values(h));
    }

    @Test
    void keepsEveryEntryOfConcurrentWriters() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                // each writer with its own instance, as separate runs would be
                done.add(pool.submit(() -> {
                    MetricsHistory h = DirectoryMetricsHistory.at(dir);
                    for (int i = 0; i < 50; i++) {
                        h.record(new HistoryEntry(PRODUCT, "purchases", "1.0.0",
                                Instant.ofEpochSecond(thread * 1000L + i), Map.of("rowCount", (double) i)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(200, DirectoryMetricsHistory.at(dir).entries(PRODUCT, "purchases").size());
        assertEquals(200, Files.readAllLines(DirectoryMetricsHistory.at(dir).file(PRODUCT, "purchases")).size());
    }

    private static List<Double> values(MetricsHistory h) {
        return h.entries(PRODUCT, "purchases").stream().map(e -> e.metrics().get("rowCount")).toList();
    }
}
