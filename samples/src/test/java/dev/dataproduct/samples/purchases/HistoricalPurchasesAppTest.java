package dev.dataproduct.samples.purchases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataproduct.ports.files.FileSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample run leaves its lineage events, service level history and objectives beside its snapshots. */
class HistoricalPurchasesAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void theSampleRunWritesLineageAndServiceLevelsBesideItsSnapshots() throws Exception {
        // the K-12 and composition samples work inside the given folder, never in a folder shared with other runs
        Path dir = work.resolve("historical-purchases");
        HistoricalPurchasesApp.main(new String[] {dir.toString()});
        assertTrue(Files.isDirectory(dir.resolve("student-directory/snapshots")));
        assertTrue(Files.isDirectory(dir.resolve("composition")));

        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("lineage/events.jsonl"))) {
            events.add(JSON.readTree(line));
        }
        assertEquals(List.of("START", "COMPLETE"), events.stream().map(e -> e.get("eventType").asText()).toList());
        assertEquals("file", events.get(1).at("/inputs/0/namespace").asText());
        assertTrue(events.get(1).at("/outputs/0/facets/version/datasetVersion").isTextual());

        Set<String> measured = new TreeSet<>();
        for (String line : Files.readAllLines(dir.resolve("service-levels/service-levels.jsonl"))) {
            measured.add(JSON.readTree(line).get("objective").asText());
        }
        // the contract promises latency (of purchased_at), frequency, retention and availability; reads are not
        // measured by a run
        assertEquals(Set.of("freshness-purchases-purchased-at", "frequency", "retention"), measured);
        String openSlo = Files.readString(dir.resolve("service-levels/objectives.openslo.yaml"));
        assertTrue(openSlo.contains("kind: \"SLO\"") || openSlo.contains("kind: SLO"), openSlo);
        assertTrue(openSlo.contains("historical-purchases-availability"), openSlo);

        // the static catalog, with a data sheet per product of the run (purchases and the two K-12 products)
        String index = Files.readString(dir.resolve("site/index.html"));
        for (String sheet : List.of("products/retail/historical-purchases/v1.html",
                "products/education/student-master/v1.html", "products/education/student-directory-masked/v1.html")) {
            assertTrue(index.contains("href=\"" + sheet + "\""), "the catalog links " + sheet);
            String page = Files.readString(dir.resolve("site").resolve(sheet));
            assertTrue(page.contains("<table class=\"fields\""), sheet);
        }
        String purchases = Files.readString(dir.resolve("site/products/retail/historical-purchases/v1.html"));
        assertTrue(purchases.contains("data-chart=\"sli-"), "service levels charted from the run's history");
        assertTrue(purchases.contains("<table class=\"sample\""), "the site's viewer, an analyst, sees rows");
        assertTrue(purchases.contains("***@"), "with e-mail addresses masked, as the policy says for analysts");
        assertTrue(index.contains("data-from=\"urn:dataproduct:education:student-master:v1\""),
                "the map shows the directory reading the master");
    }

    @Test
    void theSampleDeliversToEachAudienceOnlyWhatItMayRead() throws Exception {
        HistoricalPurchasesApp.main(new String[] {work.toString()});

        Path stores = FileSet.current(work.resolve("served/stores")).orElseThrow();
        List<String> lines = Files.readAllLines(stores.resolve("purchases.csv"));
        String header = lines.get(0);
        assertFalse(header.contains("email"), "store managers do not see e-mail addresses: " + header);
        int channel = List.of(header.split(",")).indexOf("channel");
        assertTrue(lines.size() > 1, "some store purchases");
        assertTrue(lines.subList(1, lines.size()).stream().allMatch(l -> l.split(",")[channel].equals("store")),
                "only the store channel");
        Path analysts = FileSet.current(work.resolve("served/analysts")).orElseThrow();
        assertTrue(Files.isRegularFile(analysts.resolve("purchases.arrow")));
        assertTrue(Files.readString(analysts.resolve(FileSet.MANIFEST)).contains("\"audience\": \"analyst-files\""));
    }
}
