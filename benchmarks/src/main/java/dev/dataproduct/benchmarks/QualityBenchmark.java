package dev.dataproduct.benchmarks;

import dev.dataproduct.api.quality.Check;
import dev.dataproduct.core.quality.QualityReport;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The quality engine against DuckDB over the same generated orders, with the same number of
 * threads: the engine evaluates a profile of checks over Arrow batches in memory, DuckDB computes
 * the same metrics in one aggregate query over its native in-memory table. Building the batches
 * and loading DuckDB are not timed. Runs are interleaved (engine, DuckDB, engine, ...) so that
 * noise from a shared machine falls on both alike, and the median of the measured runs is taken.
 *
 * <p>System properties: {@code rows} (default 10,000,000), {@code checks} (0 = the standard
 * profile of {@link CheckProfiles#standard()}, otherwise that many generated checks),
 * {@code warmups} (2), {@code runs} (5), {@code threads} (2), {@code seed} (42), and for the
 * scaling run {@code scale} (10,100,500).
 */
public final class QualityBenchmark {
    private final long rows;
    private final int threads;
    private final int warmups;
    private final int runs;
    private final long seed;
    private final PrintStream out;

    QualityBenchmark(long rows, int threads, int warmups, int runs, long seed, PrintStream out) {
        this.rows = rows;
        this.threads = threads;
        this.warmups = warmups;
        this.runs = runs;
        this.seed = seed;
        this.out = out;
    }

    static QualityBenchmark fromSystemProperties() {
        return new QualityBenchmark(Long.getLong("rows", 10_000_000L), Integer.getInteger("threads", 2),
                Integer.getInteger("warmups", 2), Integer.getInteger("runs", 5), Long.getLong("seed", 42L), System.out);
    }

    /**
     * Runs the benchmark of one profile; the last line printed is {@code ratio engine/duckdb: X.XX}.
     *
     * @param args ignored; see the system properties
     * @throws Exception if DuckDB fails
     */
    public static void main(String[] args) throws Exception {
        fromSystemProperties().quality(Integer.getInteger("checks", 0));
    }

    /** Times one profile and verifies its results. */
    void quality(int checkCount) throws SQLException {
        List<Check> checks = CheckProfiles.of(checkCount);
        withData((batches, duck) -> {
            Measured m = measure(checks, batches, duck, warmups, runs);
            List<Comparison.Row> rowsCompared = Comparison.compare(checks, m.report, m.duckdbValues,
                    duck.connection());
            out.println();
            Comparison.print(rowsCompared, checks.size() > 40, out);
            out.println();
            m.print(out, checks.size());
            if (rowsCompared.stream().anyMatch(r -> !r.ok())) {
                out.println("WARNING: the engine's values do not all match DuckDB's (see MISMATCH above)");
            }
            out.printf(Locale.ROOT, "ratio engine/duckdb: %.2f%n", m.ratio());
        });
    }

    /** Times profiles of a growing number of generated checks over the same data. */
    void scaling(int[] counts) throws SQLException {
        withData((batches, duck) -> {
            List<String> lines = new ArrayList<>();
            for (int n : counts) {
                List<Check> checks = CheckProfiles.generated(n);
                out.println();
                out.println("== " + n + " checks ==");
                Measured m = measure(checks, batches, duck, warmups, runs);
                List<Comparison.Row> compared = Comparison.compare(checks, m.report, m.duckdbValues,
                        duck.connection());
                Comparison.print(compared, true, out);
                m.print(out, n);
                long bad = compared.stream().filter(r -> !r.ok()).count();
                lines.add(String.format(Locale.ROOT, "%7d | %10.0f | %10.0f | %6.2f | %12.2f | %s", n,
                        m.engine.median(), m.duckdb.median(), m.ratio(), m.engine.median() / n,
                        bad == 0 ? "all " + n + " ok" : bad + " MISMATCHED"));
            }
            out.println();
            out.println(" checks |  engine ms |  duckdb ms |  ratio | engine ms/ck | verified");
            out.println("--------+------------+------------+--------+--------------+---------");
            lines.forEach(out::println);
        });
    }

    /** Times each check of a profile alone, on both sides, to see where the time goes. */
    void kernels(int checkCount) throws SQLException {
        List<Check> checks = CheckProfiles.of(checkCount);
        withData((batches, duck) -> {
            record Line(String name, double engine, double duckdb) { }
            List<Line> lines = new ArrayList<>();
            for (Check c : checks) {
                Measured m = measure(List.of(c), batches, duck, Math.min(warmups, 1), runs);
                lines.add(new Line(shortName(c.name()), m.engine.median(), m.duckdb.median()));
                out.printf(Locale.ROOT, "  %-60s engine %8.0f ms   duckdb %8.0f ms%n", shortName(c.name()),
                        m.engine.median(),
                        m.duckdb.median());
            }
            Measured all = measure(checks, batches, duck, Math.min(warmups, 1), runs);
            lines.sort(Comparator.comparingDouble(Line::engine).reversed());
            out.println();
            out.println("each check alone (a pass of its own), slowest first for the engine:");
            out.printf(Locale.ROOT, "%-60s | %9s | %9s | %6s%n", "check", "engine ms", "duckdb ms", "ratio");
            for (Line l : lines) {
                out.printf(Locale.ROOT, "%-60s | %9.0f | %9.0f | %6.2f%n", l.name, l.engine, l.duckdb,
                        l.engine / l.duckdb);
            }
            out.printf(Locale.ROOT, "%-60s | %9.0f | %9.0f | %6.2f%n", "all " + checks.size() + " in one pass",
                    all.engine.median(), all.duckdb.median(), all.ratio());
        });
    }

    private static String shortName(String name) {
        return name.length() > 60 ? name.substring(0, 57) + "..." : name;
    }

    interface DataUser {
        void use(List<VectorSchemaRoot> batches, DuckDbOrders duck) throws SQLException;
    }

    /** Generates the orders once, loads them into DuckDB, and hands both to the benchmark. */
    private void withData(DataUser user) throws SQLException {
        out.printf(Locale.ROOT, "rows=%,d threads=%d warmups=%d runs=%d seed=%d cores=%d java=%s maxHeap=%,d MiB%n",
                rows, threads, warmups, runs, seed, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        OrdersGenerator generator = new OrdersGenerator(seed, rows);
        try (BufferAllocator allocator = new RootAllocator()) {
            long t0 = System.nanoTime();
            List<VectorSchemaRoot> batches = generator.allBatches(allocator);
            try {
                out.printf(Locale.ROOT, "generated %d Arrow batches (%,d MiB) in %.1f s (not timed)%n", batches.size(),
                        allocator.getAllocatedMemory() >> 20, (System.nanoTime() - t0) / 1e9);
                try (DuckDbOrders duck = DuckDbOrders.open(threads)) {
                    long t1 = System.nanoTime();
                    duck.load(batches);
                    out.printf(Locale.ROOT, "loaded DuckDB table (threads=%d) in %.1f s (not timed)%n", threads,
                            (System.nanoTime() - t1) / 1e9);
                    user.use(batches, duck);
                }
            } finally {
                batches.forEach(VectorSchemaRoot::close);
            }
        }
    }

    /** Interleaved warm-up and measured runs of both sides. */
    Measured measure(List<Check> checks, List<VectorSchemaRoot> batches, DuckDbOrders duck, int warm, int measured)
            throws SQLException {
        String sql = MetricSql.timedQuery(checks);
        Timings engine = new Timings();
        Timings duckdb = new Timings();
        QualityReport report = null;
        double[] values = null;
        for (int i = 0; i < warm + measured; i++) {
            System.gc();
            long t0 = System.nanoTime();
            report = Engine.evaluate(checks, batches, threads);
            long t1 = System.nanoTime();
            System.gc();
            long t2 = System.nanoTime();
            values = Comparison.query(duck.connection(), sql, checks.size());
            long t3 = System.nanoTime();
            if (i >= warm) {
                engine.add(t1 - t0);
                duckdb.add(t3 - t2);
            }
        }
        return new Measured(engine, duckdb, report, values);
    }

    record Measured(Timings engine, Timings duckdb, QualityReport report, double[] duckdbValues) {
        double ratio() {
            return engine.median() / duckdb.median();
        }

        void print(PrintStream out, int checks) {
            out.printf(Locale.ROOT, "engine (%d checks, one pass):  median %8.1f ms  min %8.1f  max %8.1f  runs %s%n",
                    checks, engine.median(), engine.min(), engine.max(), engine);
            out.printf(Locale.ROOT, "duckdb (%d aggregates, 1 query): median %8.1f ms  min %8.1f  max %8.1f  runs %s%n",
                    checks, duckdb.median(), duckdb.min(), duckdb.max(), duckdb);
        }
    }

    /** Wall-clock times of measured runs, in milliseconds. */
    static final class Timings {
        private final List<Double> millis = new ArrayList<>();

        void add(long nanos) {
            millis.add(nanos / 1e6);
        }

        double median() {
            double[] s = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }

        double min() {
            return millis.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double max() {
            return millis.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        @Override
        public String toString() {
            return Arrays.toString(millis.stream().mapToLong(Math::round).toArray());
        }
    }
}
