package dev.dataproduct.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.core.odcs.OdcsCodec;
import dev.dataproduct.core.odcs.OdcsReadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ODCS documents in the shapes other tools write (datacontract-cli exports, v3.0.0 to v3.0.2, every
 * v3.1 server type, quality rules of each kind, SLA properties, roles, team, support, price, custom
 * properties of every JSON type, authoritative definitions, relationships, nested objects and
 * arrays, examples), written by hand in {@code src/test/resources/odcs/foreign}: each is valid
 * against the official schema, is read without a warning (but the documented ones), and written
 * back, as YAML and as JSON, gives the same tree. A v3.0.x document is written back as v3.0.x in its
 * own forms, so no difference is allowed: not even {@code apiVersion}.
 */
class OdcsForeignDocumentsTest {
    private static final Path DIR = Path.of("src", "test", "resources", "odcs", "foreign");
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final ObjectMapper YAML = YAMLMapper.builder().build();

    static Stream<String> documents() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".odcs.")).sorted().toList()
                    .stream();
        }
    }

    private static JsonNode tree(String name, String text) throws IOException {
        return (name.endsWith(".json") ? JSON : YAML).readTree(text);
    }

    @Test
    void thereAreAtLeastTwentyDocuments() throws IOException {
        assertTrue(documents().count() >= 20);
    }

    @ParameterizedTest
    @MethodSource("documents")
    void eachDocumentIsValidAgainstTheOfficialSchema(String name) throws IOException {
        JsonNode doc = tree(name, Files.readString(DIR.resolve(name)));
        assertEquals(List.of(), OfficialOdcsSchemaTest.errors(JSON.writeValueAsString(doc)), name);
    }

    @ParameterizedTest
    @MethodSource("documents")
    void readsEachDocumentWithOnlyTheDocumentedWarnings(String name) {
        List<String> warnings = OdcsCodec.reader().read(DIR.resolve(name)).warnings();
        if (name.contains("timestamps")) {
            assertEquals(2, warnings.size(), warnings::toString);
            warnings.forEach(w -> assertTrue(w.contains("is a logical type of ODCS v3.1.0, not of v3.0.2"), w));
        } else {
            assertEquals(List.of(), warnings, name);
        }
    }

    @ParameterizedTest
    @MethodSource("documents")
    void writesEachDocumentBackWithNoFieldLost(String name) throws IOException {
        JsonNode original = tree(name, Files.readString(DIR.resolve(name)));
        OdcsReadResult read = OdcsCodec.reader().read(DIR.resolve(name));
        DataContract contract = read.contract();
        String yaml = OdcsCodec.toYaml(contract);
        String json = OdcsCodec.toJson(contract);
        assertEquals(original, YAML.readTree(yaml), name + " as YAML:\n" + yaml);
        assertEquals(original, JSON.readTree(json), name + " as JSON:\n" + json);
        assertEquals(List.of(), OfficialOdcsSchemaTest.errors(json), name);
        assertEquals(contract, OdcsCodec.readYaml(yaml), name);
    }
}
