package dev.dataproduct.core.odcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.SchemaProperty;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A contract read and written back diffs clean: defaults the author wrote and numbers as written stay. */
class OdcsWrittenDefaultsTest {
    private static final String DOC = """
            apiVersion: v3.1.0
            kind: DataContract
            id: orders
            version: 1.0.0
            status: active
            schema:
              - name: orders
                properties:
                  - name: id
                    primaryKey: true
                    primaryKeyPosition: 1
                    logicalType: string
                    required: true
                    unique: false
                    partitioned: false
                    criticalDataElement: false
                  - name: note
                    primaryKey: false
                    primaryKeyPosition: -1
                    logicalType: string
                    required: false
                    partitioned: false
                    partitionKeyPosition: -1
                quality:
                  - metric: rowCount
                    mustBeGreaterThan: 1.0
                    unit: rows
            customProperties:
              - property: ratio
                value: 2.50
              - property: scale
                value: 1.0E+3
            """;

    @Test
    void writesBackTheDefaultsAndNumbersTheAuthorWrote() {
        DataContract contract = OdcsCodec.readYaml(DOC);
        assertEquals(DOC, OdcsCodec.toYaml(contract));
        assertEquals(contract, OdcsCodec.readJson(OdcsCodec.toJson(contract)));
    }

    @Test
    void remembersWhichDefaultsWereWritten() {
        SchemaProperty note = OdcsCodec.readYaml(DOC).schema().get(0).properties().get(1);
        assertEquals(Set.of("primaryKey", "primaryKeyPosition", "required", "partitioned", "partitionKeyPosition"),
                note.writtenDefaults());
    }

    @Test
    void leavesDefaultsOutOfAPropertyBuiltInCode() {
        String yaml = OdcsCodec.toYaml(OdcsCodec.readYaml(DOC.replaceAll("(?m)^ *(required|unique|partitioned|"
                + "criticalDataElement|primaryKey|primaryKeyPosition|partitionKeyPosition): (false|-1)\\n", "")));
        assertFalse(yaml.contains(": false") || yaml.contains(": -1"), yaml);
    }
}
