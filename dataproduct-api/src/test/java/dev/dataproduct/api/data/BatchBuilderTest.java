package dev.dataproduct.api.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.TimePrecision;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class BatchBuilderTest {

    static final LogicalType ADDRESS = LogicalType.struct(
            Field.of("city", LogicalType.STRING, false), Field.of("zip", LogicalType.INT32, false));
    static final LogicalType LINE = LogicalType.struct(
            Field.of("sku", LogicalType.STRING, false), Field.of("qty", LogicalType.INT16, false));

    /** One nullable column of every type. */
    static final Schema EVERY_TYPE = Schema.of(
            Field.of("s", LogicalType.STRING, false),
            Field.of("i8", LogicalType.INT8, false),
            Field.of("i16", LogicalType.INT16, false),
            Field.of("i32", LogicalType.INT32, false),
            Field.of("i64", LogicalType.INT64, false),
            Field.of("dec", LogicalType.decimal(10, 2), false),
            Field.of("f32", LogicalType.FLOAT32, false),
            Field.of("f64", LogicalType.FLOAT64, false),
            Field.of("flag", LogicalType.BOOLEAN, false),
            Field.of("day", LogicalType.DATE, false),
            Field.of("tod", LogicalType.TIME, false),
            Field.of("ts_s", LogicalType.timestamp(TimePrecision.SECONDS, false), false),
            Field.of("ts_ms", LogicalType.timestamp(TimePrecision.MILLIS, false), false),
            Field.of("ts_us", LogicalType.TIMESTAMP, false),
            Field.of("ts_ns", LogicalType.timestamp(TimePrecision.NANOS, false), false),
            Field.of("tz_s", LogicalType.timestamp(TimePrecision.SECONDS, true), false),
            Field.of("tz_ms", LogicalType.timestamp(TimePrecision.MILLIS, true), false),
            Field.of("tz_us", LogicalType.TIMESTAMP_TZ, false),
            Field.of("tz_ns", LogicalType.timestamp(TimePrecision.NANOS, true), false),
            Field.of("tags", LogicalType.arrayOf(LogicalType.STRING), false),
            Field.of("address", ADDRESS, false),
            Field.of("lines", LogicalType.arrayOf(LINE), false));

    static Map<String, Object> fullRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("s", "Ñandú €");
        row.put("i8", -128L);
        row.put("i16", 32767L);
        row.put("i32", -2147483648L);
        row.put("i64", Long.MAX_VALUE);
        row.put("dec", new BigDecimal("-12345678.90"));
        row.put("f32", 1.5d);
        row.put("f64", -0.1d);
        row.put("flag", true);
        row.put("day", LocalDate.of(1969, 7, 20));
        row.put("tod", LocalTime.of(23, 59, 59, 999_999_000));
        row.put("ts_s", LocalDateTime.of(2024, 1, 31, 10, 15, 30));
        row.put("ts_ms", LocalDateTime.of(2024, 1, 31, 10, 15, 30, 123_000_000));
        row.put("ts_us", LocalDateTime.of(1969, 12, 31, 23, 59, 59, 500_001_000));
        row.put("ts_ns", LocalDateTime.of(2024, 1, 31, 10, 15, 30, 123_456_789));
        row.put("tz_s", Instant.parse("2024-01-31T10:15:30Z"));
        row.put("tz_ms", Instant.parse("2024-01-31T10:15:30.123Z"));
        row.put("tz_us", Instant.parse("1969-12-31T23:59:59.999999Z"));
        row.put("tz_ns", Instant.parse("2024-01-31T10:15:30.123456789Z"));
        row.put("tags", Arrays.asList("a", null, "c"));
        row.put("address", mapOf("city", "Madrid", "zip", 28001L));
        row.put("lines", List.of(mapOf("sku", "SKU-1", "qty", 2L), mapOf("sku", "SKU-2", "qty", null)));
        return row;
    }

    static Map<String, Object> mapOf(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Map<String, Object> nullRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String name : EVERY_TYPE.fieldNames()) {
            row.put(name, null);
        }
        return row;
    }

    @Test
    void writesAndReadsBackEveryTypeIncludingNulls() {
        Map<String, Object> second = fullRow();
        second.put("tags", List.of());
        second.put("address", mapOf("city", null, "zip", 1L));
        second.put("lines", List.of());
        try (BufferAllocator allocator = new RootAllocator()) {
            try (VectorSchemaRoot batch = BatchBuilder.fromRows(EVERY_TYPE, List.of(fullRow(), nullRow(), second),
                    allocator)) {
                assertEquals(3, batch.getRowCount());
                RowView row = RowView.over(batch);
                assertEquals(fullRow(), row.at(0).toMap());
                assertEquals(nullRow(), row.at(1).toMap());
                assertEquals(second, row.at(2).toMap());
                for (String column : EVERY_TYPE.fieldNames()) {
                    assertTrue(row.at(1).isNull(column), column);
                    assertFalse(row.at(0).isNull(column), column);
                }
            }
        }
    }

    @Test
    void aMissingKeyMeansNull() {
        Schema schema = Schema.of(Field.of("a", LogicalType.STRING, false), Field.of("b", LogicalType.INT32, false));
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot batch = BatchBuilder.fromRows(schema, List.of(Map.of("b", 1)), allocator)) {
            RowView row = RowView.over(batch);
            assertNull(row.get("a"));
            assertEquals(1L, row.get("b"));
        }
    }

    @Test
    void acceptsCloseJavaTypesAndReadsThemBackInTheValueModel() {
        Schema schema = Schema.of(
                Field.of("i32", LogicalType.INT32, false),
                Field.of("i8", LogicalType.INT8, false),
                Field.of("i64", LogicalType.INT64, false),
                Field.of("dec", LogicalType.decimal(6, 3), false),
                Field.of("dec_d", LogicalType.decimal(6, 3), false),
                Field.of("f32", LogicalType.FLOAT32, false),
                Field.of("tz", LogicalType.TIMESTAMP_TZ, false),
                Field.of("ts", LogicalType.TIMESTAMP, false),
                Field.of("s", LogicalType.STRING, false));
        try (BufferAllocator allocator = new RootAllocator()) {
            try (BatchBuilder b = BatchBuilder.create(schema, allocator)) {
                b.addRow(7, (byte) -3, new java.math.BigInteger("123"), 12, 0.25d, 2.5f,
                        OffsetDateTime.of(2024, 1, 31, 12, 0, 0, 0, ZoneOffset.ofHours(2)),
                        Instant.parse("2024-01-31T10:00:00Z"), new StringBuilder("built"));
                try (VectorSchemaRoot batch = b.build()) {
                    RowView row = RowView.over(batch);
                    assertEquals(7L, row.get("i32"));
                    assertEquals(-3L, row.get("i8"));
                    assertEquals(123L, row.get("i64"));
                    assertEquals(new BigDecimal("12.000"), row.get("dec"));
                    assertEquals(new BigDecimal("0.250"), row.get("dec_d"));
                    assertEquals(2.5d, row.get("f32"));
                    assertEquals(Instant.parse("2024-01-31T10:00:00Z"), row.get("tz"));
                    assertEquals(LocalDateTime.of(2024, 1, 31, 10, 0), row.get("ts"));
                    assertEquals("built", row.get("s"));
                }
            }
        }
    }

    @Test
    void truncatesTimestampsToThePrecisionOfTheColumn() {
        Schema schema = Schema.of(Field.of("ms", LogicalType.timestamp(TimePrecision.MILLIS, false), false),
                Field.of("s", LogicalType.timestamp(TimePrecision.SECONDS, true), false));
        LocalDateTime at = LocalDateTime.of(2024, 1, 31, 10, 15, 30, 123_456_789);
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot batch = BatchBuilder.fromRows(schema,
                     List.of(Map.of("ms", at, "s", at.toInstant(ZoneOffset.UTC))), allocator)) {
            RowView row = RowView.over(batch);
            assertEquals(LocalDateTime.of(2024, 1, 31, 10, 15, 30, 123_000_000), row.getTimestamp("ms"));
            assertEquals(Instant.parse("2024-01-31T10:15:30Z"), row.getInstant("s"));
        }
    }

    @Test
    void truncatesTimestampsBeforeTheEpochTowardsTheEarlierInstant() {
        Schema schema = Schema.of(Field.of("us", LogicalType.TIMESTAMP, false),
                Field.of("ms", LogicalType.timestamp(TimePrecision.MILLIS, true), false));
        LocalDateTime at = LocalDateTime.of(1969, 12, 31, 23, 59, 59, 123_456_789);
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot batch = BatchBuilder.fromRows(schema,
                     List.of(Map.of("us", at, "ms", at.toInstant(ZoneOffset.UTC))), allocator)) {
            RowView row = RowView.over(batch);
            assertEquals(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 123_456_000), row.getTimestamp("us"));
            assertEquals(Instant.parse("1969-12-31T23:59:59.123Z"), row.getInstant("ms"));
        }
    }

    @Test
    void valueOfTheWrongClassNamesRowAndColumn() {
        Schema schema = Schema.of(Field.of("name", LogicalType.STRING, false), Field.of("qty", LogicalType.INT32,
                false));
        try (BufferAllocator allocator = new RootAllocator();
             BatchBuilder b = BatchBuilder.create(schema, allocator)) {
            b.addRow("ok", 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.addRow(Map.of("name",
                    "x", "qty", "two")));
            assertTrue(e.getMessage().startsWith("row 1, column 'qty': "), e.getMessage());
            assertTrue(e.getMessage().contains("cannot hold String value 'two'"), e.getMessage());
            IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> b.addRow(5, 1));
            assertTrue(s.getMessage().startsWith("row 1, column 'name': "), s.getMessage());
            assertTrue(s.getMessage().contains("cannot hold Integer value '5'"), s.getMessage());
        }
    }

    @Test
    void everyScalarTypeRefusesAValueOfAnotherClass() {
        Map<String, Object> wrong = new LinkedHashMap<>();
        wrong.put("s", 1);
        wrong.put("i8", "1");
        wrong.put("i16", 1.0d);
        wrong.put("i32", true);
        wrong.put("i64", new BigDecimal("1.5"));
        wrong.put("dec", "1.5");
        wrong.put("f32", "1.5");
        wrong.put("f64", true);
        wrong.put("flag", "true");
        wrong.put("day", LocalDateTime.of(2024, 1, 1, 0, 0));
        wrong.put("tod", "10:00");
        wrong.put("ts_us", LocalDate.of(2024, 1, 1));
        wrong.put("tz_us", "2024-01-01T00:00:00Z");
        wrong.put("tags", "a,b");
        wrong.put("address", "Madrid");
        try (BufferAllocator allocator = new RootAllocator()) {
            for (Map.Entry<String, Object> cell : wrong.entrySet()) {
                try (BatchBuilder b = BatchBuilder.create(EVERY_TYPE, allocator)) {
                    Map<String, Object> row = new HashMap<>();
                    row.put(cell.getKey(), cell.getValue());
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.addRow(row),
                            cell.getKey());
                    assertTrue(e.getMessage().startsWith("row 0, column '" + cell.getKey() + "': "), e.getMessage());
                }
            }
        }
    }

    @Test
    void refusesIntegersOutsideTheRangeOfTheColumn() {
        Schema schema = Schema.of(Field.of("small", LogicalType.INT8, false), Field.of("mid", LogicalType.INT32, false),
                Field.of("big", LogicalType.INT64, false));
        try (BufferAllocator allocator = new RootAllocator();
             BatchBuilder b = BatchBuilder.create(schema, allocator)) {
            b.addRow(127, 2147483647L, Long.MIN_VALUE);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.addRow(128, 0, 0));
            assertEquals("row 1, column 'small': field 'small': 128 is out of the range of int8 [-128, 127]",
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> b.addRow(0, 2147483648L, 0));
            assertThrows(IllegalArgumentException.class,
                    () -> b.addRow(0, 0, new java.math.BigInteger("9223372036854775808")));
            assertEquals(1, b.rowCount());
        }
    }

    @Test
    void refusesDecimalsThatDoNotFitTheColumn() {
        Schema schema = Schema.of(Field.of("price", LogicalType.decimal(5, 2), false));
        try (BufferAllocator allocator = new RootAllocator();
             BatchBuilder b = BatchBuilder.create(schema, allocator)) {
            IllegalArgumentException scale = assertThrows(IllegalArgumentException.class,
                    () -> b.addRow(new BigDecimal("1.234")));
            assertEquals("row 0, column 'price': field 'price': '1.234' has more than 2 digits after the point "
                    + "allowed by decimal(5,2)", scale.getMessage());
            IllegalArgumentException precision = assertThrows(IllegalArgumentException.class,
                    () -> b.addRow(new BigDecimal("1000")));
            assertTrue(precision.getMessage().contains("has more digits than decimal(5,2) allows"),
                    precision.getMessage());
        }
    }

    @Test
    void refusesAStructValueWithAnUnknownField() {
        Schema schema = Schema.of(Field.of("address", ADDRESS, false));
        try (BufferAllocator allocator = new RootAllocator();
             BatchBuilder b = BatchBuilder.create(schema, allocator)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> b.addRow(Map.of("address", Map.of("street", "Gran Via"))));
            assertEquals("row 0, column 'address': struct field 'address' has no field 'street'", e.getMessage());
        }
    }

    @Test
    void refusesAListElementOfTheWrongClass() {
        Schema schema = Schema.of(Field.of("scores", LogicalType.arrayOf(LogicalType.INT32), false));
        try (BufferAllocator allocator = new RootAllocator();
             BatchBuilder b = BatchBuilder.create(schema, allocator)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> b.addRow((Object) List.of(1, "two")));
            assertTrue(e.getMessage().startsWith("row 0, column 'scores': "), e.getMessage());
            assertTrue(e.getMessage().contains("'two'"), e.getMessage());
        }
    }

    @Test
    void refusesAKeyThatNamesNoColumn() {
        Schema schema = Schema.of(Field.of("a", LogicalType.STRING, false));
        try (BufferAllocator allocator = new RootAllocator();
             BatchBuilder b = BatchBuilder.create(schema, allocator)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> b.addRow(Map.of("b", "x")));
            assertEquals("row 0: no column 'b'; columns are [a]", e.getMessage());
            assertEquals(0, b.rowCount());
        }
    }

    @Test
    void refusesARowWithTheWrongNumberOfValues() {
        Schema schema = Schema.of(Field.of("a", LogicalType.STRING, false), Field.of("b", LogicalType.STRING, false));
        try (BufferAllocator allocator = new RootAllocator();
             BatchBuilder b = BatchBuilder.create(schema, allocator)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.addRow("x"));
            assertEquals("row 0 has 1 values but the schema has 2 columns [a, b]", e.getMessage());
        }
    }

    @Test
    void countsRowsAndCannotBeUsedAfterBuild() {
        Schema schema = Schema.of(Field.of("a", LogicalType.INT64, true));
        try (BufferAllocator allocator = new RootAllocator()) {
            BatchBuilder b = BatchBuilder.create(schema, allocator);
            b.addRow(1L).addRow(2L).addRow(3L);
            assertEquals(3, b.rowCount());
            try (VectorSchemaRoot batch = b.build()) {
                assertEquals(3, batch.getRowCount());
                assertEquals(schema, Schema.fromArrow(batch.getSchema()));
                assertThrows(IllegalStateException.class, b::build);
                assertThrows(IllegalStateException.class, () -> b.addRow(4L));
                b.close();
                assertEquals(3, batch.getRowCount());
            }
        }
    }

    @Test
    void closingWithoutBuildingReleasesTheMemoryAndCloseTwiceIsHarmless() {
        Schema schema = Schema.of(Field.of("a", LogicalType.STRING, false));
        try (BufferAllocator allocator = new RootAllocator()) {
            BatchBuilder b = BatchBuilder.create(schema, allocator);
            b.addRow("x");
            assertTrue(allocator.getAllocatedMemory() > 0);
            b.close();
            b.close();
            assertEquals(0, allocator.getAllocatedMemory());
            assertThrows(IllegalStateException.class, () -> b.addRow("y"));
        }
    }

    @Test
    void fromRowsReleasesTheMemoryWhenARowDoesNotFit() {
        Schema schema = Schema.of(Field.of("a", LogicalType.INT8, false));
        try (BufferAllocator allocator = new RootAllocator()) {
            assertThrows(IllegalArgumentException.class,
                    () -> BatchBuilder.fromRows(schema, List.of(Map.of("a", 1), Map.of("a", 1000)), allocator));
            assertEquals(0, allocator.getAllocatedMemory());
        }
    }

    @Test
    void buildsAnEmptyBatch() {
        Schema schema = Schema.of(Field.of("a", LogicalType.STRING, false));
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot batch = BatchBuilder.fromRows(schema, List.of(), allocator)) {
            assertEquals(0, batch.getRowCount());
        }
    }

    // ---- values out of range: quarantined by a quarantining builder --------------------------------

    private static final Schema LINES = Schema.of(
            Field.of("id", LogicalType.STRING, false),
            Field.of("quantity", LogicalType.INT32, false),
            Field.of("total", LogicalType.decimal(12, 2), false));

    @Test
    void aQuarantiningBuilderLeavesOutARowWhoseValueOverflowsItsColumnWithItsOriginAndGoesOn() {
        List<dev.dataproduct.api.quarantine.RejectedRow> rejected = new java.util.ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
             BatchBuilder b = BatchBuilder.quarantining(LINES, allocator, "purchases", rejected::add)) {
            b.origin("orders.csv:2").addRow("a", 2, new BigDecimal("10.50"));
            b.origin("orders.csv:3").addRow("b", 2_000_000_000, new BigDecimal("2000000000").multiply(
                    new BigDecimal("999.99")));
            b.addRow(Map.of("id", "c", "quantity", 3_000_000_000L));
            b.origin("orders.csv:5").addRow("d", 1, new BigDecimal("1.00"));
            assertEquals(2, b.rowCount());
            assertEquals(2, b.quarantinedCount());
            try (VectorSchemaRoot batch = b.build()) {
                assertEquals(2, batch.getRowCount());
                RowView row = RowView.over(batch);
                assertEquals(List.of("a", "d"), List.of(row.at(0).getString("id"), row.at(1).getString("id")));
                assertEquals(new BigDecimal("1.00"), row.at(1).getDecimal("total"));
            }
        }
        assertEquals(2, rejected.size());
        var overflow = rejected.get(0);
        assertEquals("purchases", overflow.dataset());
        assertEquals("orders.csv:3", overflow.origin());
        assertEquals("total", overflow.violations().get(0).field());
        assertEquals("type", overflow.violations().get(0).rule());
        assertTrue(overflow.violations().get(0).message().contains("decimal(12,2)"), overflow.violations().toString());
        assertEquals("1999980000000.00", overflow.values().get("total"));
        assertEquals("b", overflow.values().get("id"));
        // a row without an origin is placed by its number among the rows offered
        assertEquals("row 2 built by the transform", rejected.get(1).origin());
        assertEquals("quantity", rejected.get(1).violations().get(0).field());
    }

    @Test
    void aPlainBuilderThrowsForAnOverflowNamingTheOriginOfTheRow() {
        try (BufferAllocator allocator = new RootAllocator();
             BatchBuilder b = BatchBuilder.create(LINES, allocator)) {
            ValueOutOfRangeException e = assertThrows(ValueOutOfRangeException.class,
                    () -> b.origin("orders.csv:3").addRow("b", 1, new BigDecimal("12345678901.00")));
            assertTrue(e.getMessage().startsWith("row 0 (from orders.csv:3), column 'total': "), e.getMessage());
        }
    }

    @Test
    void aValueOfTheWrongKindIsAFaultOfTheProgramEvenForAQuarantiningBuilder() {
        try (BufferAllocator allocator = new RootAllocator();
             BatchBuilder b = BatchBuilder.quarantining(LINES, allocator, "purchases", r -> { })) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> b.addRow("a", "two", null));
            assertFalse(e instanceof ValueOutOfRangeException, e.toString());
            assertEquals(0, b.quarantinedCount());
        }
    }

    @Test
    void aQuarantinedValueOfAClassifiedColumnStaysOutOfTheReason() {
        Schema schema = Schema.of(Field.of("salary", LogicalType.decimal(5, 2), false).toBuilder()
                .classification(dev.dataproduct.api.schema.Classification.CONFIDENTIAL).build());
        List<dev.dataproduct.api.quarantine.RejectedRow> rejected = new java.util.ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator();
             BatchBuilder b = BatchBuilder.quarantining(schema, allocator, "pay", rejected::add)) {
            b.addRow(new BigDecimal("987654.32"));
        }
        String reason = rejected.get(0).violations().get(0).message();
        assertFalse(reason.contains("987654"), reason);
        assertTrue(reason.contains("confidential value"), reason);
    }
}
