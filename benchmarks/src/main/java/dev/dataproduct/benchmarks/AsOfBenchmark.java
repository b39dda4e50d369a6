package dev.dataproduct.benchmarks;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.feature.Entity;
import dev.dataproduct.api.feature.Feature;
import dev.dataproduct.api.feature.FeatureView;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.feature.AsOfJoin;
import dev.dataproduct.core.feature.FeatureServing;
import dev.dataproduct.core.feature.InMemoryOnlineStore;
import dev.dataproduct.core.io.ArrowIpcWriter;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotTransaction;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.io.PrintStream;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The offline as-of join against DuckDB's {@code ASOF LEFT JOIN}, and the latency of online lookups.
 *
 * <p>Data, from a seed: a feature table of {@code asoffeatures} rows (1,000,000) over 100,000
 * entities (int64 ids), event times random within a year (µs, out of order), one float64 feature;
 * {@code asofrows} entity rows (10,000,000) with an id (3% unknown) and a time in the same year. The
 * maximum age is 30 days. Both sides get the same Arrow batches (DuckDB through its appender, not
 * timed), and both run on one thread ({@code SET threads = 1}: the join is single-threaded).
 *
 * <p>Timed: ours, {@link AsOfJoin} over the batches in memory, every output batch produced and
 * summed (present values, count by status); DuckDB, the same sums over its ASOF join with the
 * maximum age applied in SQL. The sums must agree. Ends with {@code ratio asof/duckdb: X.XX}
 * (medians). Before it, online lookups: the feature table committed as a snapshot, materialised into
 * an {@link InMemoryOnlineStore}, then {@link FeatureServing#lookup} (read-path policy included) of one
 * key and of batches of 100 keys, p50 and p99.
 */
final class AsOfBenchmark {
    static final Duration MAX_AGE = Duration.ofDays(30);
    static final long YEAR_MICROS = 365L * 86_400_000_000L;
    static final long START = 1_767_225_600_000_000L; // 2026-01-01T00:00:00Z
    static final int ENTITIES = 100_000;
    static final int BATCH = 65_536;
    static final FeatureView VIEW = FeatureView.builder("bench-features")
            .source(ProductInput.of("urn:dataproduct:bench:events", 1).dataset("events"))
            .entity(new Entity("entity", java.util.Map.of("entity_id", LogicalType.INT64), "entity"))
            .eventTime("event_time")
            .feature(Feature.column("value", LogicalType.FLOAT64))
            .maxAge(MAX_AGE)
            .build();
    static final Schema ENTITY_ROWS = Schema.of(Field.of("entity_id", LogicalType.INT64, true),
            Field.of("as_of", LogicalType.TIMESTAMP_TZ, true));

    private AsOfBenchmark() {
    }

    static void run(PrintStream out) throws Exception {
        int entityRows = Integer.getInteger("asofrows", 10_000_000);
        int featureRows = Integer.getInteger("asoffeatures", 1_000_000);
        int warmups = Integer.getInteger("warmups", 2);
        int runs = Integer.getInteger("runs", 5);
        long seed = Long.getLong("seed", 42L);
        out.printf(Locale.ROOT, "entity rows=%,d feature rows=%,d entities=%,d maxAge=%s warmups=%d runs=%d seed=%d "
                        + "cores=%d java=%s%n", entityRows, featureRows, ENTITIES, MAX_AGE, warmups, runs, seed,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try (BufferAllocator allocator = new RootAllocator()) {
            List<VectorSchemaRoot> features = new ArrayList<>();
            List<VectorSchemaRoot> entities = new ArrayList<>();
            try {
                SplittableRandom random = new SplittableRandom(seed);
                for (int done = 0; done < featureRows; done += BATCH) {
                    features.add(featureBatch(random, Math.min(BATCH, featureRows - done), allocator));
                }
                for (int done = 0; done < entityRows; done += BATCH) {
                    entities.add(entityBatch(random, Math.min(BATCH, entityRows - done), allocator));
                }
                Dataset table = Dataset.of("bench-features", VIEW.dataset().schema(), features);
                Dataset rows = Dataset.of("entities", ENTITY_ROWS, entities);
                lookups(table, allocator, out);
                try (DuckDBConnection db = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:")) {
                    load(db, features, entities);
                    QualityBenchmark.Timings ours = new QualityBenchmark.Timings();
                    QualityBenchmark.Timings duck = new QualityBenchmark.Timings();
                    double[] a = null;
                    double[] b = null;
                    for (int i = 0; i < warmups + runs; i++) {
                        System.gc();
                        long t0 = System.nanoTime();
                        a = ours(rows, table, allocator);
                        long t1 = System.nanoTime();
                        System.gc();
                        long t2 = System.nanoTime();
                        b = duckdb(db);
                        long t3 = System.nanoTime();
                        if (i >= warmups) {
                            ours.add(t1 - t0);
                            duck.add(t3 - t2);
                        }
                    }
                    out.printf(Locale.ROOT, "as-of join, ours:   present %,.0f  expired %,.0f  not found %,.0f  sum %.6e"
                            + "  median %8.1f ms  min %8.1f  max %8.1f%n", a[0], a[1], a[2], a[3], ours.median(),
                            ours.min(), ours.max());
                    out.printf(Locale.ROOT, "as-of join, duckdb: present %,.0f  expired %,.0f  not found %,.0f  sum %.6e"
                            + "  median %8.1f ms  min %8.1f  max %8.1f%n", b[0], b[1], b[2], b[3], duck.median(),
                            duck.min(), duck.max());
                    if (a[0] != b[0] || a[1] != b[1] || a[2] != b[2] || Math.abs(a[3] - b[3]) > 1e-6 * Math.abs(b[3])) {
                        throw new IllegalStateException("the as-of join and DuckDB disagree: " + Arrays.toString(a)
                                + " against " + Arrays.toString(b));
                    }
                    out.printf(Locale.ROOT, "ratio asof/duckdb: %.2f%n", ours.median() / duck.median());
                }
            } finally {
                features.forEach(VectorSchemaRoot::close);
                entities.forEach(VectorSchemaRoot::close);
            }
        }
    }

    private static VectorSchemaRoot featureBatch(SplittableRandom random, int n, BufferAllocator allocator) {
        VectorSchemaRoot b = VectorSchemaRoot.create(VIEW.dataset().schema().toArrow(), allocator);
        BigIntVector id = (BigIntVector) b.getVector("entity_id");
        TimeStampMicroTZVector time = (TimeStampMicroTZVector) b.getVector("event_time");
        Float8Vector value = (Float8Vector) b.getVector("value");
        id.allocateNew(n);
        time.allocateNew(n);
        value.allocateNew(n);
        for (int i = 0; i < n; i++) {
            id.set(i, random.nextInt(ENTITIES));
            time.set(i, START + random.nextLong(YEAR_MICROS));
            if (random.nextInt(50) == 0) {
                value.setNull(i);
            } else {
                value.set(i, random.nextDouble() * 100);
            }
        }
        b.setRowCount(n);
        return b;
    }

    private static VectorSchemaRoot entityBatch(SplittableRandom random, int n, BufferAllocator allocator) {
        VectorSchemaRoot b = VectorSchemaRoot.create(ENTITY_ROWS.toArrow(), allocator);
        BigIntVector id = (BigIntVector) b.getVector("entity_id");
        TimeStampMicroTZVector time = (TimeStampMicroTZVector) b.getVector("as_of");
        id.allocateNew(n);
        time.allocateNew(n);
        for (int i = 0; i < n; i++) {
            id.set(i, random.nextInt(ENTITIES + ENTITIES * 3 / 100));
            time.set(i, START + random.nextLong(YEAR_MICROS));
        }
        b.setRowCount(n);
        return b;
    }

    /**
     * Present, expired and not-found rows and the sum of present values, over every output batch. The
     * statuses are told apart by their length and first byte, read in place: copying each out as a
     * {@code byte[]} cost the reader more than the join spent writing it.
     */
    private static double[] ours(Dataset rows, Dataset table, BufferAllocator allocator) {
        double[] out = new double[4];
        try (BatchCursor c = AsOfJoin.of(VIEW).join(rows, "as_of", table, allocator).open()) {
            while (c.next()) {
                Float8Vector value = (Float8Vector) c.batch().getVector("value");
                VarCharVector status = (VarCharVector) c.batch().getVector("value" + AsOfJoin.STATUS_SUFFIX);
                ArrowBuf offsets = status.getOffsetBuffer();
                ArrowBuf data = status.getDataBuffer();
                for (int i = 0; i < c.batch().getRowCount(); i++) {
                    int start = offsets.getInt((long) i * BaseVariableWidthVector.OFFSET_WIDTH);
                    int length = offsets.getInt((long) (i + 1) * BaseVariableWidthVector.OFFSET_WIDTH) - start;
                    byte first = data.getByte(start);
                    if (length == 7 && first == 'E') { // EXPIRED
                        out[1]++;
                    } else if (length == 7 && first == 'P') { // PRESENT
                        out[0]++;
                        out[3] += value.get(i);
                    } else if (length == 9) { // NOT_FOUND, not NULL_VALUE
                        out[2]++;
                    }
                }
            }
        }
        return out;
    }

    private static void load(DuckDBConnection db, List<VectorSchemaRoot> features, List<VectorSchemaRoot> entities)
            throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("SET threads = 1");
            s.execute("CREATE TABLE features (entity_id BIGINT, event_time TIMESTAMPTZ, value DOUBLE)");
            s.execute("CREATE TABLE entities (entity_id BIGINT, as_of TIMESTAMPTZ)");
        }
        try (DuckDBAppender a = db.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "features")) {
            for (VectorSchemaRoot b : features) {
                BigIntVector id = (BigIntVector) b.getVector("entity_id");
                TimeStampMicroTZVector time = (TimeStampMicroTZVector) b.getVector("event_time");
                Float8Vector value = (Float8Vector) b.getVector("value");
                for (int i = 0; i < b.getRowCount(); i++) {
                    a.beginRow();
                    a.append(id.get(i));
                    a.appendEpochMicros(time.get(i));
                    if (value.isNull(i)) {
                        a.appendNull();
                    } else {
                        a.append(value.get(i));
                    }
                    a.endRow();
                }
            }
            a.flush();
        }
        try (DuckDBAppender a = db.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "entities")) {
            for (VectorSchemaRoot b : entities) {
                BigIntVector id = (BigIntVector) b.getVector("entity_id");
                TimeStampMicroTZVector time = (TimeStampMicroTZVector) b.getVector("as_of");
                for (int i = 0; i < b.getRowCount(); i++) {
                    a.beginRow();
                    a.append(id.get(i));
                    a.appendEpochMicros(time.get(i));
                    a.endRow();
                }
            }
            a.flush();
        }
    }

    private static double[] duckdb(DuckDBConnection db) throws SQLException {
        long maxAge = MAX_AGE.toSeconds() * 1_000_000L;
        String sql = """
                SELECT count(*) FILTER (WHERE status = 'PRESENT' AND value IS NOT NULL),
                       count(*) FILTER (WHERE status = 'EXPIRED'),
                       count(*) FILTER (WHERE status = 'NOT_FOUND'),
                       sum(value) FILTER (WHERE status = 'PRESENT')
                FROM (SELECT f.value,
                             CASE WHEN f.event_time IS NULL THEN 'NOT_FOUND'
                                  WHEN epoch_us(e.as_of) - epoch_us(f.event_time) >= %d THEN 'EXPIRED'
                                  ELSE 'PRESENT' END AS status
                      FROM entities e ASOF LEFT JOIN features f
                        ON e.entity_id = f.entity_id AND e.as_of >= f.event_time)
                """.formatted(maxAge);
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return new double[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4)};
        }
    }

    /** Online lookups through the read path, p50 and p99 of single keys and batches of 100. */
    private static void lookups(Dataset table, BufferAllocator allocator, PrintStream out) {
        ProductAddress address = ProductAddress.parse("urn:dataproduct:bench:bench-features:v1");
        Policy policy = Policy.forDataset(VIEW.name()).grant(Grant.to(Audience.role("all")).allColumns()).build();
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        try (SnapshotTransaction tx = store.begin(address, allocator)) {
            ArrowIpcWriter data = tx.dataset(VIEW.name(), VIEW.dataset().schema().toArrow());
            table.forEachBatch(data::write);
            tx.commit("1.0.0", Instant.EPOCH.plus(START + YEAR_MICROS, java.time.temporal.ChronoUnit.MICROS));
        }
        ProductReader reader = ProductReader.builder(store, address).dataset(VIEW.dataset(), policy)
                .allocator(allocator).build();
        Principal principal = Principal.of("bench", "all");
        FeatureServing serving = FeatureServing.builder(VIEW, reader, new InMemoryOnlineStore())
                .materializeAs(principal).allocator(allocator).build();
        long t0 = System.nanoTime();
        serving.materialize();
        out.printf(Locale.ROOT, "online store materialised from %,d rows in %.1f s%n", table.countRows(),
                (System.nanoTime() - t0) / 1e9);
        Instant at = Instant.EPOCH.plus(START + YEAR_MICROS - 86_400_000_000L, java.time.temporal.ChronoUnit.MICROS);
        SplittableRandom random = new SplittableRandom(7);
        for (int size : new int[] {1, 100}) {
            int n = size == 1 ? 50_000 : 2_000;
            long[] nanos = new long[n];
            long allocated = 0;
            long gcMillis = 0;
            long gcCount = 0;
            for (int i = -n / 5; i < n; i++) {
                if (i == 0) {
                    allocated = allocatedBytes();
                    gcMillis = gcMillis();
                    gcCount = gcCount();
                }
                List<List<?>> keys = new ArrayList<>(size);
                for (int k = 0; k < size; k++) {
                    keys.add(List.of(random.nextLong(ENTITIES)));
                }
                long a = System.nanoTime();
                serving.lookup(principal, keys, at);
                long b = System.nanoTime();
                if (i >= 0) {
                    nanos[i] = b - a;
                }
            }
            allocated = allocatedBytes() - allocated;
            gcMillis = gcMillis() - gcMillis;
            gcCount = gcCount() - gcCount;
            long total = Arrays.stream(nanos).sum();
            Arrays.sort(nanos);
            out.printf(Locale.ROOT, "online lookup, %3d key%s: p50 %8.1f µs  p99 %8.1f µs  (%,d lookups; %,d bytes "
                            + "allocated a lookup, %,d collections taking %,d ms, total %,.0f ms)%n", size,
                    size == 1 ? " " : "s", nanos[n / 2] / 1e3, nanos[(int) (n * 0.99)] / 1e3, n, allocated / n,
                    gcCount, gcMillis, total / 1e6);
        }
    }

    /** Bytes this thread has allocated on the heap so far. */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Collections so far, by all collectors. */
    private static long gcCount() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).sum();
    }

    /** Milliseconds the collectors have spent so far, all of them. */
    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }
}
