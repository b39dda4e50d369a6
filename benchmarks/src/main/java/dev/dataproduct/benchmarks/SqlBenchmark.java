package dev.dataproduct.benchmarks;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.access.Target;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.ports.sql.SqlPort;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.duckdb.DuckDBConnection;

/**
 * A scan-and-aggregate query through the SQL port, as a principal with a policy (a row filter and a
 * mask), against plain DuckDB over the very rows that principal sees, with no policy, the same
 * threads and the same memory limit. Two measures, both printed:
 * <ul>
 *   <li><b>query</b>: the query alone, on a session already open, against the query on a DuckDB
 *       table already loaded;</li>
 *   <li><b>session</b>: {@code connect} (read path, policy, load into the session's database, lock),
 *       the query, and close, against a fresh in-memory DuckDB loading the same rows from an Arrow
 *       stream, the query, and close.</li>
 * </ul>
 * Ends with {@code ratio sql/duckdb: X.XX}, the ratio of the query measure (the target, at most
 * 1.3); the line before gives the session measure.
 */
final class SqlBenchmark {
    private static final String QUERY = "SELECT label, count(*) AS n, sum(n) AS total, avg(x) AS mean,"
            + " count(DISTINCT email) AS emails FROM events GROUP BY label ORDER BY label";
    private static final DatasetSpec EVENTS = DatasetSpec.named("events")
            .field("id", LogicalType.STRING, f -> f.required())
            .field("n", LogicalType.INT64)
            .field("x", LogicalType.FLOAT64)
            .field("label", LogicalType.STRING)
            .field("region", LogicalType.STRING)
            .field("email", LogicalType.STRING)
            .build();
    private static final Principal ANALYST = new Principal("bench", java.util.Set.of("analyst"),
            java.util.Map.of("region", "north"));

    private SqlBenchmark() {
    }

    static void run(int rows, int warmups, int runs, PrintStream out) throws Exception {
        int threads = Math.min(4, Runtime.getRuntime().availableProcessors());
        String memory = "2GB";
        DataProduct product = DataProduct.builder("events").domain("bench").version("1.0.0")
                .owner(Owner.person("Bench", "bench@example.com")).purpose("Rows to query.")
                .input(new GeneratedEvents(EVENTS.schema(), rows, i -> new Object[] {"e" + i, (long) i * 7, i * 0.25,
                        i % 3 == 0 ? null : "label-" + (i % 97), i % 4 == 0 ? "south" : "north",
                        "user" + (i % 5000) + "@example.com"}))
                .output(EVENTS)
                .access(Policy.forDataset("events").mask(Target.field("email"), Mask.email())
                        .grant(Grant.to(Audience.role("analyst")).allColumns()
                                .rows(Expr.col("region").eq(Expr.principal("region"))))
                        .build())
                .transform(ctx -> ctx.input("events"))
                .build();
        out.printf(Locale.ROOT, "rows=%,d warmups=%d runs=%d threads=%d memory_limit=%s cores=%d%n", rows, warmups,
                runs, threads, memory, Runtime.getRuntime().availableProcessors());
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(new InMemorySnapshotStore()).build()) {
            SqlPort sql = SqlPort.builder().sessions(s -> s.threads(threads).memoryLimit(memory)).build();
            try (ProductHost host = ProductHost.builder(runtime, allocator).product(product).serve(sql)
                    .batchSize(65536).build()) {
                host.runAll();
                host.start();
                // the baseline's rows: what the analyst sees, taken once from the read path, as an Arrow stream
                byte[] seen = seenRows(host, allocator);
                String expected;
                try (Connection c = sql.connect(ANALYST)) {
                    expected = answer(c);
                }
                try (Connection plain = plain(seen, allocator, threads, memory)) {
                    if (!answer(plain).equals(expected)) {
                        throw new IllegalStateException("the SQL port and DuckDB disagree");
                    }
                }
                double[] readPath = new double[runs];
                for (int i = 0; i < warmups + runs; i++) {
                    long start = System.nanoTime();
                    try (ReadResult r = host.products().get(0).reader().read(ANALYST, ReadRequest.of("events")
                            .build())) {
                        while (r.next()) {
                            r.batch().getRowCount();
                        }
                    }
                    if (i >= warmups) {
                        readPath[i - warmups] = (System.nanoTime() - start) / 1e6;
                    }
                }
                double[] sessionSql = new double[runs];
                double[] sessionDuck = new double[runs];
                for (int i = 0; i < warmups + runs; i++) {
                    long start = System.nanoTime();
                    try (Connection c = sql.connect(ANALYST)) {
                        answer(c);
                    }
                    long mid = System.nanoTime();
                    try (Connection c = plain(seen, allocator, threads, memory)) {
                        answer(c);
                    }
                    long end = System.nanoTime();
                    if (i >= warmups) {
                        sessionSql[i - warmups] = (mid - start) / 1e6;
                        sessionDuck[i - warmups] = (end - mid) / 1e6;
                    }
                }
                double[] querySql = new double[runs];
                double[] queryDuck = new double[runs];
                try (Connection c = sql.connect(ANALYST); Connection d = plain(seen, allocator, threads, memory)) {
                    for (int i = 0; i < warmups + runs; i++) {
                        long start = System.nanoTime();
                        answer(c);
                        long mid = System.nanoTime();
                        answer(d);
                        long end = System.nanoTime();
                        if (i >= warmups) {
                            querySql[i - warmups] = (mid - start) / 1e6;
                            queryDuck[i - warmups] = (end - mid) / 1e6;
                        }
                    }
                }
                out.printf(Locale.ROOT, "session (connect + load + query + close): sql median %8.1f ms, duckdb"
                        + " (load from Arrow + query + close) median %8.1f ms, ratio %.2f%n", median(sessionSql),
                        median(sessionDuck), median(sessionSql) / median(sessionDuck));
                out.printf(Locale.ROOT, "  of which the read path alone (policy: row filter, mask):      median %8.1f ms%n",
                        median(readPath));
                out.printf(Locale.ROOT, "query (open session, loaded table):       sql median %8.1f ms, duckdb"
                        + " median %8.1f ms, ratio %.2f%n", median(querySql), median(queryDuck),
                        median(querySql) / median(queryDuck));
                out.printf(Locale.ROOT, "ratio sql/duckdb: %.2f%n", median(querySql) / median(queryDuck));
            }
        }
    }

    /** The rows the analyst may read, as Arrow IPC stream bytes. */
    private static byte[] seenRows(ProductHost host, BufferAllocator allocator) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ReadResult r = host.products().get(0).reader().read(ANALYST, ReadRequest.of("events").build());
             VectorSchemaRoot root = VectorSchemaRoot.create(r.schema(), allocator);
             ArrowStreamWriter writer = new ArrowStreamWriter(root, null, bytes)) {
            writer.start();
            while (r.next()) {
                try (ArrowRecordBatch batch = new VectorUnloader(r.batch()).getRecordBatch()) {
                    new org.apache.arrow.vector.VectorLoader(root).load(batch);
                }
                writer.writeBatch();
            }
            writer.end();
        }
        return bytes.toByteArray();
    }

    /** Plain DuckDB, in memory, holding the given rows, with no policy and nothing locked. */
    private static Connection plain(byte[] rows, BufferAllocator allocator, int threads, String memory)
            throws Exception {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = c.createStatement();
             ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(rows), allocator);
             ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
            s.execute("SET threads = " + threads);
            s.execute("SET memory_limit = '" + memory + "'");
            Data.exportArrayStream(allocator, reader, stream);
            c.unwrap(DuckDBConnection.class).registerArrowStream("incoming", stream);
            s.execute("CREATE TABLE events AS SELECT * FROM incoming");
            s.execute("DROP VIEW incoming");
        }
        return c;
    }

    private static String answer(Connection c) throws Exception {
        StringBuilder b = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
            while (rs.next()) {
                b.append(rs.getString(1)).append(' ').append(rs.getLong(2)).append(' ').append(rs.getLong(3))
                        .append(' ').append(rs.getDouble(4)).append(' ').append(rs.getLong(5)).append('\n');
            }
        }
        return b.toString();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
