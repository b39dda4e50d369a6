package dev.dataproduct.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.error.InvalidRequestException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.metric.Aggregation;
import dev.dataproduct.api.metric.Dimension;
import dev.dataproduct.api.metric.Measure;
import dev.dataproduct.api.metric.Metric;
import dev.dataproduct.api.metric.MetricDataset;
import dev.dataproduct.api.metric.MetricQuery;
import dev.dataproduct.api.metric.SemanticModel;
import dev.dataproduct.api.metric.TimeGrain;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.DerivedPattern;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.compose.UpstreamProducts;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class MetricProductTest extends RuntimeTest {
    static final Owner OWNER = Owner.person("Ana Ruiz", "ana.ruiz@example.com");
    static final DatasetSpec ORDERS = DatasetSpec.named("orders")
            .field("id", LogicalType.INT64, f -> f.required().primaryKey())
            .field("region", LogicalType.STRING, f -> f.required())
            .field("ordered_on", LogicalType.DATE, f -> f.required())
            .field("amount", LogicalType.FLOAT64, f -> f.required())
            .field("customer", LogicalType.STRING, f -> f.required())
            .build();
    /** Analysts read every order; EU analysts only the EU's. */
    static final Policy ORDERS_POLICY = Policy.forDataset("orders")
            .grant(Grant.to(Audience.role("analyst")).allColumns())
            .grant(Grant.to(Audience.role("eu-analyst")).allColumns().rows(Expr.col("region").eq("EU")))
            .build();
    static final SemanticModel SALES = SemanticModel.builder("sales", "orders")
            .dimension(Dimension.categorical("region").describedAs("Where the order was placed."),
                    Dimension.time("ordered_on"))
            .measure(Measure.sum("revenue", Expr.col("amount")), Measure.count("order_count"),
                    Measure.of("customer_count", Aggregation.COUNT_DISTINCT, Expr.col("customer")))
            .metric(Metric.simple("gross_revenue", "revenue").describedAs("Revenue before returns."),
                    Metric.simple("orders", "order_count"),
                    Metric.ratio("average_order_value", "gross_revenue", "orders"),
                    Metric.cumulative("revenue_to_date", "revenue").toDate(TimeGrain.YEAR))
            .build();
    static final MetricQuery BY_REGION_MONTH = MetricQuery.of("gross_revenue", "orders", "average_order_value",
            "revenue_to_date").by("region").by("ordered_on", TimeGrain.MONTH).build();
    static final MetricDataset PUBLISHED = MetricDataset.of("revenue_by_region_month", BY_REGION_MONTH);

    static List<Map<String, Object>> orders() {
        List<Map<String, Object>> rows = new ArrayList<>();
        String[] regions = {"EU", "US", "APAC"};
        for (long id = 0; id < 200; id++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("region", regions[(int) (id % 3)]);
            row.put("ordered_on", LocalDate.of(2025, 1, 1).plusDays(id * 3));
            row.put("amount", (id * 37) % 1000 / 4.0);
            row.put("customer", "c" + id % 17);
            rows.add(row);
        }
        return rows;
    }

    static DataProduct upstream() {
        return DataProduct.builder("orders").domain("retail").version("1.0.0").owner(OWNER)
                .purpose("Orders, for metric tests.")
                .input(new RowsPort(ORDERS.schema(), orders()))
                .output(ORDERS).access(ORDERS_POLICY)
                .transform(ctx -> ctx.input("raw"))
                .build();
    }

    static DataProduct metrics() {
        return MetricProduct.publish(DataProduct.builder("sales-metrics").domain("retail").version("1.0.0")
                        .owner(OWNER).purpose("Sales metrics, defined once.")
                        .principalRoles("analyst")
                        .input(ProductInput.of("urn:dataproduct:retail:orders", 1).dataset("orders"))
                        .access(Policy.forDataset(PUBLISHED.name())
                                .grant(Grant.to(Audience.role("analyst")).allColumns()).build()),
                SALES, PUBLISHED).build();
    }

    @Test
    void aMetricHasTheSameValueInThePublishedDatasetAndThroughTheQueryApi() {
        DataProduct up = upstream();
        DataProduct metrics = metrics();
        assertEquals(Optional.of(DerivedPattern.METRIC), metrics.metadata().kind().pattern());
        assertEquals(List.of(SALES), metrics.semanticModels());
        runtime.run(up);
        runtime.run(metrics, UpstreamProducts.readers(runtime.store(), allocator, List.of(up)));

        Principal analyst = Principal.of("ana", "analyst");
        List<List<Object>> published = new ArrayList<>();
        try (ReadResult r = ProductReader.builder(runtime.store(), metrics).allocator(allocator).build()
                .read(analyst, ReadRequest.of(PUBLISHED.name()).build())) {
            while (r.next()) {
                published.addAll(rows(r.batch()));
            }
        }
        List<List<Object>> queried;
        ProductReader orders = ProductReader.builder(runtime.store(), up).allocator(allocator).build();
        try (VectorSchemaRoot answer = MetricEngine.of(SALES, allocator).query(orders, analyst, BY_REGION_MONTH)) {
            queried = rows(answer);
        }
        assertEquals(3 * 20, queried.size(), queried.toString());
        assertEquals(queried, published);
        // APAC, January 2025: orders 2, 5, 8 (every third day from id 0; ids 2, 5, 8 are APAC)
        assertEquals(List.of("APAC", LocalDate.of(2025, 1, 1)), queried.get(0).subList(0, 2));
    }

    @Test
    void anAdHocQueryReadsOnlyWhatTheAskersPolicyShowsThem() {
        DataProduct up = upstream();
        runtime.run(up);
        ProductReader orders = ProductReader.builder(runtime.store(), up).allocator(allocator).build();
        MetricQuery total = MetricQuery.of("gross_revenue", "orders").by("region").build();
        try (VectorSchemaRoot all = MetricEngine.of(SALES, allocator).query(orders, Principal.of("ana", "analyst"), total);
             VectorSchemaRoot eu = MetricEngine.of(SALES, allocator).query(orders, Principal.of("eve", "eu-analyst"),
                     total)) {
            assertEquals(3, all.getRowCount());
            assertEquals(List.of(List.of("EU", rows(all).get(1).get(1), 67L)), rows(eu));
        }
    }

    @Test
    void refusesAQueryOfAnUnknownMetricOrWithoutTheTimeACumulativeMetricNeeds() {
        InvalidRequestException unknown = assertThrows(InvalidRequestException.class,
                () -> MetricEngine.columns(SALES, MetricQuery.of("revenue").by("country").build()));
        assertTrue(unknown.getMessage().contains("unknown metric 'revenue'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("unknown dimension 'country'"), unknown.getMessage());
        InvalidRequestException time = assertThrows(InvalidRequestException.class,
                () -> MetricEngine.columns(SALES, MetricQuery.of("revenue_to_date").by("region").build()));
        assertTrue(time.getMessage().contains("accumulates or shifts along 'ordered_on': group by ordered_on__<grain>"),
                time.getMessage());
        InvalidRequestException grain = assertThrows(InvalidRequestException.class,
                () -> MetricEngine.columns(SALES, MetricQuery.of("revenue_to_date").by("ordered_on", TimeGrain.WEEK)
                        .build()));
        assertTrue(grain.getMessage().contains("restarts every year, which is not a whole number of weeks"),
                grain.getMessage());
        InvalidRequestException noGrain = assertThrows(InvalidRequestException.class,
                () -> MetricEngine.columns(SALES, MetricQuery.of("orders").by("ordered_on").by("region__month").build()));
        assertTrue(noGrain.getMessage().contains("the time dimension 'ordered_on' needs a grain"), noGrain.getMessage());
        assertTrue(noGrain.getMessage().contains("'region' is categorical and has no grain"), noGrain.getMessage());
    }

    @Test
    void refusesAModelOverADatasetTheProductDoesNotHave() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> DataProduct.builder("p").domain("retail").version("1.0.0").owner(OWNER).purpose("p")
                        .input(new RowsPort(ORDERS.schema(), orders())).output(ORDERS)
                        .transform(ctx -> ctx.input("raw"))
                        .semanticModel(SemanticModel.builder("s", "purchases").build())
                        .build());
        assertTrue(e.getMessage().contains("semantic model 's' is over 'purchases', which is neither an input [raw] "
                + "nor an output [orders]"), e.getMessage());
    }

    static List<List<Object>> rows(VectorSchemaRoot batch) {
        List<List<Object>> out = new ArrayList<>();
        for (int r = 0; r < batch.getRowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (FieldVector v : batch.getFieldVectors()) {
                Object x = v.getObject(r);
                row.add(x instanceof org.apache.arrow.vector.util.Text t ? t.toString()
                        : v instanceof org.apache.arrow.vector.DateDayVector && x != null
                        ? LocalDate.ofEpochDay(((Number) x).longValue()) : x);
            }
            out.add(row);
        }
        return out;
    }

    /** An input of rows in memory. */
    static final class RowsPort implements InputPort {
        private final dev.dataproduct.api.schema.Schema schema;
        private final List<Map<String, Object>> rows;
        private final List<VectorSchemaRoot> batches = new ArrayList<>();

        RowsPort(dev.dataproduct.api.schema.Schema schema, List<Map<String, Object>> rows) {
            this.schema = schema;
            this.rows = rows;
        }

        @Override
        public PortDescriptor descriptor() {
            return new PortDescriptor("raw", "memory", "arrow", "");
        }

        @Override
        public Dataset open(InputContext context) {
            batches.add(BatchBuilder.fromRows(schema, rows, context.allocator()));
            return Dataset.of("raw", schema, batches);
        }

        @Override
        public void close() {
            batches.forEach(VectorSchemaRoot::close);
            batches.clear();
        }
    }
}
