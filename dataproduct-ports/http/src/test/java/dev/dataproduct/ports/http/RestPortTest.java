package dev.dataproduct.ports.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataproduct.core.host.PortMeters;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RestPortTest extends DirectoryRestTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String P = "/products/k12/directory/v1";
    static final String ROWS = P + "/datasets/students";

    static JsonNode json(HttpResponse<byte[]> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static void assertProblem(HttpResponse<byte[]> r, int status, String inDetail) throws Exception {
        assertEquals(status, r.statusCode(), Http.text(r));
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElseThrow());
        JsonNode p = json(r);
        assertEquals(status, p.get("status").asInt());
        assertTrue(p.get("detail").asText().contains(inDetail), p.toString());
    }

    @Test
    void listsTheProductsWithTheirLinks() throws Exception {
        HttpResponse<byte[]> r = get("/products", Directory.COUNSELOR_TOKEN);
        assertEquals(200, r.statusCode());
        JsonNode p = json(r).get(0);
        assertEquals("urn:dataproduct:k12:directory:v1", p.get("address").asText());
        assertEquals("1.2.0", p.get("version").asText());
        assertEquals(ROWS, p.at("/links/datasets/students").asText());
        assertEquals(P + "/openapi.json", p.at("/links/openapi").asText());
    }

    @Test
    void refusesRequestsWithoutValidCredentials() throws Exception {
        assertProblem(get("/products", null), 401, "bearer token");
        HttpResponse<byte[]> r = get(ROWS, "not-a-token-at-all-xxxxxxxx");
        assertProblem(r, 401, "bearer token");
        assertEquals("Bearer realm=\"dataproduct\"", r.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void servesTheDescriptorAsJsonOrYaml() throws Exception {
        HttpResponse<byte[]> j = get(P, Directory.COUNSELOR_TOKEN);
        assertEquals(200, j.statusCode());
        assertTrue(j.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertEquals("directory", json(j).get("name").asText(), Http.text(j));
        HttpResponse<byte[]> y = get(P, Directory.COUNSELOR_TOKEN, "Accept", "application/yaml");
        assertEquals(200, y.statusCode());
        assertTrue(y.headers().firstValue("Content-Type").orElseThrow().startsWith("application/yaml"));
        assertTrue(Http.text(y).contains("name: directory"), Http.text(y));
        // text/html is the data sheet (PagesRestTest); a type served by none of the three is refused
        assertProblem(get(P, Directory.COUNSELOR_TOKEN, "Accept", "image/png"), 406, "application/yaml, text/html");
    }

    @Test
    void servesTheContract() throws Exception {
        HttpResponse<byte[]> r = get(P + "/contract", Directory.COUNSELOR_TOKEN);
        assertEquals(200, r.statusCode());
        JsonNode c = json(r);
        assertEquals("v3.1.0", c.get("apiVersion").asText(), c.toString());
        assertEquals("students", c.at("/schema/0/name").asText());
    }

    @Test
    void rowsAreWhatThePolicyShowsTheCaller() throws Exception {
        JsonNode rows = json(get(ROWS + "?limit=100", Directory.COUNSELOR_TOKEN));
        assertFalse(rows.isEmpty());
        for (JsonNode row : rows) {
            assertEquals("A", row.get("school").asText());
            assertFalse(row.get("email").isTextual() && row.get("email").asText().startsWith("student"),
                    "email is masked for a counselor: " + row);
        }
        JsonNode all = json(get(ROWS + "?limit=100", Directory.ADMIN_TOKEN));
        assertEquals(40, all.size());
        assertEquals("student0@school.example", all.get(0).get("email").asText());
        JsonNode narrow = json(get(ROWS + "?limit=100&select=id,school", Directory.ADMIN_TOKEN));
        assertEquals(List.of("id", "school"), fieldNames(narrow.get(0)));
    }

    static List<String> fieldNames(JsonNode row) {
        List<String> out = new ArrayList<>();
        row.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void filtersInThePostgrestStyle() throws Exception {
        assertEquals(List.of("s3"), ids("id=eq.s3"));
        assertEquals(39, ids("id=neq.s3").size());
        assertEquals(List.of("s11", "s35"), ids("grade=eq.12"));
        assertEquals(List.of("s0", "s12", "s24", "s36"), ids("grade=lte.1"));
        assertEquals(List.of("s11", "s35"), ids("grade=gte.12"));
        assertEquals(List.of("s10", "s22", "s34"), ids("grade=gt.10&grade=lt.12"));
        assertEquals(List.of("s1", "s2"), ids("id=in.(s1,s2,zz)"));
        assertEquals(List.of("s3", "s8", "s13", "s18", "s23", "s28", "s33", "s38"), ids("grade=is.null"));
        assertEquals(32, ids("grade=not.is.null").size());
        assertEquals(List.of("s1", "s10", "s11", "s12", "s13", "s14", "s15", "s16", "s17", "s18", "s19"),
                ids("id=like.s1*"));
        assertEquals(List.of("s0"), ids("born=eq.2010-01-01"));
        assertEquals(List.of("s1"), ids("updated=eq.2026-09-01T01:00:00Z"));
        assertEquals(List.of("s2"), ids("score=eq.3.0"));
        assertEquals(List.of("s0", "s2"), ids("active=is.true&id=in.(s0,s1,s2)"));
        assertEquals(List.of("s39", "s38", "s37", "s1"), ids("order=id.desc&id=in.(s39,s1,s38,s37)"));
    }

    List<String> ids(String query) throws Exception {
        HttpResponse<byte[]> r = get(ROWS + "?limit=100&select=id&" + query, Directory.ADMIN_TOKEN);
        assertEquals(200, r.statusCode(), Http.text(r));
        List<String> out = new ArrayList<>();
        json(r).forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    @Test
    void aBadQueryIsA400ThatNamesTheParameter() throws Exception {
        HttpResponse<byte[]> r = get(ROWS + "?grade=between.1", Directory.ADMIN_TOKEN);
        assertProblem(r, 400, "grade=op.value");
        assertEquals("grade", json(r).get("parameter").asText());
        HttpResponse<byte[]> limit = get(ROWS + "?limit=lots", Directory.ADMIN_TOKEN);
        assertProblem(limit, 400, "not a whole number");
        assertEquals("limit", json(limit).get("parameter").asText());
        HttpResponse<byte[]> typed = get(ROWS + "?grade=eq.ten", Directory.ADMIN_TOKEN);
        assertProblem(typed, 400, "'ten' is not a valid integer value");
        assertProblem(get(ROWS + "?select=nope", Directory.ADMIN_TOKEN), 400, "no column 'nope'");
        HttpResponse<byte[]> cursor = get(ROWS + "?cursor=forged", Directory.ADMIN_TOKEN);
        assertProblem(cursor, 400, "cursor");
        assertEquals("cursor", json(cursor).get("parameter").asText());
    }

    @Test
    void aDeniedReadIsA403WithoutPolicyDetail() throws Exception {
        HttpResponse<byte[]> r = get(ROWS, Directory.NOBODY_TOKEN);
        assertProblem(r, 403, "you may not read dataset 'students'");
        String body = Http.text(r);
        assertFalse(body.contains("counselor") || body.contains("admin") || body.contains("grant"), body);
    }

    @Test
    void unknownProductsDatasetsAndSnapshotsAre404() throws Exception {
        assertProblem(get("/products/k12/other/v1", Directory.ADMIN_TOKEN), 404, "no product");
        assertProblem(get("/products/k12/directory/v2/contract", Directory.ADMIN_TOKEN), 404, "no product");
        assertProblem(get(P + "/datasets/teachers", Directory.ADMIN_TOKEN), 404, "no dataset 'teachers'");
        assertProblem(get(ROWS + "?snapshot=nope", Directory.ADMIN_TOKEN), 404, "no snapshot 'nope'");
        assertProblem(get(ROWS + "?asOf=2000-01-01T00:00:00Z", Directory.ADMIN_TOKEN), 404, "had no snapshot");
        assertProblem(get("/nothing", Directory.ADMIN_TOKEN), 404, "/products");
    }

    @Test
    void rowsAreServedAsCsvAndArrowAnd406Otherwise() throws Exception {
        HttpResponse<byte[]> csv = get(ROWS + "?select=id,email,grade&id=in.(s0,s4)", Directory.ADMIN_TOKEN,
                "Accept", "text/csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertEquals("id,email,grade\r\ns0,student0@school.example,1\r\ns4,,5\r\n", Http.text(csv));
        HttpResponse<byte[]> arrow = get(ROWS, Directory.ADMIN_TOKEN, "Accept",
                "application/vnd.apache.arrow.stream");
        assertEquals(200, arrow.statusCode());
        assertEquals("application/vnd.apache.arrow.stream",
                arrow.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(40, Formats.arrowRows(arrow.body(), dir.allocator).size());
        assertProblem(get(ROWS, Directory.ADMIN_TOKEN, "Accept", "application/xml"), 406, "text/csv");
    }

    @Test
    void anArrowAnswerOfTheRowsAsStoredHoldsWhatTheSameReadBatchByBatchHolds() throws Exception {
        String arrow = "application/vnd.apache.arrow.stream";
        // the admin sees every row and value as stored: the port sends the stored batches as they are
        HttpResponse<byte[]> asStored = get(ROWS + "?limit=100", Directory.ADMIN_TOKEN, "Accept", arrow);
        // a filter every row passes makes the same answer go through the read path batch by batch
        HttpResponse<byte[]> batchByBatch = get(ROWS + "?limit=100&id=neq.none", Directory.ADMIN_TOKEN, "Accept",
                arrow);
        assertEquals(200, asStored.statusCode(), Http.text(asStored));
        assertEquals(200, batchByBatch.statusCode(), Http.text(batchByBatch));
        // a stored batch's message is the one the port would encode from it: the same bytes either way
        org.junit.jupiter.api.Assertions.assertArrayEquals(batchByBatch.body(), asStored.body());
        List<Map<String, Object>> rows = Formats.arrowRows(asStored.body(), dir.allocator);
        assertEquals(40, rows.size());
        assertEquals(Formats.arrowRows(batchByBatch.body(), dir.allocator), rows);
        assertEquals(Formats.jsonRows(get(ROWS + "?limit=100", Directory.ADMIN_TOKEN).body(), Directory.schema()),
                rows);
        assertEquals(Formats.arrowSchema(batchByBatch.body(), dir.allocator),
                Formats.arrowSchema(asStored.body(), dir.allocator));
        assertTrue(nextLink(asStored).isEmpty(), "every row was sent");
        // a caller whose policy filters or masks gets them through the read path, as before
        List<Map<String, Object>> counselor = Formats.arrowRows(get(ROWS + "?limit=100", Directory.COUNSELOR_TOKEN,
                "Accept", arrow).body(), dir.allocator);
        assertFalse(counselor.isEmpty());
        assertTrue(counselor.size() < 40, "the counselor's policy admits some rows only");
    }

    @Test
    void pagesFollowTheLinkHeaderToTheEnd() throws Exception {
        List<String> seen = new ArrayList<>();
        String next = ROWS + "?select=id&order=id.desc&limit=6";
        int pages = 0;
        while (next != null) {
            HttpResponse<byte[]> r = get(next, Directory.ADMIN_TOKEN);
            assertEquals(200, r.statusCode(), Http.text(r));
            json(r).forEach(n -> seen.add(n.get("id").asText()));
            next = nextLink(r).orElse(null);
            pages++;
        }
        assertEquals(7, pages);
        assertEquals(40, seen.size());
        assertEquals(40, seen.stream().distinct().count());
        assertEquals("s9", seen.get(0));
    }

    @Test
    void pagesOfSeveralFiltersResumeInTheOrderTheFiltersWereGiven() throws Exception {
        // "school" sorts after "grade": a link that reordered the filters would carry a cursor of another filter
        List<String> seen = new ArrayList<>();
        String next = ROWS + "?select=id&school=neq.C&grade=not.is.null&limit=4";
        while (next != null) {
            HttpResponse<byte[]> r = get(next, Directory.ADMIN_TOKEN);
            assertEquals(200, r.statusCode(), Http.text(r));
            json(r).forEach(n -> seen.add(n.get("id").asText()));
            next = nextLink(r).orElse(null);
        }
        assertEquals(ids("school=neq.C&grade=not.is.null"), seen);
    }

    static Optional<String> nextLink(HttpResponse<byte[]> r) {
        Optional<String> link = r.headers().firstValue("Link");
        if (link.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = Pattern.compile("<([^>]*)>; rel=\"next\"").matcher(link.get());
        assertTrue(m.matches(), link.get());
        return Optional.of(m.group(1));
    }

    @Test
    void aStrongEtagAnswersIfNoneMatchWith304() throws Exception {
        HttpResponse<byte[]> first = get(ROWS + "?limit=5", Directory.COUNSELOR_TOKEN);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.startsWith("\"") && etag.endsWith("\""), etag);
        assertEquals("private", first.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("Authorization, Accept", first.headers().firstValue("Vary").orElseThrow());
        HttpResponse<byte[]> again = get(ROWS + "?limit=5", Directory.COUNSELOR_TOKEN, "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
        String admin = get(ROWS + "?limit=5", Directory.ADMIN_TOKEN).headers().firstValue("ETag").orElseThrow();
        assertNotEquals(etag, admin, "another principal's scope gives another ETag");
        String other = get(ROWS + "?limit=6", Directory.COUNSELOR_TOKEN).headers().firstValue("ETag").orElseThrow();
        assertNotEquals(etag, other, "another query gives another ETag");
        dir.host.run(dir.product.address());
        HttpResponse<byte[]> changed = get(ROWS + "?limit=5", Directory.COUNSELOR_TOKEN, "If-None-Match", etag);
        assertEquals(200, changed.statusCode(), "a new snapshot gives a new ETag");
    }

    @Test
    void readsAnEarlierSnapshotByIdOrInstantAndListsThem() throws Exception {
        dir.host.run(dir.product.address());
        JsonNode snaps = json(get(P + "/snapshots", Directory.COUNSELOR_TOKEN));
        assertEquals(2, snaps.size());
        assertEquals(40, snaps.get(0).at("/rows/students").asLong());
        String firstId = snaps.get(0).get("id").asText();
        HttpResponse<byte[]> byId = get(ROWS + "?select=id&snapshot=" + firstId, Directory.ADMIN_TOKEN);
        assertEquals(200, byId.statusCode(), Http.text(byId));
        assertEquals(40, json(byId).size());
        HttpResponse<byte[]> asOf = get(ROWS + "?select=id&asOf=" + snaps.get(0).get("committedAt").asText(),
                Directory.ADMIN_TOKEN);
        assertEquals(200, asOf.statusCode(), Http.text(asOf));
        assertProblem(get(ROWS + "?snapshot=" + firstId + "&asOf=2026-01-01T00:00:00Z", Directory.ADMIN_TOKEN), 400,
                "either snapshot or asOf");
    }

    @Test
    void servesTheLatestQualityReportWithoutValues() throws Exception {
        HttpResponse<byte[]> r = get(P + "/quality", Directory.COUNSELOR_TOKEN);
        assertEquals(200, r.statusCode(), Http.text(r));
        JsonNode q = json(r);
        assertEquals("students", q.at("/reports/0/dataset").asText(), q.toString());
        assertFalse(Http.text(r).contains("FailingValues"), q.toString());
        JsonNode first = q.at("/reports/0/results/0");
        assertTrue(first.has("outcome"), q.toString());
        assertFalse(first.has("value") || first.has("message") || first.has("failingRowPositions"),
                "metric values are computed over rows and columns the reader may not see: " + q);
    }

    @Test
    void showsNoQualityReportOfADatasetThePrincipalMayNotRead() throws Exception {
        HttpResponse<byte[]> r = get(P + "/quality", Directory.NOBODY_TOKEN);
        assertEquals(200, r.statusCode(), Http.text(r));
        assertEquals(0, json(r).get("reports").size(), Http.text(r));
    }

    @Test
    void countsUsageByProductDatasetAndOutcome() throws Exception {
        get(ROWS + "?limit=3", Directory.ADMIN_TOKEN);
        get(ROWS + "?limit=3", Directory.COUNSELOR_TOKEN);
        get(ROWS, Directory.NOBODY_TOKEN);
        JsonNode usage = json(get(P + "/usage", Directory.ADMIN_TOKEN));
        long ok = 0;
        long denied = 0;
        long rows = 0;
        for (JsonNode n : usage.get("requests")) {
            if (n.get("dataset").asText().equals("students")) {
                ok += n.get("outcome").asText().equals("ok") ? n.get("requests").asLong() : 0;
                denied += n.get("outcome").asText().equals("denied") ? n.get("requests").asLong() : 0;
                rows += n.get("rows").asLong();
            }
        }
        assertEquals(2, ok, usage.toString());
        assertEquals(1, denied, usage.toString());
        assertEquals(6, rows, usage.toString());
        assertEquals(2, usage.get("consumersPerDay").elements().next().asInt(), usage.toString());
        assertEquals(1.0, dir.meters.get(PortMeters.DENIED).tag("dataset", "students").counter().count());
        dir.meters.getMeters().stream().filter(m -> m.getId().getName().startsWith("dataproduct.port."))
                .forEach(m -> m.getId().getTags().forEach(t -> assertTrue(
                        List.of("product", "port", "dataset", "outcome").contains(t.getKey()), m.getId().toString())));
    }

    @Test
    void refusesOtherMethodsAndOverlongTargets() throws Exception {
        HttpResponse<byte[]> post = Http.CLIENT.send(java.net.http.HttpRequest.newBuilder(base.resolve(ROWS))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("x"))
                .header("Authorization", "Bearer " + Directory.ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertProblem(post, 405, "GET");
        assertProblem(get(ROWS + "?select=" + "a".repeat(9000), Directory.ADMIN_TOKEN), 414, "8192");
    }
}
