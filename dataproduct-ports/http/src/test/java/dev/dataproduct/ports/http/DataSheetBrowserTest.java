package dev.dataproduct.ports.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data sheet and the catalog as a person sees them: loaded from a running host into headless
 * Chromium, asserted on the rendered DOM, and photographed into {@code target/}. Not skipped when the
 * browser is missing: it fails, saying how to install it.
 */
class DataSheetBrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots");
    static SheetMesh mesh;
    static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        Chromium.binary();
        mesh = new SheetMesh();
        browser = Chromium.start(1280, 1600);
        browser.headers(Map.of("Authorization", "Bearer " + Directory.ADMIN_TOKEN));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (mesh != null) {
                mesh.close();
            }
        }
    }

    static int count(String selector) {
        return browser.eval("document.querySelectorAll(" + quote(selector) + ").length").asInt();
    }

    static String text(String selector) {
        return browser.eval("document.querySelector(" + quote(selector) + ").textContent").asText();
    }

    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void rendersTheDataSheetWithItsFieldsSampleAndCharts() throws Exception {
        browser.load(mesh.base() + "/products/k12/directory/v1");
        assertEquals("directory", text("h1"));
        JsonNode headings = browser.eval("[...document.querySelectorAll('h2')].map(h => h.textContent)");
        for (String h : List.of("About", "Fields", "Sample rows", "Ports and how to connect", "Service levels",
                "Quality checks", "Row counts per snapshot", "Inputs and consumers", "Contract")) {
            assertTrue(headings.toString().contains("\"" + h + "\""), "heading " + h + " in " + headings);
        }
        assertEquals(Directory.STUDENTS.schema().fields().size(), count("table.fields tbody tr"));
        assertEquals("confidential", text("table.fields tr[data-field=email] td:nth-child(5)"));
        assertEquals(10, count("table.sample tbody tr"), "a sample of ten rows, the admin may read them all");
        assertEquals(SheetMesh.RUNS, count("svg[data-chart=rows-students] rect.bar"), "a bar per snapshot");
        assertEquals("40", browser.eval("document.querySelector('svg[data-chart=rows-students] rect.bar')"
                + ".dataset.value").asText());
        assertEquals(SheetMesh.RUNS, count("svg[data-chart=quality-students-1] circle.point"),
                "the completeness check charted over its runs");
        assertTrue(count("svg[data-chart=sli-freshness] circle.point") >= SheetMesh.RUNS - 1, "freshness history");
        assertTrue(count("svg[data-chart=sli-completeness] circle.point") >= SheetMesh.RUNS, "completeness history");
        assertEquals(3, count("svg[data-graph=lineage] g.node"), "the product and the two that read it");
        assertEquals(2, count("svg[data-graph=lineage] path.edge"));
        assertTrue(text("pre.curl").startsWith("curl "), "how to connect with curl");
        assertEquals(mesh.directory.contract().version(), text("#contract-version"));
        Path shot = SHOTS.resolve("data-sheet.png");
        browser.screenshot(shot);
        assertTrue(Files.size(shot) > 10_000, "a screenshot of the sheet");
        assertEquals(List.of(), browser.errors(), "no console errors");
    }

    @Test
    void rendersTheCatalogWithItsInteractionMap() throws Exception {
        browser.load(mesh.base() + "/");
        assertEquals("Data product catalog", text("h1"));
        assertEquals(3, count("table.products tr.product"), "two served, one known from its document");
        assertEquals(3, count("svg[data-graph=mesh] g.domain"), "one band per domain");
        assertEquals(3, count("svg[data-graph=mesh] g.node"));
        assertEquals(1, count("svg[data-graph=mesh] path.edge[data-to='urn:dataproduct:district:attendance:v0']"));
        browser.screenshot(SHOTS.resolve("catalog.png"));
        assertEquals(List.of(), browser.errors(), "no console errors");
    }
}
