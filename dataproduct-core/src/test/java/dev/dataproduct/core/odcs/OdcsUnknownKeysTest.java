package dev.dataproduct.core.odcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.error.InvalidDefinitionException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys the standard does not define are warnings naming the nearest known key, or errors when strict. */
class OdcsUnknownKeysTest {
    private static final String DOC = "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\n"
            + "schema:\n  - name: t\n    properties:\n      - name: id\n        requird: true\n"
            + "        x-lineage: {from: crm}\n"
            + "servers:\n  - {server: db, type: postgres, hots: h, host: h, port: 1, database: d, schema: s}\n"
            + "customProperties:\n  - {property: anything, value: {goes: here}}\n";

    @Test
    void warnsOfUnknownKeysWithTheNearestKnownKeyAndKeepsThem() {
        OdcsReadResult result = OdcsCodec.reader().readYaml(DOC);
        assertEquals(List.of(
                "schema[0].properties[0].requird: 'requird' is not a field of ODCS here; did you mean 'required'? It "
                        + "is kept as an extension and written back; custom data belongs under customProperties "
                        + "(line 10)",
                "schema[0].properties[0].x-lineage: 'x-lineage' is not a field of ODCS here. It is kept as an "
                        + "extension and written back; custom data belongs under customProperties (line 11)",
                "servers[0].hots: 'hots' is not a field of ODCS here; did you mean 'host'? It is kept as an "
                        + "extension and written back; custom data belongs under customProperties (line 13)"),
                result.warnings());
        DataContract contract = result.contract();
        assertEquals(Map.of("requird", true, "x-lineage", Map.of("from", "crm")),
                contract.schema().get(0).properties().get(0).extensions());
        assertEquals(contract, OdcsCodec.readYaml(OdcsCodec.toYaml(contract)), "extensions round-trip");
    }

    @Test
    void strictReaderRefusesUnknownKeys() {
        List<String> problems = assertThrows(InvalidDefinitionException.class,
                () -> OdcsCodec.reader().strict().readYaml(DOC)).problems();
        assertEquals(List.of(
                "schema[0].properties[0].requird: 'requird' is not a field of ODCS here; did you mean 'required'? "
                        + "Custom data belongs under customProperties (line 10)",
                "schema[0].properties[0].x-lineage: 'x-lineage' is not a field of ODCS here. Custom data belongs "
                        + "under customProperties (line 11)",
                "servers[0].hots: 'hots' is not a field of ODCS here; did you mean 'host'? Custom data belongs "
                        + "under customProperties (line 13)"), problems);
    }

    @Test
    void readsAContractWithoutUnknownKeysWithoutWarnings() {
        assertEquals(List.of(), OdcsCodec.reader().strict().readYaml(OdcsTestFiles.text(OdcsTestFiles.V302)
                .replaceAll("(?m)^.*x-.*$\\n?", "")).warnings());
    }
}
