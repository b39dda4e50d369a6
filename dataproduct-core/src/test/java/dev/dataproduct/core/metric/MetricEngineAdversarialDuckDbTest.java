package dev.dataproduct.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.metric.Aggregation;
import dev.dataproduct.api.metric.Dimension;
import dev.dataproduct.api.metric.Measure;
import dev.dataproduct.api.metric.Metric;
import dev.dataproduct.api.metric.MetricInput;
import dev.dataproduct.api.metric.MetricQuery;
import dev.dataproduct.api.metric.SemanticModel;
import dev.dataproduct.api.metric.TimeGrain;
import dev.dataproduct.api.metric.TimeWindow;
import dev.dataproduct.api.schema.LogicalType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metric engine against DuckDB on data made to hurt: days before 1970, leap days, instants a
 * microsecond either side of midnight UTC, week, quarter and year boundaries, sparse days (gaps for
 * offsets and windows), nulls in every measure and dimension, a region whose measures are all null,
 * decimals, int64 values near 2^62, NaN, infinities and negative zero in doubles (no large values of
 * both signs, whose sum depends on the order of additions in any engine), unicode and empty
 * strings as dimension values, filters that keep nothing, and empty inputs. The time column is a
 * timestamp (microseconds, UTC) in one run and a date in another. The SQL reference is the one of
 * {@link MetricEngineAgreesWithDuckDbTest}, written from the documented meaning of each metric.
 */
class MetricEngineAdversarialDuckDbTest {
    private static final long SEED = Long.getLong("metric.seed", System.nanoTime());
    private static final String[] REGIONS = {"north", "Zürich", "zebra", "Ärger", "日本", "😀", "", "ghost"};
    private static final LocalDate[] ANCHORS = {
        LocalDate.of(1900, 3, 1), LocalDate.of(1965, 1, 4), LocalDate.of(1969, 12, 28), LocalDate.of(1969, 12, 29),
        LocalDate.of(1969, 12, 31), LocalDate.of(1970, 1, 1), LocalDate.of(1999, 12, 31), LocalDate.of(2000, 2, 29),
        LocalDate.of(2020, 2, 29), LocalDate.of(2023, 12, 31), LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 29),
        LocalDate.of(2024, 3, 31), LocalDate.of(2024, 6, 30), LocalDate.of(2024, 7, 1), LocalDate.of(2024, 9, 30),
        LocalDate.of(2024, 12, 30), LocalDate.of(2025, 3, 1), LocalDate.of(2026, 1, 1)};
    private static final LocalTime[] TIMES = {LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_000),
        LocalTime.of(0, 0, 0, 1_000), LocalTime.NOON};
    private static final double[] ODD_DOUBLES = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, 1e300};

    static final SemanticModel MODEL = SemanticModel.builder("adversarial", "orders")
            .dimension(Dimension.categorical("region"),
                    Dimension.categorical("flag", LogicalType.BOOLEAN, Expr.col("flag")),
                    Dimension.categorical("shipped_on", LogicalType.DATE, Expr.col("shipped_on")),
                    Dimension.time("ordered_at"))
            .measure(Measure.sum("revenue", Expr.col("amount")),
                    Measure.count("order_count"),
                    Measure.of("quantities", Aggregation.COUNT, Expr.col("quantity")),
                    Measure.of("customer_count", Aggregation.COUNT_DISTINCT, Expr.col("customer")),
                    Measure.sum("big_sum", Expr.col("big")),
                    Measure.of("big_max", Aggregation.MAX, Expr.col("big")),
                    Measure.of("big_min", Aggregation.MIN, Expr.col("big")),
                    Measure.of("big_distinct", Aggregation.COUNT_DISTINCT, Expr.col("big")),
                    Measure.of("amount_min", Aggregation.MIN, Expr.col("amount")),
                    Measure.of("amount_avg", Aggregation.AVERAGE, Expr.col("amount")),
                    Measure.of("amount_distinct", Aggregation.COUNT_DISTINCT, Expr.col("amount")),
                    Measure.of("score_min", Aggregation.MIN, Expr.col("score")),
                    Measure.of("score_max", Aggregation.MAX, Expr.col("score")),
                    Measure.of("score_avg", Aggregation.AVERAGE, Expr.col("score")),
                    Measure.sum("score_sum", Expr.col("score")),
                    Measure.of("score_distinct", Aggregation.COUNT_DISTINCT, Expr.col("score")),
                    Measure.sum("line_value", Expr.col("amount").times(Expr.col("quantity"))),
                    Measure.of("quantity_avg", Aggregation.AVERAGE, Expr.col("quantity")),
                    Measure.of("flag_distinct", Aggregation.COUNT_DISTINCT, Expr.col("flag")),
                    Measure.of("day_distinct", Aggregation.COUNT_DISTINCT, Expr.col("shipped_on")))
            .metric(Metric.simple("revenue", "revenue"),
                    Metric.simple("line_value", "line_value"),
                    Metric.simple("quantity_avg", "quantity_avg"),
                    Metric.simple("flag_distinct", "flag_distinct"),
                    Metric.simple("day_distinct", "day_distinct"),
                    Metric.derived("percent_flagged", Expr.col("flagged").times(Expr.lit(100)).dividedBy(Expr.col("all")),
                            new MetricInput("flagged_revenue", "flagged", java.util.Optional.empty()),
                            new MetricInput("revenue", "all", java.util.Optional.empty())),
                    Metric.simple("orders", "order_count"),
                    Metric.simple("quantities", "quantities"),
                    Metric.simple("customers", "customer_count"),
                    Metric.simple("big_sum", "big_sum"),
                    Metric.simple("big_max", "big_max"),
                    Metric.simple("big_min", "big_min"),
                    Metric.simple("big_distinct", "big_distinct"),
                    Metric.simple("amount_min", "amount_min"),
                    Metric.simple("amount_avg", "amount_avg"),
                    Metric.simple("amount_distinct", "amount_distinct"),
                    Metric.simple("score_min", "score_min"),
                    Metric.simple("score_max", "score_max"),
                    Metric.simple("score_avg", "score_avg"),
                    Metric.simple("score_sum", "score_sum"),
                    Metric.simple("score_distinct", "score_distinct"),
                    Metric.simple("huge_orders", "order_count").where(Expr.col("quantity").gt(1000)),
                    Metric.simple("flagged_revenue", "revenue").where(Expr.col("flag").eq(true)),
                    Metric.ratio("revenue_per_huge_order", "revenue", "huge_orders"),
                    Metric.ratio("orders_per_revenue", "orders", "revenue"),
                    Metric.ratio("flagged_share", "flagged_revenue", "revenue"),
                    Metric.ratio("big_per_customer", "big_sum", "customers"),
                    Metric.derived("day_change", Expr.col("revenue").minus(Expr.col("before")),
                            MetricInput.of("revenue"),
                            MetricInput.offset("revenue", "before", TimeWindow.of(1, TimeGrain.DAY))),
                    Metric.derived("week_change", Expr.col("orders").minus(Expr.col("before")),
                            MetricInput.of("orders"),
                            MetricInput.offset("orders", "before", TimeWindow.of(1, TimeGrain.WEEK))),
                    Metric.derived("month_ratio", Expr.col("orders").dividedBy(Expr.col("before")),
                            MetricInput.of("orders"),
                            MetricInput.offset("orders", "before", TimeWindow.of(1, TimeGrain.MONTH))),
                    Metric.derived("quarter_change", Expr.col("revenue").minus(Expr.col("before")),
                            MetricInput.of("revenue"),
                            MetricInput.offset("revenue", "before", TimeWindow.of(1, TimeGrain.QUARTER))),
                    Metric.derived("year_ratio", Expr.col("customers").dividedBy(Expr.col("before")),
                            MetricInput.of("customers"),
                            MetricInput.offset("customers", "before", TimeWindow.of(1, TimeGrain.YEAR))),
                    Metric.derived("fortnight_change", Expr.col("orders").minus(Expr.col("before")),
                            MetricInput.of("orders"),
                            MetricInput.offset("orders", "before", TimeWindow.of(14, TimeGrain.DAY))),
                    Metric.derived("three_month_change", Expr.col("revenue").minus(Expr.col("before")),
                            MetricInput.of("revenue"),
                            MetricInput.offset("revenue", "before", TimeWindow.of(3, TimeGrain.MONTH))),
                    Metric.derived("twelve_month_ratio", Expr.col("orders").dividedBy(Expr.col("before")),
                            MetricInput.of("orders"),
                            MetricInput.offset("orders", "before", TimeWindow.of(12, TimeGrain.MONTH))),
                    Metric.cumulative("running_revenue", "revenue"),
                    Metric.cumulative("running_customers", "customer_count"),
                    Metric.cumulative("revenue_7d", "revenue").trailing(TimeWindow.of(7, TimeGrain.DAY)),
                    Metric.cumulative("orders_2w", "order_count").trailing(TimeWindow.of(2, TimeGrain.WEEK)),
                    Metric.cumulative("score_min_3m", "score_min").trailing(TimeWindow.of(3, TimeGrain.MONTH)),
                    Metric.cumulative("amount_avg_1y", "amount_avg").trailing(TimeWindow.of(1, TimeGrain.YEAR)),
                    Metric.cumulative("revenue_wtd", "revenue").toDate(TimeGrain.WEEK),
                    Metric.cumulative("revenue_mtd", "revenue").toDate(TimeGrain.MONTH),
                    Metric.cumulative("customers_qtd", "customer_count").toDate(TimeGrain.QUARTER),
                    Metric.cumulative("orders_ytd", "order_count").toDate(TimeGrain.YEAR))
            .build();

    private static final List<String> PLAIN = List.of("revenue", "orders", "quantities", "customers", "big_sum",
            "big_max", "big_min", "big_distinct", "amount_min", "amount_avg", "amount_distinct", "score_min",
            "score_max", "score_avg", "score_sum", "score_distinct", "huge_orders", "flagged_revenue",
            "revenue_per_huge_order", "orders_per_revenue", "flagged_share", "big_per_customer", "line_value",
            "quantity_avg", "flag_distinct", "day_distinct", "percent_flagged");
    private static final List<String> SHIFTED = List.of("day_change", "week_change", "month_ratio", "quarter_change",
            "year_ratio", "revenue");
    private static final List<String> CUMULATIVE = List.of("running_revenue", "running_customers", "revenue_7d",
            "orders_2w", "score_min_3m", "amount_avg_1y", "orders_ytd");

    /** Whether timestamps are nanoseconds in a vector zoned Europe/Paris (the instants are the same). */
    private boolean nanosInParis;
    private BufferAllocator allocator;
    private final List<VectorSchemaRoot> batches = new ArrayList<>();
    private Connection duck;

    @BeforeEach
    void open() throws Exception {
        allocator = new RootAllocator();
        duck = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterEach
    void close() throws Exception {
        batches.forEach(VectorSchemaRoot::close);
        duck.close();
        allocator.close();
    }

    @Test
    void metricsOverTimestampsAgreeWithDuckDbOnHostileData() throws Exception {
        load(true, 3_000, 700, SEED);
        checkAll();
    }

    @Test
    void metricsOverDatesAgreeWithDuckDbOnHostileData() throws Exception {
        load(false, 3_000, 512, SEED + 1);
        checkAll();
    }

    @Test
    void timestampsOfAnotherUnitAndZoneAreCutIntoDaysInUtc() throws Exception {
        nanosInParis = true;
        load(true, 1_500, 400, SEED + 2);
        for (TimeGrain g : TimeGrain.values()) {
            check(MetricQuery.of("revenue", "orders", "customers").by("region").by("ordered_at", g).build());
        }
        check(MetricQuery.of("running_revenue", "revenue_7d", "orders_ytd", "day_change").by("ordered_at",
                TimeGrain.DAY).build());
    }

    @Test
    void emptyInputsGiveNoGroupsAndOneRowOverEverything() throws Exception {
        load(true, 0, 100, SEED);
        check(MetricQuery.of(PLAIN.toArray(String[]::new)).build());
        check(MetricQuery.of(PLAIN.toArray(String[]::new)).by("region").by("ordered_at", TimeGrain.MONTH).build());
        check(MetricQuery.of(CUMULATIVE.toArray(String[]::new)).by("ordered_at", TimeGrain.DAY).build());
        // a batch of no rows is an empty input too
        batches.add(rows(true, 0, new SplittableRandom(SEED), null));
        check(MetricQuery.of(PLAIN.toArray(String[]::new)).by("flag").build());
        check(MetricQuery.of(PLAIN.toArray(String[]::new)).build());
    }

    @Test
    void minimumSkipsNaNAsSqlDoesUnlessEveryValueIsNaN() throws Exception {
        load(true, 0, 100, SEED);
        VarCharVector region = new VarCharVector("region", allocator);
        Float8Vector score = new Float8Vector("score", allocator);
        region.allocateNew();
        score.allocateNew();
        String[] regions = {"a", "a", "a", "b", "b"};
        double[] scores = {Double.NaN, 2.0, Double.NaN, Double.NaN, Double.NaN};
        try (Statement s = duck.createStatement()) {
            for (int i = 0; i < regions.length; i++) {
                region.setSafe(i, regions[i].getBytes(StandardCharsets.UTF_8));
                score.setSafe(i, scores[i]);
                s.execute("INSERT INTO orders (region, score) VALUES ('" + regions[i] + "', '" + scores[i]
                        + "'::DOUBLE)");
            }
        }
        region.setValueCount(regions.length);
        score.setValueCount(regions.length);
        VectorSchemaRoot root = new VectorSchemaRoot(List.<FieldVector>of(region, score));
        root.setRowCount(regions.length);
        batches.add(root);
        check(MetricQuery.of("score_min", "score_max", "score_sum", "score_distinct").by("region").build());
        try (VectorSchemaRoot answer = MetricEngine.of(MODEL, allocator).compute(
                MetricQuery.of("score_min").by("region").build(), cursor(), new Principal("t", Set.of(), Map.of()))) {
            assertEquals(2.0, ((Float8Vector) answer.getVector("score_min")).get(0));
            assertEquals(Double.NaN, ((Float8Vector) answer.getVector("score_min")).get(1));
        }
    }

    private void checkAll() throws Exception {
        for (TimeGrain g : TimeGrain.values()) {
            check(MetricQuery.of(PLAIN.toArray(String[]::new)).by("region").by("ordered_at", g).build());
        }
        check(MetricQuery.of(PLAIN.toArray(String[]::new)).build());
        check(MetricQuery.of(PLAIN.toArray(String[]::new)).by("flag").by("shipped_on").build());
        check(MetricQuery.of("revenue", "customers", "score_min").by("shipped_on").by("region").build());
        check(MetricQuery.of("day_change", "week_change", "month_ratio", "quarter_change", "year_ratio")
                .by("ordered_at", TimeGrain.DAY).build());
        check(MetricQuery.of("month_ratio", "quarter_change", "year_ratio").by("region")
                .by("ordered_at", TimeGrain.MONTH).build());
        check(MetricQuery.of("quarter_change", "year_ratio").by("flag").by("ordered_at", TimeGrain.QUARTER).build());
        check(MetricQuery.of("year_ratio", "revenue").by("ordered_at", TimeGrain.YEAR).build());
        check(MetricQuery.of("week_change", "revenue").by("region").by("ordered_at", TimeGrain.WEEK).build());
        // offsets that are a whole number of the query's buckets though of a finer grain
        check(MetricQuery.of("fortnight_change").by("region").by("ordered_at", TimeGrain.WEEK).build());
        check(MetricQuery.of("three_month_change", "twelve_month_ratio").by("ordered_at", TimeGrain.QUARTER).build());
        check(MetricQuery.of("twelve_month_ratio").by("flag").by("ordered_at", TimeGrain.YEAR).build());
        List<String> all = new ArrayList<>(CUMULATIVE);
        all.addAll(List.of("revenue_wtd", "revenue_mtd", "customers_qtd"));
        check(MetricQuery.of(all.toArray(String[]::new)).by("region").by("ordered_at", TimeGrain.DAY).build());
        check(MetricQuery.of("running_revenue", "revenue_7d", "orders_2w", "revenue_wtd").by("ordered_at",
                TimeGrain.WEEK).build());
        check(MetricQuery.of("running_customers", "score_min_3m", "amount_avg_1y", "revenue_mtd", "customers_qtd",
                "orders_ytd").by("flag").by("ordered_at", TimeGrain.MONTH).build());
        check(MetricQuery.of("customers_qtd", "orders_ytd", "amount_avg_1y").by("ordered_at", TimeGrain.QUARTER)
                .build());
        check(MetricQuery.of("orders_ytd", "running_revenue").by("ordered_at", TimeGrain.YEAR).build());
        // filters that keep nothing: no group at all, or the one row over everything
        Expr nothing = Expr.col("quantity").gt(1_000_000);
        check(MetricQuery.of(PLAIN.toArray(String[]::new)).by("region").where(nothing).build());
        check(MetricQuery.of(PLAIN.toArray(String[]::new)).where(nothing).build());
        check(MetricQuery.of(SHIFTED.toArray(String[]::new)).by("ordered_at", TimeGrain.DAY).where(nothing).build());
        check(MetricQuery.of("revenue", "running_revenue", "day_change").by("region").by("ordered_at", TimeGrain.DAY)
                .where(Expr.col("region").eq("ghost").or(Expr.col("score").isNull())).build());
    }

    // ---- data --------------------------------------------------------------------------------------

    private void load(boolean timestamps, int total, int batch, long seed) throws Exception {
        System.out.println(getClass().getSimpleName() + " seed: " + seed + " (rerun with -Dmetric.seed=" + SEED + ")");
        try (Statement s = duck.createStatement()) {
            s.execute("CREATE TABLE orders (region VARCHAR, flag BOOLEAN, shipped_on DATE, ordered_at "
                    + (timestamps ? "TIMESTAMP" : "DATE") + ", amount DECIMAL(18, 2), quantity INTEGER, "
                    + "customer VARCHAR, big BIGINT, score DOUBLE)");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        try (PreparedStatement insert = duck.prepareStatement("INSERT INTO orders VALUES (?, ?, CAST(? AS DATE), CAST(? AS "
                + (timestamps ? "TIMESTAMP" : "DATE") + "), ?, ?, ?, ?, ?)")) {
            for (int done = 0; done < total; done += batch) {
                batches.add(rows(timestamps, Math.min(batch, total - done), rnd, insert));
            }
            insert.executeBatch();
        }
    }

    private VectorSchemaRoot rows(boolean timestamps, int n, SplittableRandom rnd, PreparedStatement insert)
            throws Exception {
        VarCharVector region = new VarCharVector("region", allocator);
        BitVector flag = new BitVector("flag", allocator);
        DateDayVector shippedOn = new DateDayVector("shipped_on", allocator);
        FieldVector orderedAt = !timestamps ? new DateDayVector("ordered_at", allocator) : nanosInParis
                ? new org.apache.arrow.vector.TimeStampNanoTZVector("ordered_at", allocator, "Europe/Paris")
                : new TimeStampMicroTZVector("ordered_at", allocator, "UTC");
        DecimalVector amount = new DecimalVector("amount", allocator, 18, 2);
        IntVector quantity = new IntVector("quantity", allocator);
        VarCharVector customer = new VarCharVector("customer", allocator);
        BigIntVector big = new BigIntVector("big", allocator);
        Float8Vector score = new Float8Vector("score", allocator);
        List<FieldVector> vs = List.of(region, flag, shippedOn, orderedAt, amount, quantity, customer, big, score);
        vs.forEach(FieldVector::allocateNew);
        for (int i = 0; i < n; i++) {
            String r = rnd.nextInt(15) == 0 ? null : REGIONS[rnd.nextInt(REGIONS.length)];
            boolean ghost = "ghost".equals(r);
            Boolean f = rnd.nextInt(6) == 0 ? null : rnd.nextBoolean();
            LocalDateTime at = rnd.nextInt(30) == 0 ? null : instant(rnd);
            LocalDate ship = at == null || rnd.nextInt(8) == 0 ? null : at.toLocalDate().plusDays(rnd.nextInt(3));
            BigDecimal a = ghost || rnd.nextInt(10) == 0 ? null
                    : BigDecimal.valueOf(rnd.nextLong(-10_000_000L, 10_000_000_000L), 2);
            Integer q = ghost || rnd.nextInt(10) == 0 ? null : rnd.nextInt(0, 12);
            String cu = rnd.nextInt(8) == 0 ? null : "c" + rnd.nextInt(40);
            Long b = ghost || rnd.nextInt(9) == 0 ? null : (1L << 62) - rnd.nextLong(1_000_000L);
            Double sc = ghost || rnd.nextInt(9) == 0 ? null : rnd.nextInt(10) == 0
                    ? ODD_DOUBLES[rnd.nextInt(ODD_DOUBLES.length)] : rnd.nextInt(-50, 50) / 4.0;
            if (r == null) { region.setNull(i); } else { region.setSafe(i, r.getBytes(StandardCharsets.UTF_8)); }
            if (f == null) { flag.setNull(i); } else { flag.setSafe(i, f ? 1 : 0); }
            if (ship == null) { shippedOn.setNull(i); } else { shippedOn.setSafe(i, (int) ship.toEpochDay()); }
            if (at == null) {
                orderedAt.setNull(i);
            } else if (orderedAt instanceof TimeStampMicroTZVector ts) {
                ts.setSafe(i, at.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + at.getNano() / 1_000);
            } else if (orderedAt instanceof org.apache.arrow.vector.TimeStampNanoTZVector ts) {
                ts.setSafe(i, at.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + at.getNano());
            } else {
                ((DateDayVector) orderedAt).setSafe(i, (int) at.toLocalDate().toEpochDay());
            }
            if (a == null) { amount.setNull(i); } else { amount.setSafe(i, a); }
            if (q == null) { quantity.setNull(i); } else { quantity.setSafe(i, q); }
            if (cu == null) { customer.setNull(i); } else { customer.setSafe(i, cu.getBytes(StandardCharsets.UTF_8)); }
            if (b == null) { big.setNull(i); } else { big.setSafe(i, b); }
            if (sc == null) { score.setNull(i); } else { score.setSafe(i, sc); }
            if (insert != null) {
                insert.setObject(1, r);
                insert.setObject(2, f);
                insert.setObject(3, ship == null ? null : ship.toString());
                insert.setObject(4, at == null ? null : timestamps ? at.toString().replace('T', ' ')
                        : at.toLocalDate().toString());
                insert.setObject(5, a);
                insert.setObject(6, q);
                insert.setObject(7, cu);
                insert.setObject(8, b);
                insert.setObject(9, sc);
                insert.addBatch();
            }
        }
        vs.forEach(v -> v.setValueCount(n));
        VectorSchemaRoot root = new VectorSchemaRoot(vs);
        root.setRowCount(n);
        return root;
    }

    /** Mostly a few days either side of a boundary, a time of day at midnight's edges; gaps between. */
    private static LocalDateTime instant(SplittableRandom rnd) {
        LocalDate day = ANCHORS[rnd.nextInt(ANCHORS.length)].plusDays(rnd.nextInt(-9, 10));
        LocalTime time = rnd.nextInt(3) == 0 ? LocalTime.ofNanoOfDay(rnd.nextLong(86_400_000_000L) * 1_000)
                : TIMES[rnd.nextInt(TIMES.length)];
        return day.atTime(time);
    }

    // ---- comparison -----------------------------------------------------------------------------------

    private void check(MetricQuery q) throws Exception {
        String sql = MetricEngineAgreesWithDuckDbTest.Reference.sql(MODEL, q);
        if (q.groupBy().isEmpty()) {
            // with no group the answer is one row over everything, as SQL's aggregate without GROUP BY
            sql = sql.replace("SELECT DISTINCT 1 AS one FROM t", "SELECT 1 AS one");
        }
        List<List<Object>> expected = MetricAnswers.ofSql(duck, sql);
        List<List<Object>> actual;
        try (VectorSchemaRoot answer = MetricEngine.of(MODEL, allocator).compute(q, cursor(),
                new Principal("test", Set.of(), Map.of()))) {
            actual = MetricAnswers.ofAnswer(answer);
            assertEquals(MetricEngine.columns(MODEL, q).keySet().stream().toList(),
                    answer.getSchema().getFields().stream().map(f -> f.getName()).toList());
        }
        String where = "query " + q + " where " + q.filter().map(Object::toString).orElse("-") + " (seed " + SEED
                + ")\n" + (sql.length() > 600 ? sql.substring(0, 600) + "..." : sql);
        MetricAnswers.assertSameRows(expected, actual, where);
    }

    private BatchCursor cursor() {
        return MetricAnswers.over(batches);
    }
}
