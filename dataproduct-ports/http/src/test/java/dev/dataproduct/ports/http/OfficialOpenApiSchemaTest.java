package dev.dataproduct.ports.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated {@code openapi.json} validates against the OpenAPI Initiative's own schema of OpenAPI
 * 3.1 documents ({@code https://spec.openapis.org/oas/3.1/schema/2022-10-07}; see
 * {@code openapi/SOURCE.txt} under the test resources for where its text comes from).
 */
class OfficialOpenApiSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Schema officialSchema() throws IOException {
        try (InputStream in = OfficialOpenApiSchemaTest.class.getResourceAsStream(
                "/openapi/schema-3.1-2022-10-07.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(text, InputFormat.JSON);
        }
    }

    static List<String> problems(Schema schema, JsonNode doc) {
        return schema.validate(doc.toString(), InputFormat.JSON).stream().map(Object::toString).toList();
    }

    /** The document the port serves for the test product. */
    private static JsonNode generatedDocument() throws IOException {
        try (Directory dir = new Directory()) {
            return JSON.readTree(Http.get(dir.rest.baseUri(), RestPortTest.P + "/openapi.json",
                    Directory.COUNSELOR_TOKEN).body());
        }
    }

    @Test
    void theGeneratedDocumentValidatesAgainstTheOfficialSchema() throws Exception {
        assertEquals(List.of(), problems(officialSchema(), generatedDocument()));
    }

    @Test
    void theOfficialSchemaRefusesWhatOpenApiForbids() throws Exception {
        // guards that the schema was loaded and validates: each change breaks a rule of OpenAPI 3.1
        Schema schema = officialSchema();
        JsonNode doc = generatedDocument();
        ObjectNode noTitle = doc.deepCopy();
        ((ObjectNode) noTitle.get("info")).remove("title");
        assertFalse(problems(schema, noTitle).isEmpty(), "info without a title");
        ObjectNode oldVersion = doc.deepCopy();
        oldVersion.put("openapi", "3.0.3");
        assertFalse(problems(schema, oldVersion).isEmpty(), "an OpenAPI 3.0 version");
        ObjectNode unknownKey = doc.deepCopy();
        unknownKey.put("datasets", "x");
        assertFalse(problems(schema, unknownKey).isEmpty(), "a top-level field OpenAPI does not define");
        ObjectNode badParameter = doc.deepCopy();
        JsonNode operation = badParameter.at("/paths/" + RestPortTest.ROWS.replace("/", "~1") + "/get");
        ((ObjectNode) operation.get("parameters").get(0)).put("in", "body");
        assertFalse(problems(schema, badParameter).isEmpty(), "a parameter in the body (Swagger 2)");
    }
}
