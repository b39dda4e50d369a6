package dev.dataproduct.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.metric.SemanticModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metric definitions read back from YAML written by people: every mistake named with its place. */
class MetricDefinitionsReaderTest {
    private static final String VALID = String.join("\n",
            "semanticModels:",
            "- name: sales",
            "  dataset: orders",
            "  timeDimension: ordered_on",
            "  entities:",
            "  - name: customer",
            "    type: foreign",
            "    column: customer_id",
            "  dimensions:",
            "  - name: region",
            "    type: categorical",
            "  - name: ordered_on",
            "    type: time",
            "  measures:",
            "  - name: revenue",
            "    agg: sum",
            "    expr: amount * quantity",
            "  - name: order_count",
            "    agg: count",
            "  metrics:",
            "  - name: gross_revenue",
            "    type: simple",
            "    measure: revenue",
            "    filter: region <> 'test' AND ordered_on >= DATE '2024-01-01'",
            "  - name: orders",
            "    type: simple",
            "    measure: order_count",
            "  - name: aov",
            "    type: ratio",
            "    numerator: gross_revenue",
            "    denominator: orders",
            "  - name: growth",
            "    type: derived",
            "    expr: gross_revenue - previous",
            "    metrics:",
            "    - metric: gross_revenue",
            "    - metric: gross_revenue",
            "      alias: previous",
            "      offsetWindow: 1 month",
            "  - name: orders_90d",
            "    type: cumulative",
            "    measure: order_count",
            "    window: 90 days",
            "");

    @Test
    void readsBackWhatItWritesForEveryKindOfDefinition() {
        List<SemanticModel> models = List.of(MetricEngineAgreesWithDuckDbTest.MODEL,
                MetricEngineAdversarialDuckDbTest.MODEL, MetricDefinitionsTest.MODEL, MetricJoinTest.SALES);
        for (SemanticModel m : models) {
            assertEquals(List.of(m), MetricDefinitions.fromYaml(MetricDefinitions.toYaml(List.of(m)), "export.yaml"));
        }
    }

    @Test
    void readsDefinitionsWrittenByHandWithDefaultsAndTypedConstants(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metrics.yaml");
        Files.writeString(file, VALID, StandardCharsets.UTF_8);
        SemanticModel sales = MetricDefinitions.read(file).get(0);
        assertEquals(List.of("gross_revenue", "orders", "aov", "growth", "orders_90d"),
                sales.metrics().stream().map(m -> m.name()).toList());
        assertEquals(Expr.col("region"), sales.dimension("region").orElseThrow().expr());
        assertEquals(Expr.lit(1), sales.measure("order_count").orElseThrow().expr());
        SemanticModel ones = MetricDefinitions.fromYaml(VALID.replace("    agg: count", "    agg: sum\n    expr: 1"),
                "m.yaml").get(0);
        assertEquals(Expr.lit(1L), ones.measure("order_count").orElseThrow().expr(), "a bare number is a constant");
        assertEquals(Expr.col("region").ne("test").and(Expr.col("ordered_on").ge(LocalDate.of(2024, 1, 1))),
                sales.metric("gross_revenue").orElseThrow().filter().orElseThrow());
    }

    @Test
    void namesThePlaceLineAndRemedyOfEveryMistakeAtOnce() {
        String broken = VALID
                .replace("    agg: sum", "    agg: median")
                .replace("    type: foreign", "    type: foreign\n    colour: blue")
                .replace("    measure: order_count\n  - name: aov", "    measure: lines\n  - name: aov")
                .replace("    expr: gross_revenue - previous", "    expr: gross_revenue -")
                .replace("    window: 90 days", "    window: 3 fortnights");
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> MetricDefinitions.fromYaml(broken, "team/metrics.yaml"));
        String all = String.join("\n", e.problems());
        assertTrue(e.getMessage().contains("team/metrics.yaml"), e.getMessage());
        assertHas(all, "semanticModels[0].measures[0].agg: unknown agg 'median'; use one of [sum, count, "
                + "count_distinct, min, max, average] (line 17)");
        assertHas(all, "semanticModels[0].entities[0].colour: unknown key 'colour'");
        assertHas(all, "unknown key 'colour'; the keys here are [column, name, type] (line 8)");
        assertHas(all, "semanticModels[0].metrics[3].expr: expected a value at character 16 of 'gross_revenue -'");
        assertHas(all, "semanticModels[0].metrics[4].window: '3 fortnights' is not a time window; write a count and "
                + "a grain, such as '1 month' or '7 days'");
        assertEquals(4, e.problems().size(), all);
    }

    @Test
    void referencesToNothingCyclesAndDuplicatesNameTheElementAndItsLine() {
        String broken = VALID
                .replace("    measure: order_count\n  - name: aov", "    measure: lines\n  - name: aov")
                .replace("    denominator: orders", "    denominator: growth")
                .replace("    expr: gross_revenue - previous", "    expr: aov - previous")
                .replace("    - metric: gross_revenue\n    - metric", "    - metric: aov\n    - metric")
                .replace("  - name: orders_90d", "  - name: orders")
                .replace("  timeDimension: ordered_on", "  timeDimension: nope");
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> MetricDefinitions.fromYaml(broken, "metrics.yaml"));
        String all = String.join("\n", e.problems());
        assertHas(all, "semanticModels[0].metrics[1]: metric 'orders' reads the unknown measure 'lines'");
        assertHas(all, "(line 25)");
        assertHas(all, "metrics read each other in a cycle: aov reads growth reads aov");
        assertHas(all, "the metric name 'orders' is used twice");
        assertHas(all, "semanticModels[0].timeDimension: the time dimension 'nope' is not a dimension of the model; "
                + "time dimensions: [ordered_on] (line 4)");
        assertTrue(!all.contains("has several"), "no second problem from the unknown time dimension: " + all);
    }

    @Test
    void valuesOfTheWrongTypeAndMalformedYamlAreProblemsNotCrashes() {
        for (String[] c : new String[][] {
            {"  dataset: orders", "  dataset: [orders, more]", "semanticModels[0].dataset: 'dataset' is a list where a text is expected (line 3)"},
            {"  measures:", "  measures: 5\n  unused:", "semanticModels[0].measures: the number 5 is written where a list is expected"},
            {"  - name: revenue", "  - 42\n  - name: revenue", "semanticModels[0].measures[0]: the number 42 is written where a mapping"},
            {"    agg: sum", "    agg: true", "semanticModels[0].measures[0].agg: 'agg' is the boolean true where a text is expected"},
            {"- name: sales", "- name: Sales!", "semanticModels[0].name: the model name 'Sales!' is not valid"},
            {"  - name: region", "  - name: region\n   bad: indentation", "(line 11, column 4)"},
            {"    type: foreign", "    type: sideways", "unknown type 'sideways'; use one of [primary, unique, foreign]"},
            {"    type: ratio", "    type: weighted", "unknown metric type 'weighted'"},
            {"    type: derived", "    type: derived\n    window: 1 day", "unknown key 'window'"},
        }) {
            String yaml = VALID.replace(c[0], c[1]);
            InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                    () -> MetricDefinitions.fromYaml(yaml, "m.yaml"), c[1]);
            assertHas(String.join("\n", e.problems()), c[2]);
        }
        assertHas(String.join("\n", assertThrows(InvalidDefinitionException.class,
                () -> MetricDefinitions.fromYaml("models: []", "m.yaml")).problems()), "unknown key 'models'");
        assertHas(String.join("\n", assertThrows(InvalidDefinitionException.class,
                () -> MetricDefinitions.fromYaml("- a\n- b", "m.yaml")).problems()), "a list is written where a mapping");
    }

    @Test
    void mangledDocumentsAreReadOrRefusedWithProblemsNeverAnotherException() {
        long seed = Long.getLong("metric.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        String[] lines = VALID.split("\n");
        String[] junk = {"", "- x", "name:", "  - 1", "type: [a]", "expr: ((", "filter: a IN (", "agg: 3.5",
            "metrics: {a: 1}", "offsetWindow: -1 days", "window: 0 days", "denominator:", "measure: ~", "'\"", "*a"};
        for (int round = 0; round < 400; round++) {
            List<String> doc = new ArrayList<>(List.of(lines));
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(doc.size());
                switch (random.nextInt(3)) {
                    case 0 -> doc.remove(at);
                    case 1 -> doc.set(at, doc.get(at).replaceAll(":.*", ": " + junk[random.nextInt(junk.length)]
                            .replaceAll("^[a-zA-Z]+: ", "")));
                    default -> doc.add(at, " ".repeat(random.nextInt(6)) + junk[random.nextInt(junk.length)]);
                }
            }
            String yaml = String.join("\n", doc);
            try {
                MetricDefinitions.fromYaml(yaml, "m.yaml");
            } catch (InvalidDefinitionException e) {
                assertTrue(!e.problems().isEmpty(), yaml);
            } catch (RuntimeException e) {
                fail("seed " + seed + " (rerun with -Dmetric.seed=" + seed + "), round " + round + ": " + e
                        + " for\n" + yaml, e);
            }
        }
    }

    private static void assertHas(String all, String part) {
        assertTrue(all.contains(part), "no '" + part + "' in\n" + all);
    }
}
