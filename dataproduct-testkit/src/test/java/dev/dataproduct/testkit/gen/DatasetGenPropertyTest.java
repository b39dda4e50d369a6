package dev.dataproduct.testkit.gen;

import static dev.dataproduct.testkit.driver.ProductAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.TextValues;
import dev.dataproduct.core.odcs.OdcsCodec;
import dev.dataproduct.testkit.driver.ProductTestDriver;
import dev.dataproduct.testkit.driver.QuarantinedRow;
import dev.dataproduct.testkit.driver.TestRun;
import dev.dataproduct.testkit.junit.PropertyTest;
import dev.dataproduct.testkit.junit.Trials;
import dev.dataproduct.testkit.port.RowsInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Data generated from contracts passes their gate; each rule broken on purpose is caught exactly. */
class DatasetGenPropertyTest {

    /** The product publishing a dataset from an input of the same columns with no rules. */
    private static DataProduct product(DatasetSpec spec) {
        Schema loose = new Schema(spec.schema().fields().stream().map(f -> Field.of(f.name(), f.type(), false)).toList());
        return DataProduct.builder("generated").domain("test").version("1.0.0")
                .owner(Owner.person("Tess Ter", "tess@example.com")).purpose("Publishes generated rows.")
                .input(RowsInput.of("source", loose, List.of())).output(spec)
                .transform(ctx -> ctx.input("source")).build();
    }

    /** The spec read back from the product's contract written as ODCS YAML. */
    private static DataContract contractOf(DatasetSpec spec) {
        return OdcsCodec.readYaml(OdcsCodec.toYaml(product(spec).contract()));
    }

    @PropertyTest(tries = 60)
    void dataGeneratedFromAContractPassesItsGateWithNothingQuarantined(Trials trials) {
        trials.forAll(Datasets.datasets(6)).check(spec -> {
            GeneratedRows data = DatasetGen.of(contractOf(spec), spec.name()).generate(200, new Random(spec.hashCode()));
            try (ProductTestDriver driver = ProductTestDriver.of(product(spec))) {
                driver.input("source").pipeRows(data.rows());
                assertThat(driver.run()).quarantined(0).published(200);
            }
            return true;
        });
    }

    @PropertyTest(tries = 60)
    void eachBrokenRuleQuarantinesExactlyTheBrokenRowsForThatRule(Trials trials) {
        trials.forAll(Datasets.datasets(6)).check(spec -> {
            Random random = new Random(spec.hashCode());
            RuleBreak rule = applicableRule(spec, random);
            double share = random.nextDouble() * 0.5;
            GeneratedRows data = DatasetGen.of(spec).breaking(rule, share).generate(100, random);
            try (ProductTestDriver driver = ProductTestDriver.of(product(spec)).maxQuarantinedShare(1)) {
                driver.input("source").pipeRows(data.rows());
                TestRun run = driver.run();
                List<QuarantinedRow> quarantined = run.quarantinedRows();
                assertEquals(data.broken().size(), quarantined.size(), rule + " " + quarantined);
                for (QuarantinedRow q : quarantined) {
                    assertEquals(List.of(data.rule()), q.rules(), q.toString());
                }
                assertEquals(sorted(data.brokenRows().stream().map(DatasetGenPropertyTest::asText).toList()),
                        sorted(quarantined.stream().map(QuarantinedRow::values).toList()));
            }
            return true;
        });
    }

    private static RuleBreak applicableRule(DatasetSpec spec, Random random) {
        List<RuleBreak> rules = new ArrayList<>();
        rules.add(RuleBreak.duplicateKey());
        for (Field f : spec.schema().fields()) {
            if (f.required() && !f.isPrimaryKey()) {
                rules.add(RuleBreak.nullIn(f.name()));
            }
            if (!f.isPrimaryKey() && (f.constraints().minimum().isPresent() || f.constraints().maximum().isPresent())) {
                rules.add(RuleBreak.outOfRange(f.name()));
            }
        }
        // a range as wide as its type cannot be crossed
        rules.removeIf(rule -> {
            try {
                DatasetGen.of(spec).breaking(rule, 0);
                return false;
            } catch (IllegalArgumentException e) {
                return true;
            }
        });
        return rules.get(random.nextInt(rules.size()));
    }

    private static Map<String, String> asText(Map<String, Object> row) {
        Map<String, String> out = new LinkedHashMap<>();
        row.forEach((k, v) -> {
            if (v != null) {
                out.put(k, TextValues.format(v));
            }
        });
        return out;
    }

    private static List<String> sorted(List<Map<String, String>> rows) {
        return rows.stream().map(r -> new java.util.TreeMap<>(r).toString()).sorted().toList();
    }
}
