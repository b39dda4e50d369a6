package dev.dataproduct.core.odcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.contract.ContractDescription;
import dev.dataproduct.api.contract.CustomProperty;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.QualityRule;
import dev.dataproduct.api.contract.SchemaObject;
import dev.dataproduct.api.contract.SchemaProperty;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OdcsRoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {OdcsTestFiles.FULL, OdcsTestFiles.V302, OdcsTestFiles.JSON})
    void readWriteReadGivesAnEqualContractThroughYamlAndJson(String file) {
        DataContract contract = OdcsTestFiles.read(file);
        String yaml = OdcsCodec.toYaml(contract);
        String json = OdcsCodec.toJson(contract);
        assertEquals(contract, OdcsCodec.readYaml(yaml), yaml);
        assertEquals(contract, OdcsCodec.readJson(json), json);
        assertEquals(yaml, OdcsCodec.toYaml(OdcsCodec.readYaml(yaml)), "writing YAML is stable");
        assertEquals(json, OdcsCodec.toJson(OdcsCodec.readJson(json)), "writing JSON is stable");
        assertEquals(contract, OdcsCodec.readYaml(OdcsCodec.toYaml(OdcsCodec.readJson(json))), "formats mix");
    }

    @Test
    void writesTopLevelFieldsInTheStandardsOrderWithExtensionsLast() {
        String yaml = OdcsCodec.toYaml(OdcsTestFiles.read(OdcsTestFiles.FULL));
        List<String> keys = yaml.lines().filter(l -> !l.isEmpty() && Character.isLetter(l.charAt(0)))
                .map(l -> l.substring(0, l.indexOf(':'))).toList();
        assertEquals(List.of("apiVersion", "kind", "id", "name", "version", "status", "domain", "dataProduct", "tenant",
                "tags", "description", "schema", "servers", "team", "roles", "support", "price", "slaDefaultElement",
                "slaProperties", "authoritativeDefinitions", "customProperties", "contractCreatedTs"),
                keys.subList(0, 22));
        assertEquals(List.of("x-owner-notes", "x-review"), keys.subList(22, keys.size()));
    }

    @Test
    void writesOperatorsAsKeysServersFlatAndKeepsTheDefaultsTheAuthorWrote() {
        String yaml = OdcsCodec.toYaml(OdcsTestFiles.read(OdcsTestFiles.FULL));
        assertTrue(yaml.contains("mustBeLessThan: 100\n"), yaml);
        assertTrue(yaml.contains("mustBeBetween:\n"), yaml);
        assertTrue(yaml.contains("    server: my-postgres\n    type: postgres\n    description: Production warehouse\n"
                + "    environment: prod\n    host: localhost\n    port: 5432\n"), yaml);
        assertTrue(yaml.contains("primaryKey: false"), yaml);
        assertTrue(yaml.contains("primaryKeyPosition: -1"), yaml);
        assertTrue(yaml.contains("criticalDataElement: false"), yaml);
        assertFalse(yaml.contains("operator"), yaml);
        assertTrue(yaml.contains("dateIn: \"2022-08-02\""), "date-like text is quoted: " + yaml);
        assertTrue(yaml.contains("team:\n  id: tsc\n  name: TSC\n"), yaml);
    }

    @Test
    void writesAV30TeamBackAsAList() {
        String yaml = OdcsCodec.toYaml(OdcsTestFiles.read(OdcsTestFiles.V302));
        assertTrue(yaml.contains("team:\n  - username: ceastwood\n"), yaml);
        assertTrue(yaml.contains("rule: duplicateCount"), yaml);
    }

    @Test
    void keepsTextThatLooksLikeANumberOrABooleanAsText() {
        List<Object> tricky = List.of("1E3", "0x1F", "1_000", ".inf", "-.5", "+7", "yes", "off", "null", "~", "012",
                "1.0", "", " padded ", "multi\nline\n", "#hash", "a: b", "- item", "'quoted'", "true");
        DataContract contract = minimal(List.of(new CustomProperty("", "tricky", tricky, "", Map.of())));
        DataContract back = OdcsCodec.readYaml(OdcsCodec.toYaml(contract));
        assertEquals(tricky, back.customProperties().get(0).value());
        assertEquals(contract, OdcsCodec.readJson(OdcsCodec.toJson(contract)));
    }

    @Test
    void keepsNumbersAsWrittenSoThatTheySurviveBothFormats() {
        DataContract contract = OdcsCodec.readYaml(minimalYaml()
                + "customProperties:\n  - {property: n, value: [1, 1.0, 1.50, 1e3, 2.5e-3, 12345678901234567890123, -0.0]}\n");
        List<?> values = (List<?>) contract.customProperties().get(0).value();
        assertEquals(List.of(1L, new BigDecimal("1.0"), new BigDecimal("1.50"), new BigDecimal("1e3"),
                new BigDecimal("0.0025"), new BigDecimal("12345678901234567890123"), new BigDecimal("-0.0")), values);
        String yaml = OdcsCodec.toYaml(contract);
        assertTrue(yaml.contains("- 1.0\n") && yaml.contains("- 1e3\n") && yaml.contains("- 2.5e-3\n"),
                "numbers are written back as written: " + yaml);
        assertEquals(contract, OdcsCodec.readYaml(OdcsCodec.toYaml(contract)));
        assertEquals(contract, OdcsCodec.readJson(OdcsCodec.toJson(contract)));
    }

    @Test
    void writesDefaultsForAContractBuiltInCode() {
        SchemaProperty id = SchemaProperty.of("id", "string");
        DataContract built = new DataContract("", "", "c-1", "1.0.0", "draft", "", "", "", "", List.of(),
                ContractDescription.EMPTY, List.of(new SchemaObject("", "t", "", "", "", "", "", "", List.of(),
                        List.of(id), List.of(QualityRule.library("rowCount", "mustBeGreaterThan", 0.5)), List.of(),
                        List.of(), List.of(), Map.of())), List.of(), List.of(), Optional.empty(), List.of(),
                Optional.empty(), List.of(), "", List.of(), List.of(), "", Map.of());
        DataContract back = OdcsCodec.readYaml(OdcsCodec.toYaml(built));
        assertEquals("v3.1.0", back.apiVersion());
        assertEquals("DataContract", back.kind());
        assertEquals(Optional.of(new BigDecimal("0.5")),
                back.object("t").orElseThrow().quality().get(0).operatorValue());
    }

    @Test
    void refusesValuesThatAreNotPlainJava() {
        DataContract contract = minimal(List.of(CustomProperty.of("day", LocalDate.of(2024, 1, 1))));
        assertThrows(IllegalArgumentException.class, () -> OdcsCodec.toYaml(contract));
    }

    @Test
    void writesAndReadsFilesByTheirExtension(@TempDir Path dir) {
        DataContract contract = OdcsTestFiles.read(OdcsTestFiles.FULL);
        Path json = dir.resolve("c.odcs.json");
        Path yaml = dir.resolve("c.odcs.yml");
        OdcsCodec.write(contract, json);
        OdcsCodec.write(contract, yaml);
        assertEquals(contract, OdcsCodec.read(json));
        assertEquals(contract, OdcsCodec.read(yaml));
    }

    private static String minimalYaml() {
        return "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\n";
    }

    private static DataContract minimal(List<CustomProperty> customProperties) {
        return new DataContract("v3.1.0", "DataContract", "x", "1.0.0", "draft", "", "", "", "", List.of(),
                ContractDescription.EMPTY, List.of(), List.of(), List.of(), Optional.empty(), List.of(),
                Optional.empty(), List.of(), "", customProperties, List.of(), "", Map.of());
    }
}
