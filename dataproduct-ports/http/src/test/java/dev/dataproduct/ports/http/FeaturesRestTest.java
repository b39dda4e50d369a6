package dev.dataproduct.ports.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.Target;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.feature.Entity;
import dev.dataproduct.api.feature.Feature;
import dev.dataproduct.api.feature.FeatureView;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.feature.FeatureServing;
import dev.dataproduct.core.feature.InMemoryOnlineStore;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.testkit.fixture.Students;
import dev.dataproduct.testkit.port.RowsInput;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeaturesRestTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-09-20T12:00:00Z");
    static final FeatureView VIEW = FeatureView.builder("scores")
            .source(ProductInput.of("urn:dataproduct:k12:grades", 1).dataset("grades"))
            .entity(Entity.of("student", "student_id"))
            .eventTime("event_time")
            .feature(Feature.column("score", LogicalType.FLOAT64))
            .feature(Feature.column("note", LogicalType.STRING))
            .maxAge(Duration.ofDays(7))
            .build();
    static final Policy POLICY = Policy.forDataset("scores")
            .grant(Grant.to(Audience.role("materializer")).allColumns())
            .grant(Grant.to(Audience.role("teacher")).columns("student_id", "event_time", "score")
                    .rows(Expr.col("student_id").ne("s3")))
            .grant(Grant.to(Audience.role("analyst")).allColumns().mask(Target.field("student_id"), Mask.showLast(1)))
            .build();

    BufferAllocator allocator;
    ProductRuntime runtime;
    ProductHost host;
    RestPort rest;

    static Map<String, Object> row(String student, Instant event, Double score) {
        Map<String, Object> m = new HashMap<>();
        m.put("student_id", student);
        m.put("event_time", event);
        m.put("score", score);
        m.put("note", "n-" + student);
        return m;
    }

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        runtime = ProductRuntime.builder().allocator(allocator).store(store).build();
        DataProduct product = DataProduct.builder("scores").domain("k12").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Scores of students as features.")
                .input(RowsInput.of("scores-in", VIEW.dataset().schema(), List.of(
                        row("s1", NOW.minus(Duration.ofDays(1)), 7.5),
                        row("s2", NOW.minus(Duration.ofDays(8)), 3.0),
                        row("s3", NOW.minus(Duration.ofDays(1)), 9.0),
                        row("s4", NOW.minus(Duration.ofDays(2)), null),
                        row("s5, jr|x", NOW.minus(Duration.ofDays(1)), 5.5))))
                .output(VIEW.dataset()).access(POLICY)
                .transform(ctx -> ctx.input("scores-in"))
                .build();
        ProductReader reader = ProductReader.builder(store, product).allocator(allocator).build();
        FeatureServing serving = FeatureServing.builder(VIEW, reader, new InMemoryOnlineStore())
                .materializeAs(Principal.of("online", "materializer")).allocator(allocator)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        StaticTokens tokens = StaticTokens.builder().token("teacher-token-0123456789", Principal.of("tess", "teacher"))
                .token("nobody-token-0123456789ab", Principal.of("nobody"))
                .token("analyst-token-0123456789a", Principal.of("ann", "analyst")).build();
        rest = RestPort.builder().authenticator(tokens).features(serving).build();
        host = ProductHost.builder(runtime, allocator).product(product).serve(rest).build();
        host.run(product.address());
        serving.materialize();
        host.start();
    }

    @AfterEach
    void tearDown() {
        Students.closeInOrder(host, runtime, allocator);
    }

    JsonNode get(String query, String token, int status) throws Exception {
        HttpResponse<byte[]> r = Http.get(rest.baseUri(), "/products/k12/scores/v1/features" + query, token);
        assertEquals(status, r.statusCode(), Http.text(r));
        return JSON.readTree(r.body());
    }

    @Test
    void answersEachKeyWithTheFeaturesTheCallerMaySeeAndTheirStatus() throws Exception {
        JsonNode body = get("?keys=s1,s2,s3,s4,s9", "teacher-token-0123456789", 200);
        JsonNode entities = body.get("entities");
        assertEquals("s1", entities.get(0).get("key").get(0).asText());
        JsonNode s1 = entities.get(0).get("features");
        assertEquals(7.5, s1.get("score").get("value").asDouble());
        assertEquals("PRESENT", s1.get("score").get("status").asText());
        assertFalse(s1.has("note"), "a feature the policy hides is left out");
        assertEquals("EXPIRED", entities.get(1).get("features").get("score").get("status").asText());
        assertTrue(entities.get(1).get("features").get("score").get("value").isNull());
        assertEquals("NOT_FOUND", entities.get(2).get("features").get("score").get("status").asText(),
                "a row the policy withholds is answered as absent");
        assertEquals("NULL_VALUE", entities.get(3).get("features").get("score").get("status").asText());
        assertEquals("NOT_FOUND", entities.get(4).get("features").get("score").get("status").asText());
    }

    @Test
    void aKeyHoldingACommaOrABarIsLookedUpPercentEncoded() throws Exception {
        JsonNode entities = get("?keys=s5%2C%20jr%7Cx,s1", "teacher-token-0123456789", 200).get("entities");
        assertEquals(2, entities.size(), entities.toString());
        assertEquals("s5, jr|x", entities.get(0).get("key").get(0).asText());
        assertEquals(5.5, entities.get(0).get("features").get("score").get("value").asDouble());
        assertEquals(7.5, entities.get(1).get("features").get("score").get("value").asDouble());
    }

    @Test
    void refusesCallersWithoutAGrantAndQueriesWithoutKeysAsProblems() throws Exception {
        assertEquals(403, get("?keys=s1", "nobody-token-0123456789ab", 403).get("status").asInt());
        assertEquals("keys", get("", "teacher-token-0123456789", 400).get("parameter").asText());
        assertEquals("limit", get("?keys=s1&limit=3", "teacher-token-0123456789", 400).get("parameter").asText());
    }

    @Test
    void refusesACallerWhoseJoinKeyIsMaskedWithAProblemThatSaysSoAsJavaDoes() throws Exception {
        JsonNode problem = get("?keys=s1,s2", "analyst-token-0123456789a", 403);
        String detail = problem.get("detail").asText();
        assertTrue(detail.contains("'student_id'") && detail.contains("masked or hidden"), detail);
        assertFalse(detail.contains("s1") || detail.contains("s2"), "no key repeated: " + detail);
    }

    @Test
    void documentsTheFeaturesResourceInTheOpenApiDocument() throws Exception {
        HttpResponse<byte[]> r = Http.get(rest.baseUri(), "/products/k12/scores/v1/openapi.json",
                "teacher-token-0123456789");
        JsonNode doc = JSON.readTree(r.body());
        JsonNode get = doc.get("paths").get("/products/k12/scores/v1/features").get("get");
        assertEquals("keys", get.get("parameters").get(0).get("name").asText());
        assertTrue(get.get("responses").has("403"));
    }
}
