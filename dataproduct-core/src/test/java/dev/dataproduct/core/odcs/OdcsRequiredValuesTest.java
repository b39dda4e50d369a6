package dev.dataproduct.core.odcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.error.InvalidDefinitionException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the standard requires is refused when missing or null, every problem at once with its line. */
class OdcsRequiredValuesTest {
    private static final String HEAD = "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\n";

    private static List<String> problems(String yaml) {
        return assertThrows(InvalidDefinitionException.class, () -> OdcsCodec.readYaml(yaml)).problems();
    }

    @Test
    void refusesAFileCutShortAfterRequired() {
        assertEquals(List.of("schema[0].properties[0].required: expected true or false, found null (line 10)"),
                problems(HEAD + "schema:\n  - name: t\n    properties:\n      - name: id\n        required: "));
    }

    @Test
    void refusesNullWhereTheStandardWantsAValue() {
        assertEquals(List.of("name: expected text, found null (line 6)",
                        "tags: expected a list of text, found null (line 7)",
                        "schema[0].properties[0].primaryKeyPosition: expected an integer, found null (line 10)",
                        "servers: expected a list, found null (line 11)"),
                problems(HEAD + "name: ~\ntags:\nschema:\n  - name: t\n    properties: [{name: a, primaryKeyPosition: null}]\n"
                        + "servers: null\n"));
        assertEquals(List.of("id: expected text, found null (line 3)"), problems(HEAD.replace("id: x", "id:")));
        assertEquals(List.of("schema[0].properties[0].examples: expected a list, found null (line 8)"),
                problems(HEAD + "schema:\n  - name: t\n    properties: [{name: a, examples: null}]\n"));
    }

    @Test
    void refusesAQualityRuleWithoutMetricSinceLibraryIsTheDefaultType() {
        assertEquals(List.of("schema[0].quality[0].metric: is required for a library rule (line 9)"),
                problems(HEAD + "schema:\n  - name: t\n    quality:\n      - {description: rows, mustBeGreaterThan: 0}\n"));
        assertEquals(List.of("schema[0].quality[0].rule: is required for a library rule (line 9)"),
                problems(HEAD.replace("v3.1.0", "v3.0.2") + "schema:\n  - name: t\n    quality:\n      - {mustBe: 0}\n"));
    }

    @Test
    void refusesAServerWithoutTheFieldsItsTypeRequires() {
        assertEquals(List.of("servers[0]: a postgres server needs host (line 7)",
                        "servers[1]: a s3 server needs location (line 8)",
                        "servers[2]: a snowflake server needs account, database, schema (line 9)"),
                problems(HEAD + "servers:\n  - {server: db, type: postgres, port: 5432, database: d, schema: s}\n"
                        + "  - {server: lake, type: s3, format: parquet}\n  - {server: wh, type: snowflake}\n"
                        + "  - {server: mine, type: custom}\n"));
    }

    @Test
    void refusesACustomPropertyWithoutValue() {
        assertTrue(problems(HEAD + "customProperties:\n  - {property: owner}\n").contains(
                "customProperties[0].value: is required; write value: null for a property without one (line 7)"));
    }
}
