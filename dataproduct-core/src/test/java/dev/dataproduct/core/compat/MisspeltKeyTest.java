package dev.dataproduct.core.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.core.odcs.OdcsCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A misspelt key is not a harmless extension: the field it meant to set silently kept its default. */
class MisspeltKeyTest {
    private static DataContract contract(String version, String flag) {
        return OdcsCodec.readYaml("apiVersion: v3.1.0\nkind: DataContract\nid: c\nversion: " + version
                + "\nstatus: active\nschema:\n  - name: t\n    properties:\n"
                + "      - {name: id, logicalType: string, " + flag + "}\n");
    }

    @Test
    void asksForReviewOfAKeyThatMisspellsAnOdcsKey() {
        CompatibilityReport report = CompatibilityChecker.check(contract("1.0.0", "required: true"),
                contract("1.1.0", "requird: true"), CompatibilityMode.BACKWARD);
        List<Change> typos = report.needsReview().stream().filter(c -> c.ruleId().equals("misspelt-key")).toList();
        assertEquals(1, typos.size(), report::toString);
        assertEquals("schema[t].properties[id]", typos.get(0).path());
        assertTrue(typos.get(0).description().startsWith("Key 'requird' is not an ODCS field and looks like a "
                + "misspelling of 'required'"), typos.get(0).description());
    }

    @Test
    void letsAGenuineExtensionKeyPass() {
        CompatibilityReport report = CompatibilityChecker.check(contract("1.0.0", "x-owner: a"),
                contract("1.0.1", "x-owner: b"), CompatibilityMode.BACKWARD);
        assertFalse(report.changes().stream().anyMatch(c -> c.ruleId().equals("misspelt-key")), report::toString);
        assertFalse(report.isBreaking());
    }
}
