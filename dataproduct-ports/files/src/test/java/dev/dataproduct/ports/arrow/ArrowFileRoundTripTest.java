package dev.dataproduct.ports.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.TimePrecision;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrowFileRoundTripTest {
    @TempDir
    Path dir;

    static final Schema ALL_TYPES = Schema.of(
            Field.of("s", LogicalType.STRING, true),
            Field.of("i8", LogicalType.INT8, false),
            Field.of("i16", LogicalType.INT16, false),
            Field.of("i32", LogicalType.INT32, false),
            Field.of("i64", LogicalType.INT64, false),
            Field.of("dec", LogicalType.decimal(12, 3), false),
            Field.of("f32", LogicalType.FLOAT32, false),
            Field.of("f64", LogicalType.FLOAT64, false),
            Field.of("b", LogicalType.BOOLEAN, false),
            Field.of("d", LogicalType.DATE, false),
            Field.of("t", LogicalType.TIME, false),
            Field.of("ts", LogicalType.TIMESTAMP, false),
            Field.of("tstz", LogicalType.TIMESTAMP_TZ, false),
            Field.of("ts_ns", LogicalType.timestamp(TimePrecision.NANOS, true), false),
            Field.of("tags", LogicalType.arrayOf(LogicalType.STRING), false),
            Field.of("address", LogicalType.struct(Field.of("city", LogicalType.STRING, true),
                    Field.of("zip", LogicalType.INT32, false)), false),
            Field.of("matrix", LogicalType.arrayOf(LogicalType.arrayOf(LogicalType.INT64)), false));

    static Map<String, Object> fullRow(int i) {
        Map<String, Object> row = new HashMap<>();
        row.put("s", "row-" + i);
        row.put("i8", (long) (i - 100));
        row.put("i16", 30_000L + i);
        row.put("i32", -2_000_000_000L + i);
        row.put("i64", Long.MAX_VALUE - i);
        row.put("dec", new BigDecimal("123456789.125").add(BigDecimal.valueOf(i)));
        row.put("f32", 0.25d * i);
        row.put("f64", Math.PI * i);
        row.put("b", i % 2 == 0);
        row.put("d", LocalDate.of(2024, 2, 29).plusDays(i));
        row.put("t", LocalTime.parse("12:34:56.789012").plusSeconds(i));
        row.put("ts", LocalDateTime.parse("1969-12-31T23:59:59.999999").plusMinutes(i));
        row.put("tstz", Instant.parse("2024-05-01T08:00:00.000001Z").plusSeconds(i));
        row.put("ts_ns", Instant.parse("2024-05-01T08:00:00.123456789Z").plusNanos(i));
        row.put("tags", Arrays.asList("a" + i, null, "c"));
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("city", "Lisbon");
        address.put("zip", (long) (1000 + i));
        row.put("address", address);
        row.put("matrix", List.of(List.of(1L, 2L), List.of(), List.of((long) i)));
        return row;
    }

    static Map<String, Object> sparseRow(int i) {
        Map<String, Object> row = new HashMap<>();
        row.put("s", "sparse-" + i);
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("city", "Porto");
        address.put("zip", null);
        row.put("address", address);
        row.put("tags", List.of());
        return row;
    }

    static List<Map<String, Object>> read(Dataset dataset) {
        List<Map<String, Object>> out = new ArrayList<>();
        dataset.forEachRow(row -> {
            Map<String, Object> m = new HashMap<>();
            for (String name : dataset.schema().fieldNames()) {
                if (!row.isNull(name)) {
                    m.put(name, row.get(name));
                }
            }
            out.add(m);
        });
        return out;
    }

    @Test
    void writesAndReadsBackEveryTypeIncludingArraysAndStructsAcrossBatches() {
        List<Map<String, Object>> first = List.of(fullRow(1), sparseRow(2), fullRow(3));
        List<Map<String, Object>> second = List.of(fullRow(4));
        Path file = dir.resolve("all.arrow");
        try (RootAllocator allocator = new RootAllocator();
             VectorSchemaRoot b1 = BatchBuilder.fromRows(ALL_TYPES, first, allocator);
             VectorSchemaRoot b2 = BatchBuilder.fromRows(ALL_TYPES, second, allocator)) {
            Dataset written = Dataset.of("all", ALL_TYPES, List.of(b1, b2));

            long rows = ArrowFileOutput.write(written, file, allocator);

            Dataset read = ArrowFileInput.of("all", file)
                    .open(new InputContext(allocator, Clock.systemUTC(), r -> { }));
            assertEquals(4, rows);
            assertEquals(ALL_TYPES, read.schema());
            List<Map<String, Object>> expected = new ArrayList<>(first);
            expected.addAll(second);
            assertEquals(expected, read(read));
            List<Integer> batchSizes = new ArrayList<>();
            try (BatchCursor cursor = read.open()) {
                while (cursor.next()) {
                    batchSizes.add(cursor.batch().getRowCount());
                }
            }
            assertEquals(List.of(3, 1), batchSizes, "batches are kept as written");
        }
    }

    @Test
    void writesADatasetWithoutBatchesAsAnEmptyFileWithTheSchema() {
        Path file = dir.resolve("empty.arrow");
        try (RootAllocator allocator = new RootAllocator()) {
            long rows = ArrowFileOutput.write(Dataset.of("empty", ALL_TYPES, List.of()), file, allocator);

            Dataset read = ArrowFileInput.of("empty", file)
                    .open(new InputContext(allocator, Clock.systemUTC(), r -> { }));
            assertEquals(0, rows);
            assertEquals(ALL_TYPES, read.schema());
            assertEquals(0, read.countRows());
        }
    }
}
