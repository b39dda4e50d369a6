package dev.dataproduct.core.odcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.SchemaProperty;
import dev.dataproduct.api.error.InvalidDefinitionException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Documents of the ODCS versions around the one the SDK writes: v3.0.x using the v3.1 logical types
 * and a newer minor version are read with warnings (refused by a strict reader), a new major version
 * is refused.
 */
class OdcsVersionsTest {
    private static String head(String apiVersion) {
        return "apiVersion: " + apiVersion + "\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\n";
    }

    private static final String V30_WITH_V31_TYPES = head("v3.0.2") + "schema:\n  - name: events\n    properties:\n"
            + "      - name: at\n        logicalType: timestamp\n        logicalTypeOptions: {timezone: true}\n"
            + "      - name: opens\n        logicalType: time\n";

    private static final String V32 = head("v3.2.0") + "context: Revenue per order, in euros.\n"
            + "servers:\n  - server: lake\n    type: iceberg\n"
            + "schema:\n  - name: orders\n    properties:\n"
            + "      - name: revenue\n        logicalType: number\n        semanticType: measure\n"
            + "      - name: attributes\n        logicalType: map\n";

    private static boolean mentions(List<String> messages, String... parts) {
        return messages.stream().anyMatch(m -> List.of(parts).stream().allMatch(m::contains));
    }

    @Test
    void readsAV30DocumentUsingTimestampAndTimeWithAWarningForEach() {
        OdcsReadResult result = OdcsCodec.reader().readYaml(V30_WITH_V31_TYPES);
        List<SchemaProperty> properties = result.contract().schema().get(0).properties();
        assertEquals("timestamp", properties.get(0).logicalType());
        assertEquals(Boolean.TRUE, properties.get(0).logicalTypeOptions().get("timezone"));
        assertEquals("time", properties.get(1).logicalType());
        List<String> warnings = result.warnings();
        assertEquals(2, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("schema[0].properties[0].logicalType: 'timestamp' is a logical type of "
                + "ODCS v3.1.0, not of v3.0.2"), warnings.get(0));
        assertTrue(warnings.get(1).contains("'time' is a logical type of ODCS v3.1.0") && warnings.get(1)
                .endsWith("(line 13)"), warnings.get(1));
    }

    @Test
    void aStrictReaderRefusesAV30DocumentUsingTheV31LogicalTypes() {
        List<String> problems = assertThrows(InvalidDefinitionException.class,
                () -> OdcsCodec.reader().strict().readYaml(V30_WITH_V31_TYPES)).problems();
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(mentions(problems, "'timestamp' is a logical type of ODCS v3.1.0", "strict"), problems::toString);
    }

    @Test
    void readsANewerMinorVersionWithAWarningForEachThingItDidNotUnderstand() {
        OdcsReadResult result = OdcsCodec.reader().readYaml(V32);
        List<String> warnings = result.warnings();
        assertTrue(warnings.get(0).startsWith("apiVersion: 'v3.2.0' is newer than the ODCS versions the SDK reads"),
                warnings.toString());
        assertTrue(mentions(warnings, "'context' is not a field of ODCS"), warnings::toString);
        assertTrue(mentions(warnings, "servers[0].type: 'iceberg' is not one of"), warnings::toString);
        assertTrue(mentions(warnings, "schema[0].properties[0]", "'semanticType' is not a field"), warnings::toString);
        assertTrue(mentions(warnings, "schema[0].properties[1].logicalType: 'map' is not one of"), warnings::toString);
        assertEquals(5, warnings.size(), warnings::toString);
        DataContract contract = result.contract();
        assertEquals("v3.2.0", contract.apiVersion());
        assertEquals("map", contract.schema().get(0).properties().get(1).logicalType());
        assertEquals("Revenue per order, in euros.", contract.extensions().get("context"));
    }

    @Test
    void writesANewerMinorVersionBackWithEverythingItKept() {
        DataContract contract = OdcsCodec.readYaml(V32);
        String written = OdcsCodec.toYaml(contract);
        assertTrue(written.startsWith("apiVersion: v3.2.0\n"), written);
        assertEquals(contract, OdcsCodec.readYaml(written));
    }

    @Test
    void readsAPortWrittenAsTextInANewerMinorVersionWithAWarning() {
        String yaml = head("v3.2.0") + "servers:\n  - {server: db, type: postgres, host: h, port: '${DB_PORT}', "
                + "database: d, schema: s}\n";
        OdcsReadResult result = OdcsCodec.reader().readYaml(yaml);
        assertTrue(mentions(result.warnings(), "servers[0].port: ", "as which the SDK reads this v3.2.0 document"),
                result.warnings()::toString);
        assertEquals("${DB_PORT}", result.contract().servers().get(0).properties().get("port"));
        assertEquals(result.contract(), OdcsCodec.readYaml(OdcsCodec.toYaml(result.contract())));
        assertThrows(InvalidDefinitionException.class, () -> OdcsCodec.readYaml(yaml.replace("v3.2.0", "v3.1.0")));
    }

    @Test
    void aStrictReaderRefusesANewerMinorVersion() {
        List<String> problems = assertThrows(InvalidDefinitionException.class,
                () -> OdcsCodec.reader().strict().readYaml(V32)).problems();
        assertTrue(problems.get(0).startsWith("apiVersion: 'v3.2.0' is newer than the ODCS versions the SDK reads"),
                problems.toString());
        assertTrue(mentions(problems, "'map' is not one of"), problems::toString);
    }

    @Test
    void aVersionWithNumbersBeyondAnIntIsAProblemNotACrash() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> OdcsCodec.reader().readYaml(head("v3.99999999999.0")));
        assertTrue(mentions(e.problems(), "apiVersion"), e.problems()::toString);
    }

    @Test
    void readsAndWritesTextThatLooksLikeAnEmptyHexOrBinaryNumber() {
        String yaml = head("v3.1.0") + "description:\n  purpose: 0x_\n  usage: -0b__\n";
        DataContract contract = OdcsCodec.readYaml(yaml);
        assertEquals(contract, OdcsCodec.readYaml(OdcsCodec.toYaml(contract)));
    }

    @Test
    void refusesAMajorVersionItDoesNotKnow() {
        List<String> problems = assertThrows(InvalidDefinitionException.class,
                () -> OdcsCodec.reader().readYaml(head("v4.0.0"))).problems();
        assertEquals(List.of("apiVersion: 'v4.0.0' is ODCS v4, a major version the SDK does not read; it reads "
                + "v3.1.0 and v3.0.0 to v3.0.2 (and newer v3 versions, with warnings): write the contract as "
                + "v3.1.0, or read it with an SDK that reads ODCS v4 (line 1)"), problems);
    }
}
