package dev.dataproduct.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.metric.Aggregation;
import dev.dataproduct.api.metric.Dimension;
import dev.dataproduct.api.metric.GroupBy;
import dev.dataproduct.api.metric.Measure;
import dev.dataproduct.api.metric.Metric;
import dev.dataproduct.api.metric.MetricInput;
import dev.dataproduct.api.metric.MetricQuery;
import dev.dataproduct.api.metric.SemanticModel;
import dev.dataproduct.api.metric.TimeGrain;
import dev.dataproduct.api.metric.TimeWindow;
import dev.dataproduct.api.schema.LogicalType;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of metric, at every grain, with offsets, windows, filters and nulls, computed by the
 * engine and by DuckDB over the same generated rows. The SQL is written here from the documented
 * meaning of each definition (a correlated aggregate per answer row), not from the engine's code.
 */
class MetricEngineAgreesWithDuckDbTest {
    private static final long SEED = Long.getLong("metric.seed", System.nanoTime());
    private static final int ROWS = 6_000;
    private static final int BATCH = 1_000;
    private static final String[] REGIONS = {"north", "south", "east", "west", "Zürich"};
    private static final Set<String> COUNTS = Set.of("orders", "customers", "big_orders", "orders_3m",
            "customers_7d", "running_orders");

    private static BufferAllocator allocator;
    private static List<VectorSchemaRoot> batches;
    private static Connection duck;

    static final SemanticModel MODEL = SemanticModel.builder("sales", "orders")
            .dimension(Dimension.categorical("region"),
                    Dimension.categorical("channel", LogicalType.INT64, Expr.col("channel")),
                    Dimension.time("ordered_at"), Dimension.time("shipped_on"))
            .timeDimension("ordered_at")
            .measure(Measure.sum("revenue", Expr.col("amount")),
                    Measure.sum("units", Expr.col("quantity")),
                    Measure.count("order_count"),
                    Measure.of("customer_count", Aggregation.COUNT_DISTINCT, Expr.col("customer")),
                    Measure.of("largest", Aggregation.MAX, Expr.col("amount")),
                    Measure.of("smallest_quantity", Aggregation.MIN, Expr.col("quantity")),
                    Measure.of("mean_amount", Aggregation.AVERAGE, Expr.col("amount")),
                    Measure.sum("line_value", Expr.col("amount").times(Expr.col("quantity"))))
            .metric(Metric.simple("gross_revenue", "revenue"),
                    Metric.simple("orders", "order_count"),
                    Metric.simple("customers", "customer_count"),
                    Metric.simple("largest_order", "largest"),
                    Metric.simple("smallest_quantity", "smallest_quantity"),
                    Metric.simple("mean_amount", "mean_amount"),
                    Metric.simple("line_value", "line_value"),
                    Metric.simple("big_orders", "order_count").where(Expr.col("quantity").ge(8)),
                    Metric.simple("web_revenue", "revenue").where(Expr.col("channel").eq(1)),
                    Metric.ratio("average_order_value", "gross_revenue", "orders"),
                    Metric.ratio("web_share", "web_revenue", "gross_revenue"),
                    Metric.ratio("revenue_per_big_order", "gross_revenue", "big_orders"),
                    Metric.ratio("north_aov", "gross_revenue", "orders").where(Expr.col("region").eq("north")),
                    Metric.derived("growth", Expr.col("gross_revenue").minus(Expr.col("previous")),
                            MetricInput.of("gross_revenue"),
                            MetricInput.offset("gross_revenue", "previous", TimeWindow.of(1, TimeGrain.MONTH))),
                    Metric.derived("orders_vs_last_year", Expr.col("orders").dividedBy(Expr.col("last_year")),
                            MetricInput.of("orders"),
                            MetricInput.offset("orders", "last_year", TimeWindow.of(1, TimeGrain.YEAR))),
                    Metric.derived("units_per_customer", Expr.col("u").dividedBy(Expr.col("customers")),
                            new MetricInput("units", "u", java.util.Optional.empty()), MetricInput.of("customers")),
                    Metric.simple("units", "units"),
                    Metric.cumulative("running_revenue", "revenue"),
                    Metric.cumulative("running_orders", "order_count"),
                    Metric.cumulative("orders_3m", "order_count").trailing(TimeWindow.of(3, TimeGrain.MONTH)),
                    Metric.cumulative("customers_7d", "customer_count").trailing(TimeWindow.of(7, TimeGrain.DAY)),
                    Metric.cumulative("revenue_ytd", "revenue").toDate(TimeGrain.YEAR),
                    Metric.cumulative("web_revenue_qtd", "revenue").toDate(TimeGrain.QUARTER)
                            .where(Expr.col("channel").eq(1)))
            .build();

    @BeforeAll
    static void generate() throws Exception {
        System.out.println("MetricEngineAgreesWithDuckDbTest seed: " + SEED + " (rerun with -Dmetric.seed=" + SEED + ")");
        allocator = new RootAllocator();
        duck = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE orders (region VARCHAR, channel INTEGER, ordered_at TIMESTAMP, shipped_on DATE, "
                    + "amount DOUBLE, quantity INTEGER, customer VARCHAR)");
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        batches = new ArrayList<>();
        long start = LocalDateTime.of(2023, 11, 20, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
        long span = 800L * 86_400_000_000L;
        try (PreparedStatement insert = duck.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int b = 0; b < ROWS / BATCH; b++) {
                VarCharVector region = new VarCharVector("region", allocator);
                IntVector channel = new IntVector("channel", allocator);
                TimeStampMicroTZVector orderedAt = new TimeStampMicroTZVector("ordered_at", allocator, "UTC");
                DateDayVector shippedOn = new DateDayVector("shipped_on", allocator);
                Float8Vector amount = new Float8Vector("amount", allocator);
                IntVector quantity = new IntVector("quantity", allocator);
                VarCharVector customer = new VarCharVector("customer", allocator);
                List<FieldVector> vs = List.of(region, channel, orderedAt, shippedOn, amount, quantity, customer);
                vs.forEach(FieldVector::allocateNew);
                for (int i = 0; i < BATCH; i++) {
                    String r = rnd.nextInt(20) == 0 ? null : REGIONS[rnd.nextInt(REGIONS.length)];
                    Integer c = rnd.nextInt(15) == 0 ? null : rnd.nextInt(3);
                    Long at = rnd.nextInt(40) == 0 ? null : start + rnd.nextLong(span);
                    Integer ship = at == null || rnd.nextInt(10) == 0 ? null
                            : (int) Math.floorDiv(at, 86_400_000_000L) + rnd.nextInt(5);
                    Double a = rnd.nextInt(12) == 0 ? null : Math.round(rnd.nextDouble(1, 500) * 100) / 100.0;
                    Integer q = rnd.nextInt(12) == 0 ? null : rnd.nextInt(1, 11);
                    String cu = rnd.nextInt(25) == 0 ? null : "c" + rnd.nextInt(60);
                    if (r == null) { region.setNull(i); } else { region.setSafe(i, r.getBytes(StandardCharsets.UTF_8)); }
                    if (c == null) { channel.setNull(i); } else { channel.setSafe(i, c); }
                    if (at == null) { orderedAt.setNull(i); } else { orderedAt.setSafe(i, at); }
                    if (ship == null) { shippedOn.setNull(i); } else { shippedOn.setSafe(i, ship); }
                    if (a == null) { amount.setNull(i); } else { amount.setSafe(i, a); }
                    if (q == null) { quantity.setNull(i); } else { quantity.setSafe(i, q); }
                    if (cu == null) { customer.setNull(i); } else { customer.setSafe(i, cu.getBytes(StandardCharsets.UTF_8)); }
                    insert.setObject(1, r);
                    insert.setObject(2, c);
                    insert.setObject(3, at == null ? null : Timestamp.valueOf(LocalDateTime.ofEpochSecond(
                            Math.floorDiv(at, 1_000_000L), (int) Math.floorMod(at, 1_000_000L) * 1000, ZoneOffset.UTC)));
                    insert.setObject(4, ship == null ? null : java.sql.Date.valueOf(LocalDate.ofEpochDay(ship)));
                    insert.setObject(5, a);
                    insert.setObject(6, q);
                    insert.setObject(7, cu);
                    insert.addBatch();
                }
                vs.forEach(v -> v.setValueCount(BATCH));
                VectorSchemaRoot root = new VectorSchemaRoot(vs);
                root.setRowCount(BATCH);
                batches.add(root);
            }
            insert.executeBatch();
        }
    }

    @AfterAll
    static void close() throws Exception {
        batches.forEach(VectorSchemaRoot::close);
        duck.close();
        allocator.close();
    }

    private static final List<String> PLAIN = List.of("gross_revenue", "orders", "customers", "largest_order",
            "smallest_quantity", "mean_amount", "line_value", "big_orders", "web_revenue", "average_order_value",
            "web_share", "revenue_per_big_order", "north_aov", "units_per_customer");

    @Test
    void simpleRatioAndDerivedMetricsAgreeAtEveryGrain() throws Exception {
        for (TimeGrain g : TimeGrain.values()) {
            check(MetricQuery.of(PLAIN.toArray(String[]::new)).by("region").by("ordered_at", g).build());
        }
    }

    @Test
    void metricsAgreeByCategoriesAloneAndOverEverything() throws Exception {
        check(MetricQuery.of(PLAIN.toArray(String[]::new)).by("channel").by("region").build());
        check(MetricQuery.of(PLAIN.toArray(String[]::new)).build());
        check(MetricQuery.of("gross_revenue", "customers").by("shipped_on", TimeGrain.WEEK).by("region").build());
    }

    @Test
    void offsetsAgree() throws Exception {
        for (TimeGrain g : List.of(TimeGrain.DAY, TimeGrain.MONTH)) {
            check(MetricQuery.of("growth", "orders_vs_last_year", "gross_revenue").by("region").by("ordered_at", g)
                    .build());
        }
        check(MetricQuery.of("orders_vs_last_year").by("ordered_at", TimeGrain.QUARTER).build());
        check(MetricQuery.of("orders_vs_last_year").by("ordered_at", TimeGrain.YEAR).build());
    }

    @Test
    void cumulativeMetricsAgree() throws Exception {
        List<String> all = List.of("running_revenue", "running_orders", "orders_3m", "customers_7d", "revenue_ytd",
                "web_revenue_qtd");
        for (TimeGrain g : List.of(TimeGrain.DAY, TimeGrain.MONTH)) {
            check(MetricQuery.of(all.toArray(String[]::new)).by("region").by("ordered_at", g).build());
        }
        check(MetricQuery.of("running_revenue", "orders_3m", "customers_7d").by("ordered_at", TimeGrain.WEEK).build());
        check(MetricQuery.of("revenue_ytd", "web_revenue_qtd", "running_orders").by("channel")
                .by("ordered_at", TimeGrain.QUARTER).build());
    }

    @Test
    void queryFiltersAgree() throws Exception {
        check(MetricQuery.of("gross_revenue", "customers", "running_revenue", "growth").by("region")
                .by("ordered_at", TimeGrain.MONTH).where(Expr.col("region").ne("north").and(Expr.col("amount").gt(20)))
                .build());
    }

    // ---- the reference ----------------------------------------------------------------------------

    private void check(MetricQuery q) throws Exception {
        String sql = Reference.sql(MODEL, q);
        List<List<Object>> expected = MetricAnswers.ofSql(duck, sql);
        List<List<Object>> actual;
        try (BatchCursor cursor = MetricAnswers.over(batches);
             VectorSchemaRoot answer = MetricEngine.of(MODEL, allocator).compute(q, cursor,
                     new Principal("test", Set.of(), Map.of()))) {
            actual = MetricAnswers.ofAnswer(answer);
            assertEquals(MetricEngine.columns(MODEL, q).keySet().stream().toList(),
                    answer.getSchema().getFields().stream().map(f -> f.getName()).toList());
        }
        String where = "query " + q + " (seed " + SEED + ")\n" + sql;
        assertTrue(actual.size() > 0, where);
        MetricAnswers.assertSameRows(expected, actual, where);
    }

    /** Renders a query as SQL over the orders table, one correlated aggregate per metric and row. */
    static final class Reference {
        private Reference() {
        }

        static String sql(SemanticModel model, MetricQuery q) {
            List<String> keys = new ArrayList<>();
            List<String> keyCols = new ArrayList<>();
            String axis = null;
            TimeGrain grain = null;
            for (GroupBy g : q.groupBy()) {
                String expr = g.grain().map(gr -> "CAST(date_trunc('" + gr.label() + "', " + g.dimension()
                        + ") AS DATE)").orElse(g.dimension());
                if (g.dimension().equals("ordered_at")) {
                    axis = expr + " AS " + g.column();
                    grain = g.grain().orElseThrow();
                } else {
                    keys.add(expr + " AS " + g.column());
                    keyCols.add(g.column());
                }
            }
            String filter = q.filter().map(f -> " WHERE " + sqlOf(f)).orElse("");
            List<String> select = new ArrayList<>(keys);
            if (axis != null) {
                select.add(axis);
            }
            StringBuilder sb = new StringBuilder("WITH t AS (SELECT * FROM orders" + filter + "), g AS (SELECT DISTINCT "
                    + (select.isEmpty() ? "1 AS one" : String.join(", ", select)) + " FROM t)\nSELECT ");
            List<String> out = new ArrayList<>(keyCols);
            String time = axis == null ? null : q.groupBy().stream().filter(x -> x.dimension().equals("ordered_at"))
                    .findFirst().orElseThrow().column();
            if (time != null) {
                out.add("g." + time);
            }
            for (String m : q.metrics()) {
                out.add(metric(model, m, keyCols, time == null ? null : "g." + time, grain, null) + " AS " + m);
            }
            sb.append(out.stream().map(c -> c.startsWith("g.") || c.contains("(") ? c : "g." + c)
                    .collect(Collectors.joining(", ")));
            sb.append(" FROM g");
            List<String> order = new ArrayList<>(keyCols);
            if (time != null) {
                order.add(time);
            }
            if (!order.isEmpty()) {
                sb.append(" ORDER BY ").append(order.stream().map(c -> "g." + c + " NULLS LAST")
                        .collect(Collectors.joining(", ")));
            }
            return sb.toString();
        }

        /** The metric's value for the row of g whose bucket is {@code bucket} (an SQL date expression). */
        private static String metric(SemanticModel model, String name, List<String> keys, String bucket,
                                     TimeGrain grain, String inherited) {
            Metric m = model.metric(name).orElseThrow();
            String filter = and(inherited, m.filter().map(Reference::sqlOf).orElse(null));
            if (m instanceof Metric.Simple s) {
                return aggregate(model, s.measure(), keys, filter, bucket == null ? null
                        : "(" + bucket + " IS NULL AND t.ordered_at IS NULL OR CAST(date_trunc('" + grain.label()
                        + "', t.ordered_at) AS DATE) = " + bucket + ")");
            }
            if (m instanceof Metric.Cumulative c) {
                String end = "(" + bucket + " + INTERVAL 1 " + grain.label() + ")";
                String start = c.window().map(w -> "t.ordered_at >= " + end + " - INTERVAL " + w.count() + " "
                                + w.grain().label())
                        .orElse(c.grainToDate().map(gr -> "t.ordered_at >= date_trunc('" + gr.label() + "', " + bucket
                                + ")").orElse("TRUE"));
                return "CASE WHEN " + bucket + " IS NULL THEN NULL ELSE " + aggregate(model, c.measure(), keys, filter,
                        "t.ordered_at < " + end + " AND " + start) + " END";
            }
            if (m instanceof Metric.Ratio r) {
                return "(CAST(" + metric(model, r.numerator(), keys, bucket, grain, filter) + " AS DOUBLE) / NULLIF("
                        + metric(model, r.denominator(), keys, bucket, grain, filter) + ", 0))";
            }
            Metric.Derived d = (Metric.Derived) m;
            String expr = sqlOf(d.expr());
            List<String> values = new ArrayList<>();
            for (MetricInput in : d.inputs()) {
                String b = in.offset().map(o -> "CAST(" + bucket + " - INTERVAL " + o.count() + " " + o.grain().label()
                        + " AS DATE)").orElse(bucket);
                String v = "CAST(" + metric(model, in.metric(), keys, b, grain, filter) + " AS DOUBLE)";
                if (in.offset().isPresent()) {
                    v = "CASE WHEN " + bucket + " IS NULL THEN NULL ELSE " + v + " END";
                }
                expr = expr.replaceAll("\\b" + in.alias() + "\\b", "\\$" + values.size() + "\\$");
                values.add(v);
            }
            for (int i = 0; i < values.size(); i++) {
                expr = expr.replace("$" + i + "$", values.get(i));
            }
            return expr;
        }

        private static String aggregate(SemanticModel model, String measure, List<String> keys, String filter,
                                        String time) {
            Measure me = model.measure(measure).orElseThrow();
            String value = sqlOf(me.expr());
            String agg = switch (me.aggregation()) {
                case SUM -> "sum(CAST(" + value + " AS DOUBLE))";
                case COUNT -> "count(" + value + ")";
                case COUNT_DISTINCT -> "count(DISTINCT " + value + ")";
                case MIN -> "min(CAST(" + value + " AS DOUBLE))";
                case MAX -> "max(CAST(" + value + " AS DOUBLE))";
                case AVERAGE -> "avg(CAST(" + value + " AS DOUBLE))";
            };
            List<String> where = new ArrayList<>();
            for (String k : keys) {
                String col = k.contains("__") ? "CAST(date_trunc('" + k.substring(k.indexOf("__") + 2) + "', t."
                        + k.substring(0, k.indexOf("__")) + ") AS DATE)" : "t." + k;
                where.add(col + " IS NOT DISTINCT FROM g." + k);
            }
            if (filter != null) {
                where.add(filter);
            }
            if (time != null) {
                where.add(time);
            }
            return "(SELECT " + agg + " FROM t" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + ")";
        }

        private static String and(String a, String b) {
            return a == null ? b : b == null ? a : "(" + a + ") AND (" + b + ")";
        }

        /** The expressions of this test print as SQL, but for division, which is null by zero in the SDK. */
        private static String sqlOf(Expr e) {
            if (e instanceof Expr.Arithmetic a) {
                return a.op() == dev.dataproduct.api.expr.ArithmeticOp.DIVIDE
                        ? "(" + sqlOf(a.left()) + " / NULLIF(" + sqlOf(a.right()) + ", 0))"
                        : "(" + sqlOf(a.left()) + " " + a.op().symbol() + " " + sqlOf(a.right()) + ")";
            }
            return e.toString();
        }
    }
}
