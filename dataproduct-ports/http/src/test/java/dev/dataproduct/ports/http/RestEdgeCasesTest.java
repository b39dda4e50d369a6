package dev.dataproduct.ports.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a client nobody planned for sends, through the JDK HttpClient: each request gets the right
 * status and a problem body, never a 500 or a stack trace.
 */
class RestEdgeCasesTest extends DirectoryRestTest {
    static final String P = RestPortTest.P;
    static final String ROWS = RestPortTest.ROWS;
    static final String ADMIN = Directory.ADMIN_TOKEN;

    /** A problem body of the status, with the parameter named (or none when {@code parameter} is null). */
    static JsonNode problem(HttpResponse<byte[]> r, int status, String parameter) throws Exception {
        assertEquals(status, r.statusCode(), Http.text(r));
        assertEquals(MediaTypes.PROBLEM, r.headers().firstValue("Content-Type").orElseThrow(), Http.text(r));
        JsonNode p = RestPortTest.json(r);
        assertEquals(status, p.get("status").asInt(), p.toString());
        assertFalse(p.get("detail").asText().isBlank(), p.toString());
        assertFalse(Http.text(r).contains("Exception") || Http.text(r).contains("\tat "), Http.text(r));
        if (parameter != null) {
            assertEquals(parameter, p.path("parameter").asText(null), p.toString());
        }
        return p;
    }

    @Test
    void aParameterWithoutANameIsABadQueryNotAServerError() throws Exception {
        problem(get(ROWS + "?=eq.1", ADMIN), 400, "");
        problem(get(ROWS + "?%20=eq.A", ADMIN), 400, " ");
        // empty pairs are nothing, not a nameless parameter
        assertEquals(200, get(ROWS + "?&&limit=1&", ADMIN).statusCode());
    }

    @Test
    void malformedFiltersAndLimitsNameTheirParameter() throws Exception {
        String[][] cases = {
            {"grade=between.1", "grade"}, {"grade=5", "grade"}, {"grade=gt.five", "grade"},
            {"grade=is.maybe", "grade"}, {"grade=in.(1,2", "grade"}, {"limit=-1", "limit"},
            {"limit=100001", "limit"}, {"limit=99999999999999999999999", "limit"}, {"limit=1&limit=2", "limit"},
            {"order=grade.sideways", "order"}, {"order=grade,grade.desc", "order"}, {"asOf=yesterday", "asOf"},
            // numbers are ASCII digits as JSON writes them: not other scripts' digits, Java suffixes or hex
            {"grade=eq.%D9%A5", "grade"}, {"limit=%D9%A5", "limit"}, {"score=gt.1d", "score"},
            {"score=gt.0x1p3", "score"}, {"score=gt.%205", "score"}, {"grade=in.(1,%EF%BC%92)", "grade"},
        };
        for (String[] c : cases) {
            problem(get(ROWS + "?" + c[0], ADMIN), 400, c[1]);
        }
    }

    @Test
    void numbersAreReadAsJsonWritesThem() throws Exception {
        for (String q : List.of("score=gt.-1.5e1", "score=lt.1E3", "score=gte.%2B2", "score=neq.NaN", "score=lt.Infinity",
                "score=gt.-Infinity", "grade=eq.-0", "grade=in.(+1,2)", "score=gt..5")) {
            HttpResponse<byte[]> r = get(ROWS + "?" + q, ADMIN);
            assertEquals(200, r.statusCode(), q + ": " + Http.text(r));
        }
        assertEquals(RestPortTest.json(get(ROWS + "?select=id&score=gt.20&limit=100", ADMIN)),
                RestPortTest.json(get(ROWS + "?select=id&score=gt.2e1&limit=100", ADMIN)));
    }

    @Test
    void aLikeOfManyWildcardsIsAnsweredNotBacktrackedForever() throws Exception {
        // sixty wildcards before a letter no email has: a plain regex would try every split of every email
        HttpResponse<byte[]> r = get(ROWS + "?email=like." + "*o".repeat(60) + "*z", ADMIN);
        assertEquals(200, r.statusCode(), Http.text(r));
        assertEquals("[]", Http.text(r));
    }

    @Test
    void anUnknownColumnNamesTheParameterItWasIn() throws Exception {
        String[][] cases = {
            {"nope=eq.1", "nope"}, {"select=id,nope", "select"}, {"order=nope.desc", "order"},
            {"caf%C3%A9=eq.1", "café"}, {"select=id&grade=gt.1&order=nope", "order"},
        };
        for (String[] c : cases) {
            problem(get(ROWS + "?" + c[0], ADMIN), 400, c[1]);
        }
    }

    @Test
    void aHiddenColumnIsRefusedInTheSameWordsAsAnAbsentOne() throws Exception {
        // an auditor sees id, school and grade only
        String auditor = Jwts.hs256(Directory.JWT_KEY, Map.of("sub", "aude", "roles", List.of("auditor"),
                "exp", Instant.now().getEpochSecond() + 300));
        JsonNode hidden = problem(get(ROWS + "?email=eq.x", auditor), 400, "email");
        JsonNode absent = problem(get(ROWS + "?mail=eq.x", auditor), 400, "mail");
        assertEquals(hidden.get("detail").asText().replace("'email'", "'mail'"), absent.get("detail").asText());
    }

    @Test
    void repeatedAndPercentEncodedFiltersApplyAsWritten() throws Exception {
        JsonNode both = RestPortTest.json(get(ROWS + "?select=grade&grade=gte.3&grade=lte.4&limit=100", ADMIN));
        assertFalse(both.isEmpty());
        for (JsonNode row : both) {
            long g = row.get("grade").asLong();
            assertTrue(g >= 3 && g <= 4, row.toString());
        }
        assertEquals(Http.text(get(ROWS + "?school=eq.B&limit=100", ADMIN)),
                Http.text(get(ROWS + "?%73ch%6Fol=eq.%42&limit=100", ADMIN)));
        HttpResponse<byte[]> unicode = get(ROWS + "?school=eq.%C3%A9%F0%9F%98%80", ADMIN);
        assertEquals(200, unicode.statusCode(), Http.text(unicode));
        assertEquals("[]", Http.text(unicode));
    }

    @Test
    void unencodedUtf8InTheQueryIsReadAsUtf8() throws Exception {
        // the JDK HttpClient percent-encodes what it sends; curl and hand-written clients send the bytes
        String answer = raw("GET " + ROWS + "?café=eq.1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ADMIN
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("\"parameter\":\"café\""), answer);
    }

    private String raw(String request) throws IOException {
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            in.transferTo(got);
            return got.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void acceptIsNegotiatedByQualityWithWildcardsAndCaseInsensitiveParameters() throws Exception {
        assertEquals("text/csv", type(get(ROWS + "?limit=1", ADMIN, "Accept", "text/csv;q=0.9, application/json;q=0.1")));
        assertEquals("text/csv", type(get(ROWS + "?limit=1", ADMIN, "Accept", "*/*;q=0.1, text/csv")));
        assertEquals("text/csv", type(get(ROWS + "?limit=1", ADMIN, "Accept", "text/*")));
        assertEquals("application/json", type(get(ROWS + "?limit=1", ADMIN, "Accept", "*/*")));
        assertEquals("application/json", type(get(ROWS + "?limit=1", ADMIN, "Accept",
                "text/csv; Q=0.5, application/json; q=0.6")));
        assertEquals("application/json", type(get(ROWS + "?limit=1", ADMIN, "Accept",
                "text/csv;q = 0.2, application/json")));
        assertEquals("application/json", type(get(ROWS + "?limit=1", ADMIN, "Accept", "TEXT/CSV;q=0, */*")));
        problem(get(ROWS + "?limit=1", ADMIN, "Accept", "application/json;q=0"), 406, "Accept");
        problem(get(ROWS + "?limit=1", ADMIN, "Accept", "image/*, application/xml"), 406, "Accept");
    }

    private static String type(HttpResponse<byte[]> r) {
        assertEquals(200, r.statusCode(), Http.text(r));
        return r.headers().firstValue("Content-Type").orElseThrow().split(";")[0];
    }

    @Test
    void headAnswersWhatGetWouldWithoutABody() throws Exception {
        HttpResponse<byte[]> get = get(ROWS + "?limit=2", ADMIN);
        HttpResponse<byte[]> head = Http.send(base, "HEAD", ROWS + "?limit=2", ADMIN);
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        for (String h : List.of("Content-Type", "ETag", "Link", "Cache-Control", "Vary")) {
            assertEquals(get.headers().firstValue(h), head.headers().firstValue(h), h);
        }
        HttpResponse<byte[]> descriptor = Http.send(base, "HEAD", P, ADMIN);
        assertEquals(200, descriptor.statusCode());
        assertEquals(0, descriptor.body().length);
        assertTrue(descriptor.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        HttpResponse<byte[]> missing = Http.send(base, "HEAD", P + "/datasets/teachers", ADMIN);
        assertEquals(404, missing.statusCode());
        assertEquals(0, missing.body().length);
        assertEquals(401, Http.send(base, "HEAD", ROWS, null).statusCode());
    }

    @Test
    void otherMethodsAre405WithAllowAndUnknownPathsAre404() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "BREW")) {
            HttpResponse<byte[]> r = Http.send(base, method, ROWS, ADMIN);
            problem(r, 405, null);
            assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElseThrow(), method);
        }
        problem(get("/products/k12/directory/v1/nothing", ADMIN), 404, null);
        problem(get("/products/k12/directory/v99999999999", ADMIN), 404, null);
        problem(get(ROWS + "/extra", ADMIN), 404, null);
        problem(get("/products/k12/dir%2Fectory/v1", ADMIN), 404, null);
    }

    @Test
    void aDeniedReadSaysWhomItWasReadAsAndWhatToDo() throws Exception {
        // a client that forgot its token on a host that lets visitors in learns it from the answer
        JsonNode p = problem(get(ROWS, Directory.NOBODY_TOKEN), 403, null);
        String detail = p.get("detail").asText();
        assertTrue(detail.contains("you may not read dataset 'students'"), detail);
        assertTrue(detail.contains("'nobody'"), detail);
        assertTrue(detail.contains("credentials"), detail);
    }

    @Test
    void expiredAndGarbledJwtsAre401() throws Exception {
        long now = Instant.now().getEpochSecond();
        String expired = Jwts.hs256(Directory.JWT_KEY, Map.of("sub", "ada", "roles", List.of("admin"), "exp", now - 120));
        String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"HS256\"}".getBytes());
        for (String token : List.of(expired, "a.b.c", "..", "e30.e30.", b64 + ".!!!." + b64, b64 + "." + b64 + "." + b64,
                "eyJhbGciOiJIUzI1NiJ9.bnVsbA.x", expired.substring(0, expired.length() - 3))) {
            HttpResponse<byte[]> r = get(ROWS, token);
            problem(r, 401, null);
            assertTrue(r.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"), token);
        }
        problem(get(ROWS, null, "Authorization", "Basic Zm9vOmJhcg=="), 401, null);
    }

    @Test
    void ifNoneMatchListsStarsWeakTagsAndRepeatedHeadersAnswer304() throws Exception {
        String etag = get(ROWS + "?limit=3", ADMIN).headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get(ROWS + "?limit=3", ADMIN, "If-None-Match", "\"other\", " + etag).statusCode());
        assertEquals(304, get(ROWS + "?limit=3", ADMIN, "If-None-Match", "*").statusCode());
        assertEquals(304, get(ROWS + "?limit=3", ADMIN, "If-None-Match", "W/" + etag).statusCode());
        assertEquals(304, get(ROWS + "?limit=3", ADMIN, "If-None-Match", "\"other\"", "If-None-Match", etag)
                .statusCode());
        assertEquals(200, get(ROWS + "?limit=3", ADMIN, "If-None-Match", "\"other\", garbage").statusCode());
    }

    @Test
    void aCursorTamperedWithOrFromAnotherQueryIsABadCursor() throws Exception {
        String link = get(ROWS + "?limit=2&school=eq.A", ADMIN).headers().firstValue("Link").orElseThrow();
        String cursor = link.substring(link.indexOf("cursor=") + 7, link.indexOf('>'));
        assertEquals(200, get(ROWS + "?limit=2&school=eq.A&cursor=" + cursor, ADMIN).statusCode());
        problem(get(ROWS + "?limit=2&school=eq.B&cursor=" + cursor, ADMIN), 400, "cursor");
        problem(get(ROWS + "?limit=2&school=eq.A&cursor=" + cursor, Directory.COUNSELOR_TOKEN), 400, "cursor");
        problem(get(ROWS + "?limit=2&school=eq.A&cursor=garbage", ADMIN), 400, "cursor");
        String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
        Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
        String negative = enc.encodeToString((parts[0] + "|" + parts[1] + "|-5|" + parts[3]).getBytes());
        problem(get(ROWS + "?limit=2&school=eq.A&cursor=" + negative, ADMIN), 400, "cursor");
        String noSnapshot = enc.encodeToString((parts[0] + "|../99999999|2|" + parts[3]).getBytes());
        problem(get(ROWS + "?limit=2&school=eq.A&cursor=" + noSnapshot, ADMIN), 400, "cursor");
    }
}
