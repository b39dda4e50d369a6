package dev.dataproduct.ports.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document: its structure follows OpenAPI 3.1, every reference resolves, and the rows the
 * port serves validate against the row schema it declares (JSON Schema 2020-12, OpenAPI 3.1's dialect).
 */
class OpenApiDocumentTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void describesEveryEndpointWithSchemasParametersErrorsAndSecurity() throws Exception {
        try (Directory dir = new Directory()) {
            HttpResponse<byte[]> r = Http.get(dir.rest.baseUri(), RestPortTest.P + "/openapi.json",
                    Directory.COUNSELOR_TOKEN);
            assertEquals(200, r.statusCode());
            JsonNode doc = JSON.readTree(r.body());
            assertTrue(doc.get("openapi").asText().matches("3\\.1\\.\\d+"), doc.get("openapi").asText());
            assertEquals("1.2.0", doc.at("/info/version").asText());
            assertEquals(dir.rest.baseUri().toString(), doc.at("/servers/0/url").asText());
            assertEquals("bearer", doc.at("/components/securitySchemes/bearer/scheme").asText());
            assertTrue(doc.at("/security/0").has("bearer"));
            JsonNode rows = doc.at("/paths/" + RestPortTest.ROWS.replace("/", "~1") + "/get");
            List<String> params = new ArrayList<>();
            rows.get("parameters").forEach(p -> params.add(p.get("name").asText()));
            assertTrue(params.containsAll(List.of("select", "order", "limit", "cursor", "snapshot", "asOf", "grade",
                    "If-None-Match")), params.toString());
            for (String status : List.of("200", "304", "400", "401", "403", "404", "406")) {
                assertTrue(rows.at("/responses").has(status), status);
            }
            assertTrue(rows.at("/responses/200/content").has("text/csv"));
            assertTrue(rows.at("/responses/200/content").has("application/vnd.apache.arrow.stream"));
            JsonNode grade = doc.at("/components/schemas/studentsRow/properties/grade");
            assertEquals("[\"integer\",\"null\"]", grade.get("type").toString());
            assertEquals(1, grade.get("minimum").asInt());
            assertEquals(12, grade.get("maximum").asInt());
            assertEquals("[\"A\",\"B\",\"C\"]", doc.at("/components/schemas/studentsRow/properties/school/enum")
                    .toString());
            assertEquals("Student number", doc.at("/components/schemas/studentsRow/properties/id/description")
                    .asText());
            assertEquals("date-time", doc.at("/components/schemas/studentsRow/properties/updated/format").asText());
            assertEquals("string", doc.at("/components/schemas/studentsRow/properties/id/type").asText());
            assertAllReferencesResolve(doc, doc);
            assertOnlyOpenApiKeys(doc);
        }
    }

    @Test
    void servedRowsValidateAgainstTheDeclaredRowSchema() throws Exception {
        try (Directory dir = new Directory()) {
            JsonNode doc = JSON.readTree(Http.get(dir.rest.baseUri(), RestPortTest.P + "/openapi.json",
                    Directory.ADMIN_TOKEN).body());
            ObjectNode array = JSON.createObjectNode();
            array.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            array.put("type", "array");
            array.set("items", doc.at("/components/schemas/studentsRow"));
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(array.toString(), InputFormat.JSON);
            String rows = Http.text(Http.get(dir.rest.baseUri(), RestPortTest.ROWS + "?limit=100",
                    Directory.ADMIN_TOKEN));
            assertEquals(List.of(), schema.validate(rows, InputFormat.JSON).stream().map(Object::toString).toList());
            // a guard that the validator validates: a grade out of range is refused
            assertFalse(schema.validate("[{\"id\":\"x\",\"school\":\"A\",\"grade\":13}]", InputFormat.JSON).isEmpty());
        }
    }

    static void assertAllReferencesResolve(JsonNode root, JsonNode node) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null) {
                String pointer = ref.asText().substring(1);
                assertFalse(root.at(pointer).isMissingNode(), "unresolved " + ref.asText());
            }
            node.forEach(child -> assertAllReferencesResolve(root, child));
        } else if (node.isArray()) {
            node.forEach(child -> assertAllReferencesResolve(root, child));
        }
    }

    /** The fixed fields of the OpenAPI objects the generator writes (3.1.0, section 4.8). */
    static void assertOnlyOpenApiKeys(JsonNode doc) {
        Map<String, List<String>> allowed = Map.of(
                "", List.of("openapi", "info", "jsonSchemaDialect", "servers", "paths", "webhooks", "components",
                        "security", "tags", "externalDocs"),
                "/info", List.of("title", "summary", "description", "termsOfService", "contact", "license", "version"),
                "/components", List.of("schemas", "responses", "parameters", "examples", "requestBodies", "headers",
                        "securitySchemes", "links", "callbacks", "pathItems"));
        allowed.forEach((pointer, keys) -> {
            for (Iterator<String> it = doc.at(pointer).fieldNames(); it.hasNext(); ) {
                String k = it.next();
                assertTrue(keys.contains(k) || k.startsWith("x-"), "'" + k + "' is not a field of " + pointer);
            }
        });
        List<String> operation = List.of("tags", "summary", "description", "externalDocs", "operationId",
                "parameters", "requestBody", "responses", "callbacks", "deprecated", "security", "servers");
        doc.get("paths").forEach(item -> item.fields().forEachRemaining(e -> {
            assertEquals("get", e.getKey());
            e.getValue().fieldNames().forEachRemaining(k -> assertTrue(operation.contains(k), k));
            e.getValue().get("responses").fields().forEachRemaining(s -> {
                assertTrue(s.getKey().matches("[1-5][0-9]{2}"), s.getKey());
                assertTrue(s.getValue().has("$ref") || s.getValue().has("description"), s.getKey());
            });
            if (e.getValue().has("parameters")) {
                e.getValue().get("parameters").forEach(p -> {
                    assertTrue(List.of("query", "header", "path", "cookie").contains(p.get("in").asText()));
                    assertTrue(p.has("schema"), p.toString());
                });
            }
        }));
    }
}
