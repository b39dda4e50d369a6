package dev.dataproduct.core.quality.odcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.QualityRule;
import dev.dataproduct.api.contract.SchemaObject;
import dev.dataproduct.api.contract.SchemaProperty;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Dimension;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.api.quality.Outcome;
import dev.dataproduct.api.quality.Severity;
import dev.dataproduct.api.quality.Threshold;
import dev.dataproduct.core.odcs.OdcsCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OdcsQualityTest {
    private static final String HEAD = "apiVersion: v3.1.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\n";

    /** A contract of the ODCS reader's own test files. */
    private static DataContract resource(String name) {
        try (InputStream in = OdcsQualityTest.class.getResourceAsStream("/odcs/" + name)) {
            return OdcsCodec.readYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static OdcsQuality.Mapping read(String schemaYaml) {
        return OdcsQuality.toChecks(OdcsCodec.readYaml(HEAD + schemaYaml));
    }

    private static Check only(OdcsQuality.Mapping m) {
        assertEquals(List.of(), m.unsupported(), "unsupported");
        assertEquals(1, m.checks().size(), "checks " + m.checks());
        return m.checks().get(0);
    }

    /** A property with one rule whose operator and value are given in YAML. */
    private static OdcsQuality.Mapping propertyRule(String rule) {
        return read("schema:\n  - name: orders\n    properties:\n      - name: qty\n        logicalType: integer\n"
                + "        quality:\n          - " + rule + "\n");
    }

    @Test
    void readsEveryLibraryMetricOnItsObjectAndProperty() {
        OdcsQuality.Mapping m = read("""
                schema:
                  - name: orders
                    quality:
                      - metric: rowCount
                        mustBeBetween: [100, 120]
                      - metric: duplicateValues
                        arguments: {properties: [id, status]}
                        mustBe: 0
                    properties:
                      - name: id
                        logicalType: string
                        quality:
                          - metric: nullValues
                            mustBe: 0
                          - metric: duplicateValues
                            mustBe: 0
                      - name: status
                        logicalType: string
                        quality:
                          - metric: invalidValues
                            arguments: {validValues: [open, shipped]}
                            mustBe: 0
                      - name: email
                        logicalType: string
                        quality:
                          - metric: missingValues
                            arguments: {missingValues: [null, '', 'N/A']}
                            mustBeLessThan: 5
                            unit: percent
                      - name: code
                        logicalType: string
                        quality:
                          - metric: invalidValues
                            arguments: {pattern: '^[A-Z]{3}$', validValues: [XX1]}
                            mustBeLessOrEqualTo: 2
                """);
        assertEquals(List.of(), m.unsupported());
        List<Check> c = m.checks();
        assertEquals(7, c.size());
        assertTrue(c.stream().allMatch(x -> x.dataset().equals("orders")));
        assertEquals(new Metric.RowCount(), c.get(0).metric());
        assertEquals(Threshold.between(100, 120), c.get(0).threshold());
        assertEquals(new Metric.DuplicateCount(List.of("id", "status")), c.get(1).metric());
        assertEquals(Threshold.exactly(0), c.get(1).threshold());
        assertEquals(new Metric.NullCount("id"), c.get(2).metric());
        assertEquals(new Metric.DuplicateCount(List.of("id")), c.get(3).metric());
        assertEquals(new Metric.InvalidCount("status", new Metric.Validity(List.of("open", "shipped"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())),
                c.get(4).metric());
        // null is always missing for the SDK: dropped from the list, still counted
        assertEquals(new Metric.MissingCount("email", List.of("", "N/A")), c.get(5).metric());
        assertTrue(c.get(5).percent());
        assertEquals(Threshold.lessThan(5), c.get(5).threshold());
        Metric.InvalidCount code = (Metric.InvalidCount) c.get(6).metric();
        assertEquals(Optional.of("^[A-Z]{3}$"), code.validity().pattern());
        assertEquals(List.of("XX1"), code.validity().allowedValues());
        assertEquals(Threshold.atMost(2), c.get(6).threshold());
    }

    @Test
    void readsMustBeBetweenInclusively() {
        Threshold t = only(propertyRule("{metric: nullValues, mustBeBetween: [100, 120]}")).threshold();
        assertEquals(Outcome.PASS, t.judge(100));
        assertEquals(Outcome.PASS, t.judge(120));
        assertEquals(Outcome.FAIL, t.judge(99));
        assertEquals(Outcome.FAIL, t.judge(121));
    }

    @ParameterizedTest
    @CsvSource({
        "mustBe: 3,                     3, PASS, 2, FAIL",
        "mustBeGreaterThan: 3,          4, PASS, 3, FAIL",
        "mustBeGreaterOrEqualTo: 3,     3, PASS, 2, FAIL",
        "mustBeLessThan: 3,             2, PASS, 3, FAIL",
        "mustBeLessOrEqualTo: 3,        3, PASS, 4, FAIL",
        "'mustBeBetween: [2, 4]',       4, PASS, 5, FAIL",
        "mustNotBe: 0,                  1, PASS, 0, FAIL",
        "'mustNotBeBetween: [0, 5]',    6, PASS, 5, FAIL",
        "'mustNotBeBetween: [-3, 5]',   6, PASS, 0, FAIL",
    })
    void readsEachOperatorAsItsThreshold(String operator, double in, Outcome inOutcome, double out,
                                         Outcome outOutcome) {
        Threshold t = only(propertyRule("{metric: nullValues, " + operator + "}")).threshold();
        assertEquals(inOutcome, t.judge(in), operator + " judging " + in);
        assertEquals(outOutcome, t.judge(out), operator + " judging " + out);
    }

    @Test
    void readsNegatedOperatorsOnlyWhereTheCountLeavesOneRange() {
        Threshold notAll = only(propertyRule("{metric: nullValues, mustNotBe: 100, unit: percent}")).threshold();
        assertEquals(Threshold.lessThan(100), notAll);
        Threshold notTop = only(propertyRule("{metric: nullValues, mustNotBeBetween: [90, 100], unit: percent}"))
                .threshold();
        assertEquals(Threshold.lessThan(90), notTop);

        OdcsQuality.Mapping three = propertyRule("{metric: nullValues, mustNotBe: 3}");
        assertEquals(List.of(), three.checks());
        assertEquals(1, three.unsupported().size());
        assertTrue(three.unsupported().get(0).contains("mustNotBe: 3"), three.unsupported().get(0));
        assertTrue(three.unsupported().get(0).contains("one range"), three.unsupported().get(0));

        OdcsQuality.Mapping middle = propertyRule("{metric: nullValues, mustNotBeBetween: [2, 5]}");
        assertEquals(List.of(), middle.checks());
        assertEquals(1, middle.unsupported().size());
    }

    @Test
    void readsUnitSeverityDimensionNameAndDescription() {
        Check c = only(propertyRule("{metric: nullValues, mustBeLessThan: 2, unit: percent, severity: warning,"
                + " dimension: conformity, name: few nulls, description: Almost always given.}"));
        assertTrue(c.percent());
        assertEquals(Severity.WARNING, c.severity());
        assertEquals(Dimension.CONFORMITY, c.dimension());
        assertEquals("few nulls", c.name());
        assertEquals("Almost always given.", c.description());

        Check plain = only(propertyRule("{metric: duplicateValues, mustBe: 0, unit: rows}"));
        assertEquals(Severity.ERROR, plain.severity());
        assertEquals(Dimension.UNIQUENESS, plain.dimension());
        assertEquals("duplicateCount(qty)", plain.name());
        assertEquals("", plain.description());

        assertEquals(Severity.WARNING, only(propertyRule("{metric: nullValues, mustBe: 0, severity: warn}")).severity());
        assertEquals(Dimension.COMPLETENESS,
                only(propertyRule("{metric: nullValues, mustBe: 0, dimension: completeness}")).dimension());
    }

    @Test
    void readsTheDimensionAbbreviationsOfTheQualityChapter() {
        QualityRule rule = new QualityRule("", "", "", "", "duplicateValues", "", Map.of(), "mustBe",
                Optional.of(0), "", "", "", Optional.empty(), "uq", "", "", "", "", "", List.of(), List.of(),
                List.of(), Map.of());
        SchemaProperty id = new SchemaProperty("", "id", "", "", "string", Map.of(), false, false, false, -1, false,
                -1, "", false, "", List.of(), "", "", List.of(), "", "", List.of(), Optional.empty(), List.of(),
                List.of(rule, rule), List.of(), List.of(), List.of(), Map.of());
        SchemaObject object = new SchemaObject("", "orders", "", "", "", "", "", "", List.of(), List.of(id), List.of(),
                List.of(), List.of(), List.of(), Map.of());
        OdcsQuality.Mapping m = OdcsQuality.toChecks(object);
        assertEquals(List.of(), m.unsupported());
        assertEquals(List.of(Dimension.UNIQUENESS, Dimension.UNIQUENESS),
                m.checks().stream().map(Check::dimension).toList());
        assertEquals(List.of("duplicateCount(id)", "duplicateCount(id)#2"),
                m.checks().stream().map(Check::name).toList());
    }

    @Test
    void namesRepeatedWithinADatasetGetANumber() {
        OdcsQuality.Mapping m = read("""
                schema:
                  - name: orders
                    properties:
                      - name: id
                        logicalType: string
                        quality:
                          - {metric: nullValues, mustBe: 0}
                          - {metric: nullValues, mustBeLessThan: 10}
                          - {metric: nullValues, mustBeLessThan: 20, name: 'nullCount(id)#2'}
                  - name: customers
                    properties:
                      - name: id
                        logicalType: string
                        quality:
                          - {metric: nullValues, mustBe: 0}
                """);
        List<String> names = m.checks().stream().map(c -> c.dataset() + "/" + c.name()).toList();
        assertEquals(List.of("orders/nullCount(id)", "orders/nullCount(id)#3", "orders/nullCount(id)#2",
                "customers/nullCount(id)"), names);
    }

    @Test
    void listsEveryRuleItCannotRunWithWhereAndWhy() {
        OdcsQuality.Mapping m = read("""
                schema:
                  - name: orders
                    quality:
                      - type: text
                        description: Orders arrive within the hour.
                      - type: sql
                        query: SELECT COUNT(*) FROM {object}
                        mustBeGreaterThan: 0
                      - type: custom
                        engine: soda
                        implementation: 'row_count > 0'
                      - metric: nullValues
                        mustBe: 0
                    properties:
                      - name: id
                        logicalType: string
                        quality:
                          - {metric: rowCount, mustBeGreaterThan: 0}
                          - {metric: nullValues, mustBe: 0, arguments: {ignoreBlank: true}}
                          - {metric: nullValues, mustBe: 0, unit: '%'}
                          - {metric: nullValues, mustBe: 0, severity: critical}
                          - {metric: invalidValues, mustBe: 0}
                          - {metric: nullValues, mustBe: 0, name: kept}
                      - name: address
                        logicalType: object
                        properties:
                          - name: city
                            logicalType: string
                            quality:
                              - {metric: nullValues, mustBe: 0}
                """);
        assertEquals(List.of("kept"), m.checks().stream().map(Check::name).toList());
        List<String> u = m.unsupported();
        assertEquals(10, u.size(), String.join("\n", u));
        assertTrue(u.get(0).startsWith("schema 'orders', quality[0]: a text rule"), u.get(0));
        assertTrue(u.get(1).contains("quality[1]: a sql rule"), u.get(1));
        assertTrue(u.get(2).contains("custom rule") && u.get(2).contains("soda"), u.get(2));
        assertTrue(u.get(3).contains("nullValues checks a property"), u.get(3));
        assertTrue(u.get(4).startsWith("schema 'orders', property 'id', quality[0]: rowCount counts the rows"),
                u.get(4));
        assertTrue(u.get(5).contains("argument 'ignoreBlank'"), u.get(5));
        assertTrue(u.get(6).contains("unit '%'"), u.get(6));
        assertTrue(u.get(7).contains("severity 'critical'"), u.get(7));
        assertTrue(u.get(8).contains("needs arguments.validValues or arguments.pattern"), u.get(8));
        assertTrue(u.get(9).contains("property 'address', property 'city', quality[0]: a rule on a nested"), u.get(9));
    }

    @Test
    void readsTheV30RuleNamesOfAVersion302Contract() {
        OdcsQuality.Mapping m = OdcsQuality.toChecks(resource("orders-v3.0.2.odcs.yaml"));
        assertEquals(3, m.checks().size(), m.checks().toString());
        Check rows = m.checks().get(0);
        assertEquals(new Metric.RowCount(), rows.metric());
        assertEquals(Threshold.between(100, 120), rows.threshold());
        assertEquals("The number of rows must be between 100 and 120", rows.description());
        Check duplicates = m.checks().get(1);
        assertEquals(new Metric.DuplicateCount(List.of("order_id")), duplicates.metric());
        assertEquals(Threshold.lessThan(1), duplicates.threshold());
        Check status = m.checks().get(2);
        assertEquals(List.of("open", "shipped", "cancelled"),
                ((Metric.InvalidCount) status.metric()).validity().allowedValues());
        assertEquals(1, m.unsupported().size());
        assertTrue(m.unsupported().get(0).contains("text rule"), m.unsupported().get(0));
    }

    @Test
    void reportsAV30RuleWithoutADefinedMeaning() {
        OdcsQuality.Mapping m = OdcsQuality.toChecks(OdcsCodec.readYaml("""
                apiVersion: v3.0.2
                kind: DataContract
                id: x
                version: 1.0.0
                status: draft
                schema:
                  - name: orders
                    properties:
                      - name: id
                        logicalType: string
                        quality:
                          - {rule: nullCheck, mustBe: 0}
                          - {rule: nullValues, mustBe: 0}
                          - {rule: duplicateCount}
                """));
        assertEquals(List.of(new Metric.NullCount("id")), m.checks().stream().map(Check::metric).toList());
        assertEquals(2, m.unsupported().size());
        assertTrue(m.unsupported().get(0).contains("v3.0 rule 'nullCheck'"), m.unsupported().get(0));
        assertTrue(m.unsupported().get(1).contains("no operator"), m.unsupported().get(1));
    }

    // ----- checks to rules

    @Test
    void roundTripsEveryMetricAndOperator() {
        List<String> operators = List.of("mustBe: 2", "mustBeGreaterThan: 2", "mustBeGreaterOrEqualTo: 2",
                "mustBeLessThan: 2.5", "mustBeLessOrEqualTo: 2", "'mustBeBetween: [1, 3]'");
        List<String> propertyRules = List.of("metric: nullValues",
                "metric: missingValues, arguments: {missingValues: [null, '', N/A]}",
                "metric: invalidValues, arguments: {validValues: [a, b]}",
                "metric: invalidValues, arguments: {pattern: '[a-z]+'}",
                "metric: invalidValues, arguments: {validValues: [a, b], pattern: '[a-z]+'}",
                "metric: duplicateValues");
        List<String> objectRules = List.of("metric: rowCount",
                "metric: duplicateValues, arguments: {properties: [id, qty]}");
        int tried = 0;
        for (String op : operators) {
            String operator = op.replace("'", "");
            for (String metric : propertyRules) {
                for (String extra : List.of("", ", unit: percent, severity: warning, dimension: accuracy,"
                        + " name: my rule, description: why")) {
                    String rule = "{" + metric + ", " + operator + extra + "}";
                    roundTrip("    properties:\n      - name: qty\n        logicalType: integer\n        quality:\n          - "
                            + rule + "\n", "qty");
                    tried++;
                }
            }
            for (String metric : objectRules) {
                roundTrip("    quality:\n      - {" + metric + ", " + operator + "}\n"
                        + "    properties:\n      - {name: id, logicalType: string}\n"
                        + "      - {name: qty, logicalType: integer}\n", "");
                tried++;
            }
        }
        assertEquals(6 * (6 * 2 + 2), tried);
    }

    private static void roundTrip(String body, String property) {
        String yaml = "schema:\n  - name: orders\n" + body;
        DataContract contract = OdcsCodec.readYaml(HEAD + yaml);
        QualityRule original = property.isEmpty() ? contract.schema().get(0).quality().get(0)
                : contract.schema().get(0).property(property).orElseThrow().quality().get(0);
        Check check = only(OdcsQuality.toChecks(contract));
        QualityRule back = OdcsQuality.toRule(check).orElseThrow(() -> new AssertionError("no rule for " + check));
        assertEquals(property, OdcsQuality.propertyOf(check), yaml);
        assertEquals(original.metric(), back.metric(), yaml);
        assertEquals(original.arguments(), back.arguments(), yaml);
        assertEquals(original.operator(), back.operator(), yaml);
        assertEquals(numbers(original.operatorValue().orElseThrow()), numbers(back.operatorValue().orElseThrow()),
                yaml);
        assertEquals(original.unit(), back.unit(), yaml);
        assertEquals(original.name(), back.name(), yaml);
        assertEquals(original.description(), back.description(), yaml);
        assertEquals(original.severity().isEmpty() ? "error" : original.severity(), back.severity(), yaml);
        assertEquals(original.dimension().isEmpty() ? check.dimension().label() : original.dimension(),
                back.dimension(), yaml);
        // and the rule read back is the same check
        assertEquals(check, only(OdcsQuality.toChecks(OdcsCodec.readYaml(HEAD + yaml))));
    }

    /** Numbers compared by value, whatever their Java class. */
    private static Object numbers(Object value) {
        if (value instanceof List<?> l) {
            return l.stream().map(OdcsQualityTest::numbers).toList();
        }
        return new java.math.BigDecimal(value.toString()).stripTrailingZeros();
    }

    @Test
    void writesNegatedOperatorsAsTheirOneSidedEquivalent() {
        Check c = only(propertyRule("{metric: nullValues, mustNotBe: 0}"));
        QualityRule r = OdcsQuality.toRule(c).orElseThrow();
        assertEquals("mustBeGreaterThan", r.operator());
        assertEquals(0L, r.operatorValue().orElseThrow());
    }

    @Test
    void writesCompletenessAsAPercentageOfNulls() {
        QualityRule r = OdcsQuality.toRule(Check.completeness("email").atLeast(0.99).on("orders")).orElseThrow();
        assertEquals("nullValues", r.metric());
        assertEquals("percent", r.unit());
        assertEquals("mustBeLessOrEqualTo", r.operator());
        assertEquals(1L, r.operatorValue().orElseThrow());
        QualityRule between = OdcsQuality.toRule(Check.completeness("email").between(0.5, 0.75)).orElseThrow();
        assertEquals("mustBeBetween", between.operator());
        assertEquals(List.of(25L, 50L), between.operatorValue().orElseThrow());
    }

    @Test
    void hasNoRuleForChecksWithoutALibraryForm() {
        List<Check> none = List.of(Check.mean("qty").atLeast(1), Check.range("qty", 1, 5).noFailures(),
                Check.length("id", 1, 5).noFailures(), Check.rowCount().deviation(5).atMost(3),
                Check.nulls("id").atMost(10).warnAbove(5), Check.nulls("id").recorded(),
                Check.rowCount().percent().atLeast(50), Check.approxDistinct("id").atLeast(3),
                Check.nulls("id").meeting(new Threshold(new Threshold.Range(Optional.of(1.0), false,
                        Optional.of(3.0), true), Optional.empty())));
        for (Check c : none) {
            assertEquals(Optional.empty(), OdcsQuality.toRule(c), c.toString());
        }
    }

    @Test
    void groupsRulesByProperty() {
        var rules = OdcsQuality.toRules(List.of(Check.rowCount().atLeast(1), Check.nulls("id").noFailures(),
                Check.unique("id"), Check.duplicates("id", "qty").noFailures(), Check.mean("qty").atLeast(1)));
        assertEquals(List.of("", "id"), List.copyOf(rules.keySet()));
        assertEquals(List.of("rowCount", "duplicateValues"), rules.get("").stream().map(QualityRule::metric).toList());
        assertEquals(List.of("nullValues", "duplicateValues"),
                rules.get("id").stream().map(QualityRule::metric).toList());
    }

    @Test
    void readsEveryRuleOfTheFullExampleAsACheckOrAReason() {
        DataContract full = resource("full-v3.1.odcs.yaml");
        int rules = full.schema().stream().mapToInt(o -> o.quality().size() + o.properties().stream()
                .mapToInt(OdcsQualityTest::rulesBelow).sum()).sum();
        OdcsQuality.Mapping m = OdcsQuality.toChecks(full);
        assertEquals(rules, m.checks().size() + m.unsupported().size(), m.unsupported().toString());
        Set<String> names = new HashSet<>();
        for (Check c : m.checks()) {
            assertTrue(names.add(c.dataset() + "/" + c.name()), "repeated " + c.name());
        }
        assertTrue(m.checks().size() > 0);
        assertTrue(m.unsupported().stream().anyMatch(u -> u.contains("sql rule")),
                m.unsupported().stream().collect(Collectors.joining("\n")));
    }

    private static int rulesBelow(dev.dataproduct.api.contract.SchemaProperty p) {
        return p.quality().size() + p.properties().stream().mapToInt(OdcsQualityTest::rulesBelow).sum()
                + p.items().map(OdcsQualityTest::rulesBelow).orElse(0);
    }
}
