package dev.dataproduct.ports.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.metric.Dimension;
import dev.dataproduct.api.metric.Measure;
import dev.dataproduct.api.metric.Metric;
import dev.dataproduct.api.metric.MetricDataset;
import dev.dataproduct.api.metric.MetricQuery;
import dev.dataproduct.api.metric.SemanticModel;
import dev.dataproduct.api.metric.TimeGrain;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.metric.MetricEngine;
import dev.dataproduct.core.metric.MetricProduct;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.testkit.port.RowsInput;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** A metric has the same value through the published dataset, the metrics endpoint and the Java query API. */
class MetricRestTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ANA = "ana-token-0123456789";
    static final String BOB = "bob-token-0123456789";
    static final Owner OWNER = Owner.person("Ana Ruiz", "ana.ruiz@example.com");
    static final DatasetSpec ORDERS = DatasetSpec.named("orders")
            .field("region", LogicalType.STRING, f -> f.required())
            .field("ordered_on", LogicalType.DATE, f -> f.required())
            .field("amount", LogicalType.FLOAT64, f -> f.required())
            .build();
    static final SemanticModel SALES = SemanticModel.builder("sales", "orders")
            .dimension(Dimension.categorical("region"), Dimension.time("ordered_on"))
            .measure(Measure.sum("revenue", Expr.col("amount")), Measure.count("order_count"))
            .metric(Metric.simple("gross_revenue", "revenue"), Metric.simple("orders", "order_count"),
                    Metric.ratio("average_order_value", "gross_revenue", "orders"))
            .build();
    static final MetricQuery QUERY = MetricQuery.of("gross_revenue", "average_order_value").by("region")
            .by("ordered_on", TimeGrain.MONTH).build();
    static final Policy ANALYSTS = Policy.forDataset("orders").grant(Grant.to(Audience.role("analyst")).allColumns())
            .build();

    static List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("region", i % 3 == 0 ? "EU" : "US");
            r.put("ordered_on", LocalDate.of(2025, 1, 1).plusDays(i * 2L));
            r.put("amount", (i * 37 % 100) / 4.0);
            rows.add(r);
        }
        return rows;
    }

    @Test
    void aMetricHasOneValueThroughThePublishedDatasetTheMetricsEndpointAndTheJavaApi() throws Exception {
        DataProduct orders = DataProduct.builder("orders").domain("retail").version("1.0.0").owner(OWNER)
                .purpose("Orders.").input(RowsInput.of("raw", ORDERS.schema(), rows())).output(ORDERS)
                .access(ANALYSTS).transform(ctx -> ctx.input("raw")).build();
        MetricDataset published = MetricDataset.of("revenue_by_month", QUERY);
        DataProduct metrics = MetricProduct.publish(DataProduct.builder("sales-metrics").domain("retail")
                        .version("1.0.0").owner(OWNER).purpose("Sales metrics.").principalRoles("analyst")
                        .input(ProductInput.of("urn:dataproduct:retail:orders", 1).dataset("orders"))
                        .access(Policy.forDataset("revenue_by_month")
                                .grant(Grant.to(Audience.role("analyst")).allColumns()).build()),
                SALES, published).build();
        StaticTokens tokens = StaticTokens.builder().token(ANA, Principal.of("ana", "analyst"))
                .token(BOB, Principal.of("bob", "guest")).build();
        RestPort rest = RestPort.builder().authenticator(tokens::authenticate).build();
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).build();
             ProductHost host = ProductHost.builder(runtime, allocator).product(orders).product(metrics).serve(rest)
                     .build()) {
            host.runMesh();
            host.start();
            String base = "/products/retail/sales-metrics/v1";
            JsonNode datasetRows = JSON.readTree(Http.text(Http.get(rest.baseUri(), base + "/datasets/revenue_by_month",
                    ANA, "Accept", "application/json")));
            HttpResponse<byte[]> adHoc = Http.get(rest.baseUri(), base
                    + "/metrics?metrics=gross_revenue,average_order_value&by=region,ordered_on__month", ANA,
                    "Accept", "application/json");
            assertEquals(200, adHoc.statusCode(), Http.text(adHoc));
            JsonNode queried = JSON.readTree(Http.text(adHoc));
            List<Double> java = new ArrayList<>();
            try (VectorSchemaRoot answer = MetricEngine.of(SALES, allocator).query(
                    ProductReader.builder(runtime.store(), orders).allocator(allocator).build(),
                    Principal.of("ana", "analyst"), QUERY)) {
                for (int r = 0; r < answer.getRowCount(); r++) {
                    java.add((Double) answer.getVector("gross_revenue").getObject(r));
                }
            }
            assertEquals(java.size(), datasetRows.size());
            assertEquals(java.size(), queried.size());
            assertTrue(java.size() >= 16, java.toString());
            for (int r = 0; r < java.size(); r++) {
                assertEquals(java.get(r), datasetRows.get(r).get("gross_revenue").asDouble(), "row " + r);
                assertEquals(java.get(r), queried.get(r).get("gross_revenue").asDouble(), "row " + r);
                assertEquals(datasetRows.get(r).get("region").asText(), queried.get(r).get("region").asText());
                assertEquals(datasetRows.get(r).get("ordered_on__month").asText(),
                        queried.get(r).get("ordered_on__month").asText());
                assertEquals(datasetRows.get(r).get("average_order_value").asDouble(),
                        queried.get(r).get("average_order_value").asDouble());
            }
            assertEquals(403, Http.get(rest.baseUri(), base + "/metrics?metrics=orders", BOB).statusCode(),
                    "the rows' policy applies to an ad hoc metric query");
            JsonNode openApi = JSON.readTree(Http.text(Http.get(rest.baseUri(), base + "/openapi.json", ANA)));
            assertEquals("metrics", openApi.path("paths").path(base + "/metrics").path("get").path("operationId")
                    .asText(), "the endpoint is in the OpenAPI document");
            assertEquals(List.of(), OfficialOpenApiSchemaTest.problems(OfficialOpenApiSchemaTest.officialSchema(),
                    openApi));
            HttpResponse<byte[]> unknown = Http.get(rest.baseUri(), base + "/metrics?metrics=nope", ANA);
            assertEquals(400, unknown.statusCode());
            assertTrue(Http.text(unknown).contains("unknown metric 'nope'"), Http.text(unknown));
        }
    }

    @Test
    void theMetricsEndpointFiltersRowsInTheRowsEndpointSyntaxUnderTheCallersPolicy() throws Exception {
        Policy policy = Policy.forDataset("orders").grant(Grant.to(Audience.role("analyst")).allColumns())
                .grant(Grant.to(Audience.role("eu")).allColumns().rows(Expr.col("region").eq("EU"))).build();
        DataProduct orders = DataProduct.builder("orders").domain("retail").version("1.0.0").owner(OWNER)
                .purpose("Orders.").input(RowsInput.of("raw", ORDERS.schema(), rows())).output(ORDERS)
                .access(policy).transform(ctx -> ctx.input("raw")).build();
        DataProduct metrics = MetricProduct.publish(DataProduct.builder("sales-metrics").domain("retail")
                        .version("1.0.0").owner(OWNER).purpose("Sales metrics.").principalRoles("analyst")
                        .input(ProductInput.of("urn:dataproduct:retail:orders", 1).dataset("orders"))
                        .access(Policy.forDataset("revenue_by_month")
                                .grant(Grant.to(Audience.role("analyst")).allColumns()).build()),
                SALES, MetricDataset.of("revenue_by_month", QUERY)).build();
        String carol = "carol-token-0123456789";
        StaticTokens tokens = StaticTokens.builder().token(ANA, Principal.of("ana", "analyst"))
                .token(BOB, Principal.of("bob", "guest")).token(carol, Principal.of("carol", "eu")).build();
        RestPort rest = RestPort.builder().authenticator(tokens::authenticate).build();
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).build();
             ProductHost host = ProductHost.builder(runtime, allocator).product(orders).product(metrics).serve(rest)
                     .build()) {
            host.runMesh();
            host.start();
            String base = "/products/retail/sales-metrics/v1/metrics?metrics=gross_revenue,orders&by=region";
            JsonNode filtered = json(Http.get(rest.baseUri(), base + "&amount=gt.10&ordered_on=gte.2025-03-01", ANA,
                    "Accept", "application/json"));
            MetricQuery same = MetricQuery.of("gross_revenue", "orders").by("region")
                    .where(Expr.col("amount").gt(10.0).and(Expr.col("ordered_on").ge(LocalDate.of(2025, 3, 1))))
                    .build();
            try (VectorSchemaRoot answer = MetricEngine.of(SALES, allocator).query(
                    ProductReader.builder(runtime.store(), orders).allocator(allocator).build(),
                    Principal.of("ana", "analyst"), same)) {
                assertEquals(2, answer.getRowCount());
                assertEquals(answer.getRowCount(), filtered.size());
                for (int r = 0; r < answer.getRowCount(); r++) {
                    assertEquals(answer.getVector("region").getObject(r).toString(),
                            filtered.get(r).get("region").asText());
                    assertEquals((Double) answer.getVector("gross_revenue").getObject(r),
                            filtered.get(r).get("gross_revenue").asDouble());
                    assertEquals((Long) answer.getVector("orders").getObject(r), filtered.get(r).get("orders").asLong());
                }
                long all = 0;
                for (JsonNode row : json(Http.get(rest.baseUri(), base, ANA, "Accept", "application/json"))) {
                    all += row.get("orders").asLong();
                }
                assertTrue(all > filtered.get(0).get("orders").asLong() + filtered.get(1).get("orders").asLong(),
                        "the filter keeps fewer rows than there are");
            }
            JsonNode eu = json(Http.get(rest.baseUri(), base + "&region=in.(EU,US)", carol, "Accept",
                    "application/json"));
            assertEquals(1, eu.size(), "the caller's row filter still applies: " + eu);
            assertEquals("EU", eu.get(0).get("region").asText());
            assertEquals(0, json(Http.get(rest.baseUri(), base + "&region=eq.US", carol, "Accept",
                    "application/json")).size(), "a filter cannot reach rows the policy hides");
            assertEquals(403, Http.get(rest.baseUri(), base + "&region=eq.EU", BOB).statusCode());
            for (String[] bad : new String[][] {{"amount=gt.ten", "amount"}, {"region=EU", "region"},
                    {"ordered_on=eq.2025-13-01", "ordered_on"}, {"limit=5", "limit"}, {"by=region", "by"},
                    {"metrics=orders", "metrics"}}) {
                HttpResponse<byte[]> r = Http.get(rest.baseUri(), base + "&" + bad[0], ANA);
                assertEquals(400, r.statusCode(), bad[0] + ": " + Http.text(r));
                assertTrue(Http.text(r).contains(bad[1]), Http.text(r));
            }
            JsonNode openApi = json(Http.get(rest.baseUri(), "/products/retail/sales-metrics/v1/openapi.json", ANA));
            List<String> documented = new ArrayList<>();
            openApi.path("paths").path("/products/retail/sales-metrics/v1/metrics").path("get").path("parameters")
                    .forEach(p -> documented.add(p.path("name").asText()));
            assertEquals(List.of("metrics", "by", "model", "region", "ordered_on"), documented,
                    "the filters are in the OpenAPI document");
            HttpResponse<byte[]> twice = Http.get(rest.baseUri(),
                    "/products/retail/sales-metrics/v1/metrics?metrics=orders,orders", ANA);
            assertEquals(400, twice.statusCode(), Http.text(twice));
            assertTrue(Http.text(twice).contains("\"parameter\":\"metrics\"") || Http.text(twice).contains("names a metric twice"),
                    Http.text(twice));
            HttpResponse<byte[]> unknown = Http.get(rest.baseUri(), base + "&nope=eq.1", ANA);
            assertEquals(400, unknown.statusCode(), Http.text(unknown));
            assertTrue(Http.text(unknown).contains("nope"), Http.text(unknown));
        }
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        assertEquals(200, response.statusCode(), Http.text(response));
        return JSON.readTree(Http.text(response));
    }

    @Test
    void aDimensionJoinThatWouldCountRowsTwiceIsAConflictThatNamesNoKey() throws Exception {
        DatasetSpec sales = DatasetSpec.named("sales").field("customer", LogicalType.STRING, f -> f.required())
                .field("amount", LogicalType.FLOAT64, f -> f.required()).build();
        DatasetSpec customers = DatasetSpec.named("customers")
                .field("customer_id", LogicalType.STRING, f -> f.required())
                .field("segment", LogicalType.STRING, f -> f.required()).build();
        List<Map<String, Object>> saleRows = new ArrayList<>();
        List<Map<String, Object>> customerRows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            saleRows.add(Map.of("customer", "c" + i % 4, "amount", i * 1.5));
        }
        for (int c = 0; c < 4; c++) {
            customerRows.add(Map.of("customer_id", "c" + c, "segment", c % 2 == 0 ? "retail" : "business"));
        }
        customerRows.add(Map.of("customer_id", "c3", "segment", "retail"));
        SemanticModel model = SemanticModel.builder("sales", "sales")
                .entity(dev.dataproduct.api.metric.Entity.foreign("customer", "customer"))
                .join(dev.dataproduct.api.metric.DimensionJoin.of("customers", "customer", "customer_id"))
                .dimension(Dimension.categorical("segment"), Dimension.categorical("customer"))
                .measure(Measure.sum("revenue", Expr.col("amount")))
                .metric(Metric.simple("gross_revenue", "revenue"))
                .build();
        DataProduct salesProduct = DataProduct.builder("sales").domain("retail").version("1.0.0").owner(OWNER)
                .purpose("Sales.").input(RowsInput.of("raw", sales.schema(), saleRows)).output(sales)
                .access(Policy.forDataset("sales").grant(Grant.to(Audience.role("analyst")).allColumns()).build())
                .transform(ctx -> ctx.input("raw")).build();
        DataProduct customerProduct = DataProduct.builder("customers").domain("retail").version("1.0.0").owner(OWNER)
                .purpose("Customers.").input(RowsInput.of("raw", customers.schema(), customerRows)).output(customers)
                .access(Policy.forDataset("customers").grant(Grant.to(Audience.role("analyst")).allColumns())
                        .build())
                .transform(ctx -> ctx.input("raw")).build();
        DataProduct metrics = MetricProduct.publish(DataProduct.builder("sales-metrics").domain("retail")
                        .version("1.0.0").owner(OWNER).purpose("Sales metrics.").principalRoles("analyst")
                        .input(ProductInput.of("urn:dataproduct:retail:sales", 1).dataset("sales"))
                        .input(ProductInput.of("urn:dataproduct:retail:customers", 1).dataset("customers"))
                        .access(Policy.forDataset("by_customer")
                                .grant(Grant.to(Audience.role("analyst")).allColumns()).build()),
                model, MetricDataset.of("by_customer", MetricQuery.of("gross_revenue").by("customer").build()))
                .build();
        StaticTokens tokens = StaticTokens.builder().token(ANA, Principal.of("ana", "analyst")).build();
        RestPort rest = RestPort.builder().authenticator(tokens::authenticate).build();
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).build();
             ProductHost host = ProductHost.builder(runtime, allocator).product(salesProduct).product(customerProduct)
                     .product(metrics).serve(rest).build()) {
            host.runMesh();
            host.start();
            String base = "/products/retail/sales-metrics/v1/metrics?metrics=gross_revenue";
            assertEquals(4, json(Http.get(rest.baseUri(), base + "&by=customer", ANA, "Accept",
                    "application/json")).size(), "a query without the joined columns makes no join");
            HttpResponse<byte[]> fanOut = Http.get(rest.baseUri(), base + "&by=segment", ANA);
            assertEquals(409, fanOut.statusCode(), Http.text(fanOut));
            assertTrue(Http.text(fanOut).contains("more than once") || Http.text(fanOut).contains("refused"),
                    Http.text(fanOut));
            assertTrue(!Http.text(fanOut).contains("c3"), "no key value in " + Http.text(fanOut));
        }
    }
}
