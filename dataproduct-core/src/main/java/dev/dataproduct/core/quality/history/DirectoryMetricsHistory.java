package dev.dataproduct.core.quality.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A metrics history in a directory: one JSON Lines file per product and dataset, one line per run,
 * such as
 * <pre>
 * {"product":"urn:dataproduct:retail:purchases","dataset":"purchases","version":"1.2.0",
 *  "at":"2025-03-01T06:00:00Z","metrics":{"rowCount":10312.0,"nullCount(email)":12.0}}
 * </pre>
 * (on one line). The file is named after the product and the dataset, with every character other
 * than letters, digits, {@code .}, {@code _} and {@code -} written as {@code %XX} (UTF-8), and
 * {@code ~} between them: {@code urn%3Adataproduct%3Aretail%3Apurchases~purchases.jsonl}.
 *
 * <p>A record appends its whole line in one write under a file lock (which also keeps other
 * processes that use the same directory in turn) and forces it to disk. A line cut short by a
 * crash is skipped on read with a warning, and the next record starts on a new line, so the torn
 * line never spoils a good one. Safe for several threads.
 */
public final class DirectoryMetricsHistory implements MetricsHistory {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryMetricsHistory.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** File locks are held per JVM, so threads (of any instance) writing one file take turns here first. */
    private static final Map<Path, Object> WRITERS = new ConcurrentHashMap<>();

    private final Path root;

    private DirectoryMetricsHistory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * @param root the directory; created on the first record if missing
     * @return a history stored there
     */
    public static DirectoryMetricsHistory at(Path root) {
        return new DirectoryMetricsHistory(Objects.requireNonNull(root, "root"));
    }

    /** @return the directory of the history */
    public Path root() {
        return root;
    }

    /**
     * @param product a product's address
     * @param dataset one of its datasets
     * @return the file holding their entries (which may not exist yet)
     */
    public Path file(String product, String dataset) {
        return root.resolve(FileNames.encode(product) + "~" + FileNames.encode(dataset) + ".jsonl");
    }

    @Override
    public void record(HistoryEntry entry) {
        Objects.requireNonNull(entry, "entry");
        Path file = file(entry.product(), entry.dataset());
        String json = toJson(entry);
        synchronized (WRITERS.computeIfAbsent(file, f -> new Object())) {
            try {
                Files.createDirectories(root);
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
                    long end = channel.size();
                    boolean torn = end > 0 && lastByte(channel, end) != '\n';
                    if (torn) {
                        LOG.warn("The last line of metrics history {} is incomplete (a write was cut short); it is"
                                + " skipped on read, and the new entry starts on a line of its own", file);
                    }
                    ByteBuffer line = ByteBuffer.wrap(((torn ? "\n" : "") + json + "\n")
                            .getBytes(StandardCharsets.UTF_8));
                    while (line.hasRemaining()) {
                        end += channel.write(line, end);
                    }
                    channel.force(false);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to metrics history " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public List<HistoryEntry> entries(String product, String dataset) {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(dataset, "dataset");
        Path file = file(product, dataset);
        List<HistoryEntry> out = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    HistoryEntry e = fromJson(line);
                    if (e.product().equals(product) && e.dataset().equals(dataset)) {
                        out.add(e);
                    } else {
                        LOG.warn("Line {} of metrics history {} is of {}/{}, not {}/{}; skipped", number, file,
                                e.product(), e.dataset(), product, dataset);
                    }
                } catch (IllegalArgumentException | JsonProcessingException | java.time.DateTimeException e) {
                    LOG.warn("Line {} of metrics history {} cannot be read ({}); skipped. A line cut short by a"
                            + " crash is expected at the end of a file", number, file, e.getMessage());
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read metrics history " + file + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(HistoryEntry::at)); // stable: same instants keep the file's order
        return List.copyOf(out);
    }

    private static byte lastByte(FileChannel channel, long size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1);
        channel.read(b, size - 1);
        return b.get(0);
    }

    private static String toJson(HistoryEntry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("product", e.product());
        n.put("dataset", e.dataset());
        n.put("version", e.version());
        n.put("at", e.at().toString());
        ObjectNode metrics = n.putObject("metrics");
        e.metrics().forEach(metrics::put);
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static HistoryEntry fromJson(String line) throws JsonProcessingException {
        JsonNode n = JSON.readTree(line);
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode metrics = n.path("metrics");
        if (!metrics.isObject()) {
            throw new IllegalArgumentException("no metrics object");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            if (!m.getValue().isNumber()) {
                throw new IllegalArgumentException("metric '" + m.getKey() + "' is not a number");
            }
            values.put(m.getKey(), m.getValue().doubleValue());
        }
        return new HistoryEntry(text(n, "product"), text(n, "dataset"), text(n, "version"),
                Instant.parse(text(n, "at")), values);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("no text field '" + field + "'");
        }
        return v.asText();
    }

    @Override
    public String toString() {
        return "DirectoryMetricsHistory[" + root + "]";
    }
}
