package dev.dataproduct.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.metric.Dimension;
import dev.dataproduct.api.metric.DimensionJoin;
import dev.dataproduct.api.metric.Entity;
import dev.dataproduct.api.metric.Measure;
import dev.dataproduct.api.metric.Metric;
import dev.dataproduct.api.metric.MetricDataset;
import dev.dataproduct.api.metric.MetricQuery;
import dev.dataproduct.api.metric.SemanticModel;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.compose.UpstreamProducts;
import dev.dataproduct.core.join.JoinRefusedException;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** Dimensions that live in another product, joined through a conformed key. */
class MetricJoinTest extends RuntimeTest {
    static final DatasetSpec CUSTOMERS = DatasetSpec.named("customers")
            .field("customer_id", LogicalType.STRING, f -> f.required())
            .field("segment", LogicalType.STRING, f -> f.required())
            .build();
    static final SemanticModel SALES = SemanticModel.builder("sales", "orders")
            .entity(Entity.foreign("customer", "customer"))
            .join(DimensionJoin.of("customers", "customer", "customer_id"))
            .dimension(Dimension.categorical("segment"), Dimension.categorical("region"))
            .measure(Measure.sum("revenue", Expr.col("amount")), Measure.count("order_count"))
            .metric(Metric.simple("gross_revenue", "revenue"), Metric.simple("orders", "order_count"))
            .build();
    static final MetricQuery BY_SEGMENT = MetricQuery.of("gross_revenue", "orders").by("segment").build();

    /** Customers c0..c(n-1), segment by parity; c16 is missing so its orders have no segment. */
    static DataProduct customers(boolean repeatOne) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int c = 0; c < 17; c++) {
            if (c == 16) {
                continue;
            }
            rows.add(Map.of("customer_id", "c" + c, "segment", c % 2 == 0 ? "retail" : "business"));
        }
        if (repeatOne) {
            rows.add(Map.of("customer_id", "c3", "segment", "retail"));
        }
        return DataProduct.builder("customers").domain("retail").version("1.0.0").owner(MetricProductTest.OWNER)
                .purpose("Customers, for metric tests.")
                .input(new MetricProductTest.RowsPort(CUSTOMERS.schema(), rows))
                .output(CUSTOMERS)
                .access(Policy.forDataset("customers").grant(Grant.to(Audience.role("analyst")).allColumns()).build())
                .transform(ctx -> ctx.input("raw"))
                .build();
    }

    /** What the answer must be, computed here from the rows. */
    static List<List<Object>> expected() {
        Map<String, double[]> bySegment = new TreeMap<>();
        for (Map<String, Object> o : MetricProductTest.orders()) {
            int c = Integer.parseInt(((String) o.get("customer")).substring(1));
            String segment = c == 16 ? "~null" : c % 2 == 0 ? "retail" : "business";
            double[] v = bySegment.computeIfAbsent(segment, k -> new double[2]);
            v[0] += (Double) o.get("amount");
            v[1]++;
        }
        List<List<Object>> out = new ArrayList<>();
        bySegment.forEach((s, v) -> out.add(java.util.Arrays.asList(s.equals("~null") ? null : s, v[0], (long) v[1])));
        return out;
    }

    @Test
    void groupsByADimensionOfAnotherProductJoinedThroughAConformedKey() {
        DataProduct orders = MetricProductTest.upstream();
        DataProduct customers = customers(false);
        runtime.run(orders);
        runtime.run(customers);
        Principal analyst = Principal.of("ana", "analyst");
        Map<String, ProductReader> readers = new LinkedHashMap<>();
        readers.put("orders", ProductReader.builder(runtime.store(), orders).allocator(allocator).build());
        readers.put("customers", ProductReader.builder(runtime.store(), customers).allocator(allocator).build());
        try (VectorSchemaRoot answer = MetricEngine.of(SALES, allocator).query(readers, analyst, BY_SEGMENT,
                dev.dataproduct.core.read.SnapshotSelector.current())) {
            assertEquals(expected(), MetricProductTest.rows(answer));
        }
        // a filter on a joined column applies after the join
        MetricQuery retail = MetricQuery.of("orders").by("region").where(Expr.col("segment").eq("retail")).build();
        try (VectorSchemaRoot answer = MetricEngine.of(SALES, allocator).query(readers, analyst, retail,
                dev.dataproduct.core.read.SnapshotSelector.current())) {
            long retailOrders = MetricProductTest.orders().stream()
                    .filter(o -> Integer.parseInt(((String) o.get("customer")).substring(1)) % 2 == 0
                            && !o.get("customer").equals("c16")).count();
            long sum = MetricProductTest.rows(answer).stream().mapToLong(r -> (Long) r.get(1)).sum();
            assertEquals(retailOrders, sum);
        }
    }

    @Test
    void aFilterOnAColumnNeitherDatasetHasIsRefusedAsAnInvalidRequestWithOrWithoutTheJoin() {
        DataProduct orders = MetricProductTest.upstream();
        DataProduct customers = customers(false);
        runtime.run(orders);
        runtime.run(customers);
        Map<String, ProductReader> readers = Map.of(
                "orders", ProductReader.builder(runtime.store(), orders).allocator(allocator).build(),
                "customers", ProductReader.builder(runtime.store(), customers).allocator(allocator).build());
        for (MetricQuery q : List.of(MetricQuery.of("orders").by("segment").where(Expr.col("nope").eq(1)).build(),
                MetricQuery.of("orders").by("region").where(Expr.col("nope").eq(1)).build())) {
            dev.dataproduct.api.error.InvalidRequestException e = assertThrows(
                    dev.dataproduct.api.error.InvalidRequestException.class, () -> MetricEngine.of(SALES, allocator)
                            .query(readers, Principal.of("ana", "analyst"), q,
                                    dev.dataproduct.core.read.SnapshotSelector.current()).close(), q.toString());
            assertTrue(e.getMessage().contains("nope"), e.getMessage());
        }
    }

    @Test
    void refusesAJoinThatWouldCountAMeasureTwice() {
        DataProduct orders = MetricProductTest.upstream();
        DataProduct customers = customers(true);
        runtime.run(orders);
        runtime.run(customers);
        Map<String, ProductReader> readers = Map.of(
                "orders", ProductReader.builder(runtime.store(), orders).allocator(allocator).build(),
                "customers", ProductReader.builder(runtime.store(), customers).allocator(allocator).build());
        JoinRefusedException e = assertThrows(JoinRefusedException.class, () -> MetricEngine.of(SALES, allocator)
                .query(readers, Principal.of("ana", "analyst"), BY_SEGMENT,
                        dev.dataproduct.core.read.SnapshotSelector.current()).close());
        assertTrue(e.getMessage().contains("occur more than once on the right side 'customers'"), e.getMessage());
        // a query that uses no joined column needs no join, and is answered
        try (VectorSchemaRoot answer = MetricEngine.of(SALES, allocator).query(readers, Principal.of("ana", "analyst"),
                MetricQuery.of("orders").build(), dev.dataproduct.core.read.SnapshotSelector.current())) {
            assertEquals(200L, answer.getVector("orders").getObject(0));
        }
    }

    @Test
    void aMetricProductPublishesMetricsByAJoinedDimension() {
        DataProduct orders = MetricProductTest.upstream();
        DataProduct customers = customers(false);
        MetricDataset published = MetricDataset.of("revenue_by_segment", BY_SEGMENT);
        DataProduct metrics = MetricProduct.publish(DataProduct.builder("segment-metrics").domain("retail")
                        .version("1.0.0").owner(MetricProductTest.OWNER).purpose("Revenue by customer segment.")
                        .principalRoles("analyst")
                        .input(ProductInput.of("urn:dataproduct:retail:orders", 1).dataset("orders"))
                        .input(ProductInput.of("urn:dataproduct:retail:customers", 1).dataset("customers"))
                        .access(Policy.forDataset(published.name())
                                .grant(Grant.to(Audience.role("analyst")).allColumns()).build()),
                SALES, published).build();
        runtime.run(orders);
        runtime.run(customers);
        runtime.run(metrics, UpstreamProducts.readers(runtime.store(), allocator, List.of(orders, customers)));
        List<List<Object>> rows = new ArrayList<>();
        try (ReadResult r = ProductReader.builder(runtime.store(), metrics).allocator(allocator).build()
                .read(Principal.of("ana", "analyst"), ReadRequest.of(published.name()).build())) {
            while (r.next()) {
                rows.addAll(MetricProductTest.rows(r.batch()));
            }
        }
        assertEquals(expected(), rows);
    }
}
