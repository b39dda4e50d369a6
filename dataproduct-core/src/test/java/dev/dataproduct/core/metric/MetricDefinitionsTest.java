package dev.dataproduct.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.metric.Metric;
import dev.dataproduct.api.metric.MetricInput;
import dev.dataproduct.api.metric.SemanticModel;
import dev.dataproduct.api.metric.TimeGrain;
import dev.dataproduct.api.metric.TimeWindow;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.odps.OdpsCodec;
import dev.dataproduct.core.odps.OfficialOdpsSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricDefinitionsTest {

    static final SemanticModel MODEL = SemanticModel.builder("sales", "orders")
            .description("Orders by region and day.")
            .entity(dev.dataproduct.api.metric.Entity.foreign("customer", "customer"))
            .dimension(MetricProductTest.SALES.dimensions().toArray(dev.dataproduct.api.metric.Dimension[]::new))
            .measure(MetricProductTest.SALES.measures().toArray(dev.dataproduct.api.metric.Measure[]::new))
            .metric(MetricProductTest.SALES.metrics().toArray(Metric[]::new))
            .metric(Metric.derived("growth", Expr.col("gross_revenue").minus(Expr.col("previous")),
                            MetricInput.of("gross_revenue"),
                            MetricInput.offset("gross_revenue", "previous", TimeWindow.of(1, TimeGrain.MONTH)))
                    .describedAs("Revenue over the month before's."),
                    Metric.cumulative("orders_90d", "order_count").trailing(TimeWindow.of(90, TimeGrain.DAY))
                            .where(Expr.col("region").ne("test")))
            .build();

    @Test
    void writesEveryDefinitionAsReadableYaml() {
        String yaml = MetricDefinitions.toYaml(List.of(MODEL));
        String expected = String.join("\n",
                "semanticModels:",
                "- name: sales",
                "  dataset: orders",
                "  description: Orders by region and day.",
                "  timeDimension: ordered_on",
                "  entities:",
                "  - name: customer",
                "    type: foreign",
                "    column: customer",
                "  dimensions:",
                "  - name: region",
                "    type: categorical",
                "    expr: region",
                "    valueType: string",
                "    description: Where the order was placed.",
                "  - name: ordered_on",
                "    type: time",
                "    expr: ordered_on",
                "    valueType: date",
                "  measures:",
                "  - name: revenue",
                "    agg: sum",
                "    expr: amount",
                "  - name: order_count",
                "    agg: count",
                "    expr: \"1\"",
                "  - name: customer_count",
                "    agg: count_distinct",
                "    expr: customer",
                "  metrics:",
                "  - name: gross_revenue",
                "    type: simple",
                "    measure: revenue",
                "    description: Revenue before returns.",
                "  - name: orders",
                "    type: simple",
                "    measure: order_count",
                "  - name: average_order_value",
                "    type: ratio",
                "    numerator: gross_revenue",
                "    denominator: orders",
                "  - name: revenue_to_date",
                "    type: cumulative",
                "    measure: revenue",
                "    grainToDate: year",
                "  - name: growth",
                "    type: derived",
                "    expr: (gross_revenue - previous)",
                "    metrics:",
                "    - metric: gross_revenue",
                "    - metric: gross_revenue",
                "      alias: previous",
                "      offsetWindow: \"1 month\"",
                "    description: Revenue over the month before's.",
                "  - name: orders_90d",
                "    type: cumulative",
                "    measure: order_count",
                "    window: \"90 days\"",
                "    filter: region <> 'test'",
                "");
        assertEquals(expected, yaml);
    }

    @Test
    void theDescriptorCarriesTheMetricsAndStaysValidOdps() throws Exception {
        DataProduct product = MetricProductTest.metrics();
        String json = OdpsCodec.toJson(product);
        assertEquals(List.of(), OfficialOdpsSchema.violations(json, "v1.0.0"));
        JsonNode metrics = null;
        for (JsonNode p : new ObjectMapper().readTree(json).path("customProperties")) {
            if (p.path("property").asText().equals(OdpsCodec.METRICS)) {
                metrics = p.path("value");
            }
        }
        assertTrue(metrics != null, json);
        assertEquals("sales", metrics.path(0).path("name").asText());
        assertEquals("average_order_value", metrics.path(0).path("metrics").path(2).path("name").asText());
        assertEquals("ratio", metrics.path(0).path("metrics").path(2).path("type").asText());
    }
}
