package dev.dataproduct.benchmarks;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.join.Cardinality;
import dev.dataproduct.api.join.ConformedKey;
import dev.dataproduct.api.join.JoinType;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.join.HashJoin;
import dev.dataproduct.core.join.JoinedRows;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The SDK's hash join against DuckDB's over the same rows: {@code facts} (10M rows: a customer key
 * spread over 1.1M values, so about 9% of the facts match no customer, and an amount) joined
 * many-to-one with {@code customers} (1M rows, one per key, and a segment) on the conformed key
 * {@code customer}, inner. Each side computes count, sum of amounts and sum of segments of the
 * joined rows, so neither hands rows to a client; the answers are compared. The rows are a formula of
 * the row number, computed by the benchmark into Arrow batches of 65,536 rows and by DuckDB into
 * native tables (neither timed). Both the wall clock and the process's CPU time are measured around
 * each side; the last line, {@code ratio join/duckdb: X.XX}, is the ratio of the median CPU times,
 * since on a shared machine the wall clock mostly measures the wait for a core (the wall-clock ratio
 * is printed just before it).
 *
 * <p>System properties: {@code joinrows} (10,000,000 facts), {@code joinkeys} (1,000,000 customers),
 * {@code joingap} (1: customer keys 0, 1, 2...; 10 spaces them out, so that they are looked up in the
 * hash table instead of indexed directly by value), {@code warmups} (2), {@code runs} (5), {@code jointhreads} (DuckDB's threads; 1, as the SDK's join runs
 * on one thread).
 */
final class JoinBenchmark {
    static final ConformedKey CUSTOMER = ConformedKey.of("customer", LogicalType.INT64);
    static final Schema FACTS = Schema.of(
            Field.builder("customer", LogicalType.INT64).required().conformedKey("customer").build(),
            Field.of("amount", LogicalType.INT64, true));
    static final Schema CUSTOMERS = Schema.of(
            Field.builder("customer_id", LogicalType.INT64).required().conformedKey("customer").build(),
            Field.of("segment", LogicalType.INT32, true));
    static final int BATCH = 65_536;
    /** Spreads the row numbers over the keys in a scattered order, as real facts reference customers. */
    static final long SPREAD = 2_654_435_761L;

    private JoinBenchmark() {
    }

    static void run(PrintStream out) throws SQLException {
        long rows = Long.getLong("joinrows", 10_000_000L);
        long keys = Long.getLong("joinkeys", 1_000_000L);
        long domain = keys + keys / 10;
        // more runs than the other benchmarks: CPU time is read in 10 ms ticks, and one collection or
        // compilation in one of five runs of about 120 ms moved the median by a third
        int warmups = Integer.getInteger("joinwarmups", 3);
        int runs = Integer.getInteger("joinruns", 15);
        int threads = Integer.getInteger("jointhreads", 1);
        long gap = Long.getLong("joingap", 1L);
        out.printf(Locale.ROOT, "facts=%,d customers=%,d key gap=%d warmups=%d runs=%d duckdb threads=%d cores=%d "
                + "java=%s%n", rows, keys, gap, warmups, runs, threads, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        try (BufferAllocator allocator = new RootAllocator();
             Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            List<VectorSchemaRoot> facts = new ArrayList<>();
            List<VectorSchemaRoot> customers = new ArrayList<>();
            try {
                for (long from = 0; from < rows; from += BATCH) {
                    facts.add(facts(from, (int) Math.min(BATCH, rows - from), domain, gap, allocator));
                }
                for (long from = 0; from < keys; from += BATCH) {
                    customers.add(customers(from, (int) Math.min(BATCH, keys - from), gap, allocator));
                }
                try (Statement s = duck.createStatement()) {
                    s.execute("SET threads = " + threads);
                    s.execute("CREATE TABLE facts AS SELECT ((i * " + SPREAD + ") % " + domain + ") * " + gap
                            + " AS customer, i % 1000 AS amount FROM range(" + rows + ") t(i)");
                    s.execute("CREATE TABLE customers AS SELECT i * " + gap + " AS customer_id, (i % 100)::INTEGER "
                            + "AS segment FROM range(" + keys + ") t(i)");
                }
                Dataset factSet = Dataset.of("facts", FACTS, facts);
                Dataset customerSet = Dataset.of("customers", CUSTOMERS, customers);
                QualityBenchmark.Timings sdk = new QualityBenchmark.Timings();
                QualityBenchmark.Timings duckdb = new QualityBenchmark.Timings();
                QualityBenchmark.Timings sdkCpu = new QualityBenchmark.Timings();
                QualityBenchmark.Timings duckdbCpu = new QualityBenchmark.Timings();
                long[] ours = null;
                long[] theirs = null;
                for (int i = 0; i < warmups + runs; i++) {
                    System.gc();
                    long ca = cpu();
                    long a = System.nanoTime();
                    ours = join(factSet, customerSet, allocator);
                    long b = System.nanoTime();
                    long cb = cpu();
                    System.gc();
                    long cc = cpu();
                    long c = System.nanoTime();
                    theirs = duckdb(duck);
                    long d = System.nanoTime();
                    long cd = cpu();
                    if (i >= warmups) {
                        sdk.add(b - a);
                        duckdb.add(d - c);
                        sdkCpu.add(cb - ca);
                        duckdbCpu.add(cd - cc);
                    }
                }
                if (!java.util.Arrays.equals(ours, theirs)) {
                    throw new IllegalStateException("the answers differ: SDK " + java.util.Arrays.toString(ours)
                            + ", DuckDB " + java.util.Arrays.toString(theirs));
                }
                out.printf(Locale.ROOT, "answers agree: %,d joined rows, sum(amount) %,d, sum(segment) %,d%n", ours[0],
                        ours[1], ours[2]);
                out.printf(Locale.ROOT, "sdk hash join: median %8.1f ms  min %8.1f  max %8.1f  runs %s%n", sdk.median(),
                        sdk.min(), sdk.max(), sdk);
                out.printf(Locale.ROOT, "duckdb join:   median %8.1f ms  min %8.1f  max %8.1f  runs %s%n",
                        duckdb.median(), duckdb.min(), duckdb.max(), duckdb);
                out.printf(Locale.ROOT, "sdk cpu:       median %8.1f ms  min %8.1f  max %8.1f  runs %s%n", sdkCpu.median(),
                        sdkCpu.min(), sdkCpu.max(), sdkCpu);
                out.printf(Locale.ROOT, "duckdb cpu:    median %8.1f ms  min %8.1f  max %8.1f  runs %s%n",
                        duckdbCpu.median(), duckdbCpu.min(), duckdbCpu.max(), duckdbCpu);
                out.printf(Locale.ROOT, "ratio join/duckdb (wall clock): %.2f%n", sdk.median() / duckdb.median());
                out.printf(Locale.ROOT, "ratio join/duckdb: %.2f%n", sdkCpu.median() / duckdbCpu.median());
            } finally {
                facts.forEach(VectorSchemaRoot::close);
                customers.forEach(VectorSchemaRoot::close);
            }
        }
    }

    /**
     * The CPU time of the whole process, every thread (DuckDB's and the JVM's own) included: on a
     * machine shared with other work the wall clock mostly measures waiting for a core.
     */
    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The SDK's join, aggregated as the output batches stream by. */
    static long[] join(Dataset facts, Dataset customers, BufferAllocator allocator) {
        HashJoin join = HashJoin.builder(facts, customers).on(CUSTOMER).cardinality(Cardinality.MANY_TO_ONE)
                .type(JoinType.INNER).build();
        long[] total = new long[3];
        try (JoinedRows rows = join.run(allocator)) {
            rows.forEachBatch(batch -> {
                BigIntVector amount = (BigIntVector) batch.getVector("amount");
                IntVector segment = (IntVector) batch.getVector("segment");
                int n = batch.getRowCount();
                long sa = 0;
                long ss = 0;
                for (int i = 0; i < n; i++) {
                    sa += amount.get(i);
                    ss += segment.get(i);
                }
                total[0] += n;
                total[1] += sa;
                total[2] += ss;
            });
        }
        return total;
    }

    static long[] duckdb(Connection duck) throws SQLException {
        try (Statement s = duck.createStatement(); ResultSet r = s.executeQuery("SELECT count(*), sum(f.amount), "
                + "sum(c.segment) FROM facts f JOIN customers c ON f.customer = c.customer_id")) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2), r.getLong(3)};
        }
    }

    static VectorSchemaRoot facts(long from, int n, long domain, long gap, BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(FACTS.toArrow(), allocator);
        BigIntVector customer = (BigIntVector) root.getVector("customer");
        BigIntVector amount = (BigIntVector) root.getVector("amount");
        customer.allocateNew(n);
        amount.allocateNew(n);
        for (int i = 0; i < n; i++) {
            long row = from + i;
            customer.set(i, (row * SPREAD) % domain * gap);
            amount.set(i, row % 1000);
        }
        root.setRowCount(n);
        return root;
    }

    static VectorSchemaRoot customers(long from, int n, long gap, BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(CUSTOMERS.toArrow(), allocator);
        BigIntVector id = (BigIntVector) root.getVector("customer_id");
        IntVector segment = (IntVector) root.getVector("segment");
        id.allocateNew(n);
        segment.allocateNew(n);
        for (int i = 0; i < n; i++) {
            long row = from + i;
            id.set(i, row * gap);
            segment.set(i, (int) (row % 100));
        }
        root.setRowCount(n);
        return root;
    }
}
