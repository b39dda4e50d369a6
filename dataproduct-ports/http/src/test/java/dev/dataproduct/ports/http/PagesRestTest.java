package dev.dataproduct.ports.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pages as the REST port serves them, read with the JDK's HttpClient. */
class PagesRestTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SHEET = "/products/k12/directory/v1";
    static SheetMesh mesh;

    @BeforeAll
    static void start() {
        mesh = new SheetMesh();
    }

    @AfterAll
    static void stop() {
        mesh.close();
    }

    static HttpResponse<byte[]> get(String path, String token, String... headers) {
        return Http.get(mesh.base(), path, token, headers);
    }

    static String html(String path, String token) {
        HttpResponse<byte[]> r = get(path, token, "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertEquals(200, r.statusCode(), Http.text(r));
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(r.headers().firstValue("Content-Security-Policy").orElseThrow().contains("default-src 'none'"));
        return Http.text(r);
    }

    @Test
    void servesTheDataSheetForHtmlAndTheDescriptorOtherwise() throws Exception {
        String page = html(SHEET, Directory.ADMIN_TOKEN);
        assertTrue(page.startsWith("<!DOCTYPE html>"), page);
        assertTrue(page.contains("urn:dataproduct:k12:directory:v1"));
        HttpResponse<byte[]> plain = get(SHEET, Directory.ADMIN_TOKEN);
        assertTrue(plain.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertEquals("directory", JSON.readTree(plain.body()).get("name").asText());
    }

    @Test
    void pagesLoadNothingFromElsewhere() {
        String page = html(SHEET, Directory.ADMIN_TOKEN) + html("/", Directory.ADMIN_TOKEN);
        assertFalse(page.contains("<script"), "a page carries no script");
        assertFalse(page.contains("<link rel=\"stylesheet\""), "a page links no stylesheet");
        assertFalse(page.contains("src=\"http"), "a page loads nothing over the network");
        assertFalse(page.contains("@import") || page.contains("url(http"), "the style fetches nothing");
    }

    @Test
    void escapesEveryTextOfTheProduct() {
        String page = html(SHEET, Directory.ADMIN_TOKEN);
        assertTrue(page.contains("with a &lt;b&gt;masked&lt;/b&gt; e-mail"), "the description is escaped");
        assertFalse(page.contains("<b>masked</b>"));
        String report = html("/products/district/attendance/v0", Directory.ADMIN_TOKEN);
        assertTrue(report.contains("School &lt;code&gt;"), "a field's description is escaped");
    }

    @Test
    void showsSampleRowsAsTheViewerMaySeeThem() {
        String admin = html(SHEET, Directory.ADMIN_TOKEN);
        assertTrue(admin.contains("student1@school.example"), "the admin sees e-mails unmasked");
        String counselor = html(SHEET, Directory.COUNSELOR_TOKEN);
        assertTrue(counselor.contains("<table class=\"sample\""));
        assertFalse(counselor.contains("student0@school.example"), "the counselor's e-mails are masked");
        assertFalse(counselor.contains("<td>s1</td>"), "s1 is at school B, which the counselor may not see");
        assertTrue(counselor.contains("<td>s0</td>"));
        assertTrue(counselor.contains("Masked for you: email"));
    }

    @Test
    void showsSampleDatesAndTimesAsPeopleReadThem() {
        String admin = html(SHEET, Directory.ADMIN_TOKEN);
        assertTrue(admin.contains("<td>2010-01-01</td>"), "a date, not a day number");
        assertTrue(admin.contains("<td>2026-09-01T00:00:00Z</td>"), "an instant, not microseconds");
    }

    @Test
    void tellsAViewerWithoutAccessSoAndShowsNoRows() {
        String page = html(SHEET, Directory.NOBODY_TOKEN);
        assertTrue(page.contains("class=\"denied\""));
        assertFalse(page.contains("<table class=\"sample\""));
        assertFalse(page.contains("<table class=\"checks\""), "no quality outcomes of a dataset one may not read");
        assertFalse(page.contains("@school.example"));
    }

    @Test
    void servesTheCatalogPageAtTheRoot() {
        String page = html("/", Directory.COUNSELOR_TOKEN);
        assertTrue(page.contains("data-address=\"urn:dataproduct:k12:directory:v1\""));
        assertTrue(page.contains("href=\"/products/k12/directory/v1\""), "each entry links to its data sheet");
        assertTrue(page.contains("class=\"edge\" data-from=\"urn:dataproduct:k12:directory:v1\" "
                + "data-to=\"urn:dataproduct:district:attendance:v0\""), "the map shows who reads whom");
    }

    @Test
    void searchesTheCatalogByEachCriterion() throws Exception {
        assertEquals(3, catalog("").get("count").asInt());
        assertFound("q=studies+where", "directory");
        assertFound("domain=district", "attendance");
        assertFound("owner=dan%40example.com", "attendance");
        assertFound("tag=schools", "directory");
        assertEquals(2, catalog("field=students").get("count").asInt(), "attendance and budget");
        assertFound("classification=confidential", "directory");
        assertEquals(3, catalog("status=active").get("count").asInt() + catalog("status=draft").get("count").asInt());
        assertEquals(0, catalog("q=nothing-like-this").get("count").asInt());
        JsonNode reader = catalog("domain=district").get("products").get(0);
        assertEquals("urn:dataproduct:k12:directory:v1", reader.at("/reads/0").asText());
        assertEquals("/products/district/attendance/v0", reader.at("/links/dataSheet").asText());
    }

    @Test
    void servesTheSheetOfAProductKnownOnlyFromItsDocument() {
        String page = html("/products/finance/budget/v4", Directory.COUNSELOR_TOKEN);
        assertTrue(page.contains("Spending per student."));
        assertTrue(page.contains("only described here"));
        assertEquals(404, get("/products/finance/budget/v4", Directory.COUNSELOR_TOKEN).statusCode(),
                "it has no descriptor, rows or contract here");
    }

    @Test
    void refusesAnUnknownCatalogParameter() throws Exception {
        HttpResponse<byte[]> r = get("/catalog?colour=red", Directory.COUNSELOR_TOKEN);
        assertEquals(400, r.statusCode());
        assertTrue(JSON.readTree(r.body()).get("detail").asText().contains("'colour'"), Http.text(r));
    }

    @Test
    void pagesNeedCredentialsLikeEveryResource() {
        assertEquals(401, get("/", null, "Accept", "text/html").statusCode());
        assertEquals(401, get(SHEET, null, "Accept", "text/html").statusCode());
    }

    private static JsonNode catalog(String query) throws Exception {
        HttpResponse<byte[]> r = get("/catalog" + (query.isEmpty() ? "" : "?" + query), Directory.COUNSELOR_TOKEN);
        assertEquals(200, r.statusCode(), Http.text(r));
        return JSON.readTree(r.body());
    }

    private static void assertFound(String query, String name) throws Exception {
        JsonNode found = catalog(query);
        assertEquals(1, found.get("count").asInt(), query + " -> " + found);
        assertEquals(name, found.at("/products/0/name").asText(), query);
    }
}
