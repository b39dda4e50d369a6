package dev.dataproduct.core.slo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataproduct.core.io.JsonLinesFile;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A history in a directory, kept beside the snapshots: one JSON Lines file,
 * {@code service-levels.jsonl}, one line per measurement, such as
 * <pre>
 * {"product":"urn:dataproduct:retail:purchases:v1","objective":"freshness","at":"2025-03-01T06:00:00Z",
 *  "good":true,"value":86400.0}
 * </pre>
 * (on one line). Several processes may share it. A line that cannot be read (one cut short by a
 * crash) is skipped with a warning.
 */
public final class DirectorySliHistory implements SliHistory {
    /** The name of the file in the directory. */
    public static final String FILE_NAME = "service-levels.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(DirectorySliHistory.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonLinesFile file;

    private DirectorySliHistory(Path directory) {
        this.file = JsonLinesFile.at(directory.resolve(FILE_NAME));
    }

    /**
     * @param directory the directory; created on the first record
     * @return the history kept there
     */
    public static DirectorySliHistory at(Path directory) {
        return new DirectorySliHistory(Objects.requireNonNull(directory, "directory"));
    }

    /** @return the file the measurements are appended to */
    public Path file() {
        return file.path();
    }

    @Override
    public void record(SliEvent event) {
        ObjectNode n = JSON.createObjectNode();
        n.put("product", event.product());
        n.put("objective", event.objective());
        n.put("at", event.at().toString());
        n.put("good", event.good());
        n.put("value", event.value());
        file.append(n.toString());
    }

    @Override
    public List<SliEvent> events(String product, String objective, Instant since) {
        List<SliEvent> out = new ArrayList<>();
        for (JsonLinesFile.Line line : file.lines()) {
            try {
                JsonNode n = JSON.readTree(line.text());
                SliEvent e = new SliEvent(n.path("product").asText(), n.path("objective").asText(),
                        Instant.parse(n.path("at").asText()), requireBoolean(n), n.path("value").asDouble());
                if (e.product().equals(product) && e.objective().equals(objective) && !e.at().isBefore(since)) {
                    out.add(e);
                }
            } catch (JsonProcessingException | DateTimeException | IllegalArgumentException e) {
                LOG.warn("line {} of {} cannot be read ({}); skipped", line.number(), file.path(), e.getMessage());
            }
        }
        out.sort(Comparator.comparing(SliEvent::at));
        return out;
    }

    private static boolean requireBoolean(JsonNode n) {
        if (!n.path("good").isBoolean()) {
            throw new IllegalArgumentException("no boolean 'good'");
        }
        return n.get("good").asBoolean();
    }

    @Override
    public String toString() {
        return "DirectorySliHistory[" + file.path() + "]";
    }
}
