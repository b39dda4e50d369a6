package dev.dataproduct.core.odcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.error.InvalidDefinitionException;
import java.util.List;
import org.junit.jupiter.api.Test;

class OdcsValidationTest {
    private static final String HEAD = "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\n";

    private static List<String> problems(String yaml) {
        return assertThrows(InvalidDefinitionException.class, () -> OdcsCodec.readYaml(yaml)).problems();
    }

    private static void assertProblem(String expected, String yaml) {
        List<String> problems = problems(yaml);
        assertTrue(problems.contains(expected), () -> "expected " + expected + " among " + problems);
    }

    @Test
    void reportsEveryProblemOfABrokenDocumentAtOnceWithPathsAndLines() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> OdcsTestFiles.read(OdcsTestFiles.BROKEN));
        assertEquals("ODCS contract " + OdcsTestFiles.path(OdcsTestFiles.BROKEN), e.subject());
        assertEquals(List.of(
                "status: is required (line 1)",
                "kind: 'DataKontract' is not one of DataContract (line 2)",
                "tags: expected a list of text, found text 'finance' (line 5)",
                "schema[0].properties[1].primaryKeyPosition: duplicate primary key position '1'; "
                        + "also at schema[0].properties[0] (line 15)",
                "schema[0].properties[1].logicalTypeOptions.maximum: 'maximum' is not an option of logicalType "
                        + "'string'; it takes minLength, maxLength, pattern, format (line 18)",
                "schema[0].properties[2].logicalType: 'text' is not one of string, date, timestamp, time, number, "
                        + "integer, object, array, boolean (line 20)",
                "schema[0].properties[3].name: is required (line 21)",
                "schema[0].properties[4].name: duplicate property name 'order_id'; also at schema[0].properties[0] "
                        + "(line 22)",
                "schema[0].properties[4].required: expected true or false, found text 'maybe' (line 24)",
                "schema[0].properties[4].quality[0].metric: 'rowCountz' is not one of nullValues, missingValues, "
                        + "invalidValues, duplicateValues, rowCount (line 26)",
                "schema[0].properties[4].quality[0].mustBeLessThan: a rule takes one operator, found mustBe, "
                        + "mustBeLessThan (line 28)",
                "schema[0].properties[4].quality[1].query: is required (line 29)",
                "schema[0].properties[4].quality[1].mustBeBetween: the bounds must ascend: 10 is not below 1 "
                        + "(line 30)",
                "schema[0].properties[4].quality[2].implementation: is required (line 31)",
                "schema[0].properties[4].quality[3]: a library rule needs one operator: mustBe, mustNotBe, "
                        + "mustBeGreaterThan, mustBeGreaterOrEqualTo, mustBeLessThan, mustBeLessOrEqualTo, "
                        + "mustBeBetween, mustNotBeBetween (line 33)",
                "schema[0].relationships[0].from: is required (line 36)",
                "schema[1].name: duplicate object name 'orders'; also at schema[0] (line 37)",
                "servers[0].type: 'postgress' is not one of api, athena, azure, bigquery, clickhouse, databricks, "
                        + "denodo, dremio, duckdb, glue, cloudsql, db2, hive, impala, informix, kafka, kinesis, local, "
                        + "mysql, oracle, postgresql, postgres, presto, pubsub, redshift, s3, sftp, snowflake, "
                        + "sqlserver, synapse, trino, vertica, zen, custom (line 40)",
                "servers[1].server: is required (line 41)",
                "servers[1]: a s3 server needs location (line 41)",
                "support[0].channel: is required (line 43)",
                "slaProperties[0].value: is required (line 45)",
                "customProperties[0].property: is required (line 47)"), e.problems());
        assertTrue(e.getMessage().startsWith("Invalid definition of ODCS contract "), e.getMessage());
    }

    @Test
    void rejectsOdcsV2WithAnAdviceToMigrate() {
        List<String> problems = problems(HEAD.replace("v3.1.0", "v2.2.2"));
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("apiVersion: 'v2.2.2' is ODCS v2, which the SDK does not read; "
                + "migrate the contract to v3.1.0"), problems.get(0));
        assertProblem("apiVersion: 'latest' is not one of v3.1.0, v3.0.2, v3.0.1, v3.0.0 (line 1)",
                HEAD.replace("v3.1.0", "latest"));
    }

    @Test
    void reportsMissingRequiredTopLevelFields() {
        assertEquals(List.of("apiVersion: is required (line 1)", "kind: is required (line 1)",
                "id: is required (line 1)", "version: is required (line 1)", "status: must not be empty (line 2)"),
                problems("name: n\nstatus: ''\n"));
    }

    @Test
    void acceptsTimestampAndTimeInV31AndInV30OnlyWhenNotStrict() {
        String property = "schema:\n  - name: t\n    properties:\n      - {name: at, logicalType: timestamp}\n";
        assertEquals("timestamp", OdcsCodec.readYaml(HEAD + property).schema().get(0).properties().get(0).logicalType());
        List<String> problems = assertThrows(InvalidDefinitionException.class, () -> OdcsCodec.reader().strict()
                .readYaml(HEAD.replace("v3.1.0", "v3.0.2") + property)).problems();
        assertEquals(List.of("schema[0].properties[0].logicalType: 'timestamp' is a logical type of ODCS v3.1.0, not "
                + "of v3.0.2; it is read as v3.1.0 defines it (as datacontract-cli does): declare apiVersion v3.1.0; "
                + "a strict reader refuses it (line 9)"), problems);
    }

    @Test
    void checksLogicalTypeOptionValuesByVersion() {
        String options = "schema:\n  - name: t\n    properties:\n"
                + "      - {name: n, logicalType: integer, logicalTypeOptions: {exclusiveMinimum: true, format: i33}}\n"
                + "      - {name: b, logicalType: boolean, logicalTypeOptions: {maxLength: 1}}\n"
                + "      - {name: o, logicalType: object, logicalTypeOptions: {required: [a, a]}}\n"
                + "      - {name: s, logicalType: string, logicalTypeOptions: {minLength: -1}}\n"
                + "      - {name: x, logicalTypeOptions: {maxLength: 1}}\n";
        List<String> problems = problems(HEAD + options);
        assertEquals(List.of(
                "schema[0].properties[0].logicalTypeOptions.exclusiveMinimum: expected a number, found true "
                        + "(since v3.1 exclusiveMinimum is the bound itself, not a flag) (line 9)",
                "schema[0].properties[0].logicalTypeOptions.format: 'i33' is not one of i8, i16, i32, i64, i128, u8, "
                        + "u16, u32, u64, u128 (line 9)",
                "schema[0].properties[1].logicalTypeOptions.maxLength: 'maxLength' is not an option of logicalType "
                        + "'boolean', which takes none (line 10)",
                "schema[0].properties[2].logicalTypeOptions.required: names must not repeat (line 11)",
                "schema[0].properties[3].logicalTypeOptions.minLength: expected a whole number of 0 or more, found "
                        + "the number -1 (line 12)",
                "schema[0].properties[4].logicalTypeOptions: options need a logicalType to apply to (line 13)"),
                problems);
        DataContract v30 = OdcsCodec.readYaml(HEAD.replace("v3.1.0", "v3.0.1")
                + "schema:\n  - name: t\n    properties:\n"
                + "      - {name: n, logicalType: integer, logicalTypeOptions: {exclusiveMinimum: true}}\n");
        assertEquals(true, v30.schema().get(0).properties().get(0).option("exclusiveMinimum").orElseThrow());
    }

    @Test
    void checksTheShapeOfRelationships() {
        String yaml = HEAD + "schema:\n  - name: t\n    relationships:\n"
                + "      - {from: t.a, to: [u.a, u.b]}\n"
                + "      - {from: [t.a, t.b], to: [u.a]}\n"
                + "      - {from: t.a, to: u.a, type: manyToMany}\n"
                + "    properties:\n"
                + "      - name: a\n        relationships:\n          - {from: t.a, to: u.a}\n          - {type: foreignKey}\n";
        assertEquals(List.of(
                "schema[0].relationships[0].to: from and to must both be one reference or both be lists of references "
                        + "(line 9)",
                "schema[0].relationships[1].to: has 1 references but from has 2 (line 10)",
                "schema[0].relationships[2].type: 'manyToMany' is not one of foreignKey (line 11)",
                "schema[0].properties[0].relationships[0].from: is not allowed on a property, whose relationships "
                        + "start at the property itself (line 15)",
                "schema[0].properties[0].relationships[1].to: is required (line 16)"), problems(yaml));
    }

    @Test
    void checksQualityRulesByVersion() {
        String rules = "schema:\n  - name: t\n    quality:\n"
                + "      - {rule: rowCount, mustBe: 1}\n"
                + "      - {type: fancy, dimension: beauty}\n"
                + "      - {metric: rowCount, mustBeGreaterThan: many}\n"
                + "      - {type: custom, engine: soda, implementation: 3}\n";
        assertEquals(List.of(
                "schema[0].quality[0].metric: is required for a library rule ('rule' is deprecated since v3.1; name "
                        + "its metric) (line 9)",
                "schema[0].quality[1].type: 'fancy' is not one of text, library, sql, custom (line 10)",
                "schema[0].quality[1].dimension: 'beauty' is not one of accuracy, completeness, conformity, "
                        + "consistency, coverage, timeliness, uniqueness (line 10)",
                "schema[0].quality[2].mustBeGreaterThan: expected a number, found text 'many' (line 11)",
                "schema[0].quality[3].implementation: expected text or a mapping, found the number 3 (line 12)"),
                problems(HEAD + rules));
        DataContract v30 = OdcsCodec.readYaml(HEAD.replace("v3.1.0", "v3.0.0")
                + "schema:\n  - name: t\n    quality:\n      - {rule: rowCount}\n      - {type: sql, query: SELECT 1}\n");
        assertEquals("rowCount", v30.schema().get(0).quality().get(0).rule());
        assertProblem("schema[0].quality[0].rule: is required for a library rule (line 9)",
                HEAD.replace("v3.1.0", "v3.0.0") + "schema:\n  - name: t\n    quality:\n      - {description: d}\n");
    }

    @Test
    void checksVersionSpecificRequirementsOfTeamSupportAndServers() {
        String body = "team:\n  - {role: owner}\nsupport:\n  - {channel: help}\nservers:\n  - {server: h, type: hive, host: h, database: d}\n";
        assertEquals(List.of("team[0].username: is required (line 7)"), problems(HEAD + body));
        assertEquals(List.of("support[0].url: is required (line 9)",
                "servers[0].type: 'hive' is not one of api, athena, azure, bigquery, clickhouse, databricks, denodo, "
                        + "dremio, duckdb, glue, cloudsql, db2, informix, kafka, kinesis, local, mysql, oracle, "
                        + "postgresql, postgres, presto, pubsub, redshift, s3, sftp, snowflake, sqlserver, synapse, "
                        + "trino, vertica, custom (line 11)"),
                problems(HEAD.replace("v3.1.0", "v3.0.2") + body));
    }

    @Test
    void checksTypesOfFieldsAndElements() {
        String yaml = HEAD + "description: just text\nroles: [reader]\nservers:\n  - {server: p, type: postgres, port: '5432'}\n"
                + "price: {priceAmount: cheap}\nslaProperties:\n  - {property: p, value: [1]}\n"
                + "authoritativeDefinitions:\n  - {url: https://x}\nschema:\n  - {name: t, id: a}\n  - {name: u, id: a}\n";
        assertEquals(List.of(
                "description: expected a mapping, found text 'just text' (line 6)",
                "roles[0]: expected a mapping, found text 'reader' (line 7)",
                "servers[0].port: expected an integer, found text '5432' (line 9)",
                "servers[0]: a postgres server needs host, database, schema (line 9)",
                "price.priceAmount: expected a number, found text 'cheap' (line 10)",
                "slaProperties[0].value: expected text, a number or a boolean, found a list (line 12)",
                "authoritativeDefinitions[0].type: is required (line 14)",
                "schema[1].id: duplicate id 'a'; also at schema[0] (line 17)"), problems(yaml));
    }

    @Test
    void reportsSyntaxErrorsWithTheirLine() {
        List<String> problems = problems(HEAD + "tags: [a, b\nname: n\n");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("YAML syntax error: while parsing a flow sequence"), problems.get(0));
        assertTrue(problems.get(0).endsWith("(line 7, column 5)"), problems.get(0));
        List<String> json = assertThrows(InvalidDefinitionException.class,
                () -> OdcsCodec.readJson("{\n  \"apiVersion\": \"v3.1.0\",\n  oops\n}")).problems();
        assertTrue(json.get(0).startsWith("JSON syntax error: ") && json.get(0).contains("(line 3, column "), json.get(0));
    }

    @Test
    void reportsDuplicateKeysEmptyDocumentsAndJsonLines() {
        assertProblem("id: duplicate key 'id'; the first one is kept (line 6)", HEAD + "id: y\n");
        assertEquals(List.of("the document is empty; an ODCS contract is a mapping"), problems(""));
        assertEquals(List.of("the document must be a mapping of ODCS fields, not a list (line 1)"), problems("- a\n"));
        List<String> json = assertThrows(InvalidDefinitionException.class, () -> OdcsCodec.readJson(
                "{\"apiVersion\": \"v3.1.0\", \"kind\": \"DataContract\", \"id\": \"x\", \"version\": \"1\",\n"
                        + " \"status\": \"draft\",\n \"schema\": [{\"name\": \"t\", \"properties\": [\n"
                        + "   {\"name\": \"a\", \"logicalType\": \"text\"}]}]}")).problems();
        assertEquals(List.of("schema[0].properties[0].logicalType: 'text' is not one of string, date, timestamp, time, "
                + "number, integer, object, array, boolean (line 4)"), json);
    }
}
