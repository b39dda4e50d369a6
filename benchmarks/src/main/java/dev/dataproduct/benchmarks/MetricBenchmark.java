package dev.dataproduct.benchmarks;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.metric.Aggregation;
import dev.dataproduct.api.metric.Dimension;
import dev.dataproduct.api.metric.Measure;
import dev.dataproduct.api.metric.Metric;
import dev.dataproduct.api.metric.MetricQuery;
import dev.dataproduct.api.metric.SemanticModel;
import dev.dataproduct.api.metric.TimeGrain;
import dev.dataproduct.core.metric.MetricEngine;
import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A metric query, three metrics by two dimensions at month grain (gross revenue, a sum of
 * {@code price * quantity}; orders, a row count; average discount, nulls skipped; by category and
 * the month of {@code created_at}), answered by the metric engine over the generated orders in
 * memory and by DuckDB over the same rows in its own table, with the equivalent SQL, interleaved in
 * one run. Every answer of the engine is checked against DuckDB's. Ends with the line
 * {@code ratio metric/duckdb: X.XX}.
 *
 * <p>System properties: {@code rows} (10,000,000), {@code warmups} (2), {@code runs} (5),
 * {@code threads} (DuckDB's, 2), {@code seed} (42).
 */
final class MetricBenchmark {
    static final SemanticModel MODEL = SemanticModel.builder("orders", "orders")
            .dimension(Dimension.categorical("category"), Dimension.time("created_at"))
            .measure(Measure.sum("revenue", Expr.col("price").times(Expr.col("quantity"))),
                    Measure.count("order_count"),
                    Measure.of("discount", Aggregation.AVERAGE, Expr.col("discount")))
            .metric(Metric.simple("gross_revenue", "revenue"), Metric.simple("orders", "order_count"),
                    Metric.simple("average_discount", "discount"))
            .build();
    static final MetricQuery QUERY = MetricQuery.of("gross_revenue", "orders", "average_discount")
            .by("category").by("created_at", TimeGrain.MONTH).build();
    /**
     * Equivalent forms of the month of a UTC {@code TIMESTAMPTZ} (the session's zone is UTC): the
     * plain one goes through DuckDB's time zone calendar, the others around it. DuckDB is timed with
     * whichever is fastest in this run.
     */
    static final List<String> MONTHS = List.of("date_trunc('month', created_at)",
            "date_trunc('month', CAST(created_at AS TIMESTAMP))",
            "date_trunc('month', make_timestamp(epoch_us(created_at)))");

    static String sql(String month) {
        return "SELECT category, CAST(" + month + " AS DATE) AS created_at__month, "
                + "sum(price * quantity) AS gross_revenue, count(*) AS orders, avg(discount) AS average_discount "
                + "FROM " + DuckDbOrders.TABLE + " GROUP BY ALL ORDER BY category NULLS LAST, created_at__month NULLS LAST";
    }

    private MetricBenchmark() {
    }

    static void run(PrintStream out) throws Exception {
        long rows = Long.getLong("rows", 10_000_000L);
        int warmups = Integer.getInteger("warmups", 2);
        int runs = Integer.getInteger("runs", 5);
        int threads = Integer.getInteger("threads", 2);
        long seed = Long.getLong("seed", 42L);
        out.printf(Locale.ROOT, "rows=%,d warmups=%d runs=%d duckdbThreads=%d seed=%d cores=%d java=%s%n", rows, warmups,
                runs, threads, seed, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        out.println("query: " + QUERY.metrics() + " by " + QUERY.groupBy());
        Principal principal = Principal.of("bench", "all");
        try (BufferAllocator allocator = new RootAllocator(); DuckDbOrders duck = DuckDbOrders.open(threads)) {
            List<VectorSchemaRoot> batches = new OrdersGenerator(seed, rows).allBatches(allocator);
            try {
                duck.load(batches);
                String sql = fastest(duck, out);
                out.println("duckdb: " + sql);
                MetricEngine engine = MetricEngine.of(MODEL, allocator);
                QualityBenchmark.Timings mine = new QualityBenchmark.Timings();
                QualityBenchmark.Timings theirs = new QualityBenchmark.Timings();
                int groups = 0;
                for (int i = 0; i < warmups + runs; i++) {
                    System.gc();
                    long a = System.nanoTime();
                    List<List<Object>> engineRows;
                    try (VectorSchemaRoot answer = engine.compute(QUERY, cursor(batches), principal)) {
                        long b = System.nanoTime();
                        engineRows = rows(answer);
                        if (i >= warmups) {
                            mine.add(b - a);
                        }
                    }
                    System.gc();
                    long c = System.nanoTime();
                    List<List<Object>> duckRows = new ArrayList<>();
                    try (Statement s = duck.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
                        while (rs.next()) {
                            duckRows.add(List.of(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getDouble(3),
                                    rs.getLong(4), rs.getDouble(5)));
                        }
                    }
                    long d = System.nanoTime();
                    if (i >= warmups) {
                        theirs.add(d - c);
                    }
                    check(engineRows, duckRows);
                    groups = engineRows.size();
                }
                out.printf(Locale.ROOT, "answers agree: %d groups, every value checked%n", groups);
                out.printf(Locale.ROOT, "metric engine: median %8.1f ms  min %8.1f  max %8.1f  runs %s%n", mine.median(),
                        mine.min(), mine.max(), mine);
                out.printf(Locale.ROOT, "duckdb:        median %8.1f ms  min %8.1f  max %8.1f  runs %s%n",
                        theirs.median(), theirs.min(), theirs.max(), theirs);
                out.printf(Locale.ROOT, "ratio metric/duckdb: %.2f%n", mine.median() / theirs.median());
            } finally {
                batches.forEach(VectorSchemaRoot::close);
            }
        }
    }

    private static String fastest(DuckDbOrders duck, PrintStream out) throws java.sql.SQLException {
        String best = null;
        double bestMillis = Double.MAX_VALUE;
        for (String month : MONTHS) {
            double millis = Double.MAX_VALUE;
            for (int i = 0; i < 2; i++) {
                long a = System.nanoTime();
                try (Statement s = duck.connection().createStatement(); ResultSet rs = s.executeQuery(sql(month))) {
                    while (rs.next()) {
                        rs.getDouble(3);
                    }
                }
                millis = Math.min(millis, (System.nanoTime() - a) / 1e6);
            }
            out.printf(Locale.ROOT, "duckdb form %-60s %8.1f ms (not timed)%n", month, millis);
            if (millis < bestMillis) {
                bestMillis = millis;
                best = sql(month);
            }
        }
        return best;
    }

    private static List<List<Object>> rows(VectorSchemaRoot answer) {
        List<List<Object>> out = new ArrayList<>();
        for (int r = 0; r < answer.getRowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (FieldVector v : answer.getFieldVectors()) {
                Object x = v.getObject(r);
                row.add(x instanceof org.apache.arrow.vector.util.Text t ? t.toString()
                        : x instanceof Integer day ? LocalDate.ofEpochDay(day) : x);
            }
            out.add(row);
        }
        return out;
    }

    private static void check(List<List<Object>> engine, List<List<Object>> duck) {
        if (engine.size() != duck.size()) {
            throw new IllegalStateException("the engine answered " + engine.size() + " groups, DuckDB " + duck.size());
        }
        for (int r = 0; r < engine.size(); r++) {
            List<Object> e = engine.get(r);
            List<Object> d = duck.get(r);
            for (int c = 0; c < e.size(); c++) {
                Object x = e.get(c);
                Object y = d.get(c);
                boolean same = x instanceof Number a && y instanceof Number b
                        ? Math.abs(a.doubleValue() - b.doubleValue()) <= 1e-9 * Math.max(1, Math.abs(b.doubleValue()))
                        : String.valueOf(x).equals(String.valueOf(y));
                if (!same) {
                    throw new IllegalStateException("row " + r + ": engine " + e + ", DuckDB " + d);
                }
            }
        }
    }

    private static BatchCursor cursor(List<VectorSchemaRoot> batches) {
        return new BatchCursor() {
            private int at = -1;

            @Override
            public boolean next() {
                return ++at < batches.size();
            }

            @Override
            public VectorSchemaRoot batch() {
                return batches.get(at);
            }

            @Override
            public void close() {
            }
        };
    }
}
