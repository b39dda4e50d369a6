package dev.dataproduct.interop.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.access.Target;
import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.TimePrecision;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.ports.files.FileSet;
import dev.dataproduct.ports.sql.ParquetPort;
import dev.dataproduct.testkit.port.RowsInput;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Parquet files of the SQL module's {@link ParquetPort}, read back by Apache Spark (a local
 * session of one thread), hold every value the read path gives the port's audience, of every type
 * the port writes, nulls included.
 */
class SparkReadsParquetTest {
    private static final long SEED = Long.getLong("spark.seed", 20261201L);
    private static final DatasetSpec EVENTS = DatasetSpec.named("events")
            .field("id", LogicalType.STRING, f -> f.required().primaryKey())
            .field("email", LogicalType.STRING)
            .field("region", LogicalType.STRING, f -> f.required())
            .field("n32", LogicalType.INT32)
            .field("n64", LogicalType.INT64)
            .field("x", LogicalType.FLOAT64)
            .field("flag", LogicalType.BOOLEAN)
            .field("day", LogicalType.DATE)
            .field("at", LogicalType.TIMESTAMP_TZ)
            .field("local", LogicalType.timestamp(TimePrecision.MILLIS, false))
            .field("fee", LogicalType.decimal(12, 3))
            .field("tags", LogicalType.arrayOf(LogicalType.STRING))
            .field("home", LogicalType.struct(Field.of("city", LogicalType.STRING, false),
                    Field.of("zip", LogicalType.INT32, false)))
            .build();
    private static final Policy POLICY = Policy.forDataset("events")
            .mask(Target.field("email"), Mask.email())
            .grant(Grant.to(Audience.role("analyst")).allColumns()
                    .rows(Expr.col("region").eq(Expr.principal("region"))))
            .build();
    private static final Principal ANALYST = new Principal("ana", Set.of("analyst"), Map.of("region", "north"));

    private static SparkSession spark;

    @TempDir
    Path root;

    @BeforeAll
    static void startSpark() {
        spark = SparkSession.builder().master("local[1]").appName("parquet-readback")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "1")
                .config("spark.sql.session.timeZone", "UTC")
                // dates and times as java.time values, the SDK's value model
                .config("spark.sql.datetime.java8API.enabled", "true")
                .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void sparkReadsEveryValueTheReadPathGivesThePortsAudience() throws Exception {
        Path out = root.resolve("parquet");
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(store).build()) {
            DataProduct product = DataProduct.builder("events").domain("interop").version("1.0.0")
                    .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Rows for Spark to read.")
                    .input(RowsInput.of("events", EVENTS.schema(), rows(500, new SplittableRandom(SEED))).batchSize(64))
                    .output(EVENTS)
                    .access(POLICY)
                    .serve(ParquetPort.at(out).audience(ANALYST))
                    .transform(ctx -> ctx.input("events"))
                    .build();
            runtime.run(product);
            ProductReader reader = ProductReader.builder(store, product).allocator(allocator).build();
            List<Map<String, Object>> expected = readPath(reader);
            Path file = FileSet.current(out).orElseThrow().resolve("events.parquet");

            List<Row> read = spark.read().parquet(file.toString()).collectAsList();
            List<Map<String, Object>> actual = new ArrayList<>();
            for (Row row : read) {
                actual.add(normalized(row));
            }
            assertFalse(expected.isEmpty(), "the audience reads some rows");
            assertEquals(expected.size(), actual.size(), "rows, seed " + SEED);
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i), actual.get(i), "row " + i + ", seed " + SEED);
            }
        }
    }

    private static List<Map<String, Object>> readPath(ProductReader reader) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ReadResult result = reader.read(ANALYST, ReadRequest.of("events").build())) {
            while (result.next()) {
                VectorSchemaRoot batch = result.batch();
                for (int r = 0; r < batch.getRowCount(); r++) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (String c : result.columns()) {
                        row.put(c, normalized(VectorValues.get(batch.getVector(c), r)));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static Map<String, Object> normalized(Row row) {
        Map<String, Object> out = new LinkedHashMap<>();
        StructType schema = row.schema();
        for (int i = 0; i < schema.fields().length; i++) {
            out.put(schema.fields()[i].name(), normalized(row.isNullAt(i) ? null : row.get(i)));
        }
        return out;
    }

    /** One form for a value of either side: numbers, text and times as text, lists and structs by element. */
    private static Object normalized(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Row r) {
            return normalized(r);
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            return normalized(scala.jdk.javaapi.CollectionConverters.asJava(seq));
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(normalized(v)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), normalized(v)));
            return out;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            // the SDK's value model holds every integer as a long; Spark gives an INT32 column as Integer
            return "Long:" + ((Number) value).longValue();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value.getClass().getSimpleName() + ":" + value;
    }

    private static List<Map<String, Object>> rows(int n, SplittableRandom random) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = new HashMap<>();
            r.put("id", "e" + i);
            r.put("email", random.nextInt(8) == 0 ? null : "user" + i + "@example.com");
            r.put("region", random.nextInt(3) == 0 ? "south" : "north");
            r.put("n32", random.nextInt(9) == 0 ? null : random.nextInt());
            r.put("n64", random.nextInt(9) == 0 ? null : random.nextLong());
            r.put("x", random.nextInt(9) == 0 ? null : random.nextDouble(-1e9, 1e9));
            r.put("flag", random.nextInt(9) == 0 ? null : random.nextBoolean());
            r.put("day", random.nextInt(9) == 0 ? null : LocalDate.of(1990, 1, 1).plusDays(random.nextInt(20000)));
            r.put("at", random.nextInt(9) == 0 ? null
                    : Instant.parse("2000-01-01T00:00:00Z").plusSeconds(random.nextLong(900_000_000L))
                            .plusNanos(random.nextInt(1_000_000) * 1000L));
            r.put("local", random.nextInt(9) == 0 ? null
                    : LocalDateTime.of(2026, 1, 1, 0, 0).plusSeconds(random.nextInt(30_000_000))
                            .plusNanos(random.nextInt(1000) * 1_000_000L));
            r.put("fee", random.nextInt(9) == 0 ? null : BigDecimal.valueOf(random.nextLong(-99_999_999_999L,
                    99_999_999_999L), 3));
            r.put("tags", random.nextInt(9) == 0 ? null : List.of("t" + random.nextInt(5), "u" + i));
            Map<String, Object> home = new LinkedHashMap<>();
            home.put("city", random.nextInt(6) == 0 ? null : "City" + random.nextInt(40));
            home.put("zip", 1000 + i);
            r.put("home", random.nextInt(9) == 0 ? null : home);
            out.add(r);
        }
        return out;
    }
}
