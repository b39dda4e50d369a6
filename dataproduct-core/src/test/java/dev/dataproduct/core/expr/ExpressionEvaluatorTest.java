package dev.dataproduct.core.expr;

import static dev.dataproduct.api.expr.Expr.col;
import static dev.dataproduct.api.expr.Expr.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.expr.Function;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.TimePrecision;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExpressionEvaluatorTest {
    private BufferAllocator allocator;
    private final ExpressionEvaluator evaluator = new ExpressionEvaluator();

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() {
        allocator.close(); // throws if a test leaked a buffer
    }

    private VectorSchemaRoot batch(Schema schema, Object[]... rows) {
        try (BatchBuilder b = BatchBuilder.create(schema, allocator)) {
            for (Object[] row : rows) {
                b.addRow(row);
            }
            return b.build();
        }
    }

    private static Object[] row(Object... values) {
        return values;
    }

    private List<Integer> selected(ExpressionEvaluator ev, Expr predicate, VectorSchemaRoot batch) {
        Selection s = ev.select(predicate, batch);
        assertEquals(batch.getRowCount(), s.size());
        List<Integer> rows = new ArrayList<>();
        for (int r = s.nextSelected(0); r >= 0; r = s.nextSelected(r + 1)) {
            rows.add(r);
        }
        return rows;
    }

    private List<Integer> selected(Expr predicate, VectorSchemaRoot batch) {
        return selected(evaluator, predicate, batch);
    }

    /** The values of an evaluated expression, row by row, in the SDK's value model. */
    private List<Object> values(Expr expr, VectorSchemaRoot batch) {
        try (FieldVector v = evaluator.evaluate(expr, batch, "out", allocator)) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < v.getValueCount(); i++) {
                out.add(VectorValues.get(v, i));
            }
            return out;
        }
    }

    /** A predicate's three-valued result per row: T, F or N (unknown). */
    private String truth(Expr predicate, VectorSchemaRoot batch) {
        StringBuilder sb = new StringBuilder();
        try (FieldVector v = evaluator.evaluate(predicate, batch, "p", allocator)) {
            assertInstanceOf(BitVector.class, v);
            for (int i = 0; i < v.getValueCount(); i++) {
                sb.append(v.isNull(i) ? 'N' : ((BitVector) v).get(i) == 1 ? 'T' : 'F');
            }
        }
        return sb.toString();
    }

    // ---- the SQL order of values (ValueOrder) --------------------------------------------------

    @Test
    void negativeZeroEqualsZeroInComparisonsAndIn() {
        Schema s = Schema.of(Field.of("x", LogicalType.FLOAT64, false));
        try (VectorSchemaRoot b = batch(s, row(-0.0), row(0.0), row(-1.0))) {
            assertEquals(List.of(0, 1), selected(col("x").ge(0.0), b));
            assertEquals(List.of(0, 1), selected(col("x").ge(0L), b));
            assertEquals(List.of(0, 1), selected(col("x").eq(0.0), b));
            assertEquals(List.of(0, 1), selected(col("x").in(0.0), b));
            assertEquals(List.of(2), selected(col("x").lt(0.0), b));
        }
    }

    @Test
    void nanEqualsNanAndSortsAboveEveryNumber() {
        Schema s = Schema.of(Field.of("x", LogicalType.FLOAT64, false));
        try (VectorSchemaRoot b = batch(s, row(Double.NaN), row(Double.POSITIVE_INFINITY), row(1.0))) {
            assertEquals(List.of(0), selected(col("x").eq(Double.NaN), b));
            assertEquals(List.of(0), selected(col("x").gt(Double.POSITIVE_INFINITY), b));
            assertEquals(List.of(0, 1), selected(col("x").gt(1L), b));
            assertEquals(List.of(0), selected(col("x").in(Double.NaN), b));
        }
    }

    @Test
    void stringsCompareByCodePoint() {
        Schema s = Schema.of(Field.of("x", LogicalType.STRING, false));
        // U+1F600 is one code point above U+FFFF, though its first UTF-16 unit (D83D) is below FFFF
        try (VectorSchemaRoot b = batch(s, row("\uD83D\uDE00"), row("\uFFFF"), row("a"))) {
            assertEquals(List.of(0), selected(col("x").gt("\uFFFF"), b));
            assertEquals(List.of(1, 2), selected(col("x").lt("\uD83D\uDE00"), b));
        }
    }

    @Test
    void timestampsBeyondTheRangeOfMicrosecondsCompareWithoutOverflow() {
        org.apache.arrow.vector.TimeStampSecVector v = new org.apache.arrow.vector.TimeStampSecVector("t", allocator);
        v.allocateNew(3);
        v.set(0, Long.MAX_VALUE / 1000);
        v.set(1, Long.MIN_VALUE / 1000);
        v.set(2, 1_700_000_000L);
        v.setValueCount(3);
        try (VectorSchemaRoot b = new VectorSchemaRoot(List.of(v))) {
            b.setRowCount(3);
            assertEquals(List.of(0), selected(col("t").gt(LocalDateTime.parse("2100-01-01T00:00:00")), b));
            assertEquals(List.of(1), selected(col("t").lt(LocalDateTime.parse("1900-01-01T00:00:00")), b));
            assertEquals(List.of(0, 2), selected(col("t").ge(LocalDate.parse("2000-01-01")), b));
        }
        DateDayVector d = new DateDayVector("d", allocator);
        d.allocateNew(2);
        d.set(0, Integer.MAX_VALUE);
        d.set(1, Integer.MIN_VALUE);
        d.setValueCount(2);
        try (VectorSchemaRoot b = new VectorSchemaRoot(List.of(d))) {
            b.setRowCount(2);
            // in microseconds these days wrap a long; they still sort after and before any timestamp
            assertEquals(List.of(0), selected(col("d").gt(LocalDateTime.parse("2100-01-01T00:00:00")), b));
            assertEquals(List.of(1), selected(col("d").lt(LocalDateTime.parse("1900-01-01T00:00:00")), b));
        }
    }

    @Test
    void onlyDivisionByZeroAndOverflowGiveNullInFloatArithmetic() {
        Schema s = Schema.of(Field.of("x", LogicalType.FLOAT64, false));
        try (VectorSchemaRoot b = batch(s, row(Double.NaN), row(Double.POSITIVE_INFINITY))) {
            List<Object> minus = values(col("x").minus(0.0), b);
            assertTrue(Double.isNaN((Double) minus.get(0)));
            assertEquals(Double.POSITIVE_INFINITY, minus.get(1));
            List<Object> times = values(col("x").times(0.0), b);
            assertTrue(Double.isNaN((Double) times.get(0)) && Double.isNaN((Double) times.get(1)), times.toString());
            assertEquals(Arrays.asList(null, null), values(col("x").dividedBy(0.0), b));
        }
    }

    @Test
    void decimalsMeetNanAndInfinityWithoutThrowing() {
        Schema s = Schema.of(Field.of("d", LogicalType.decimal(10, 2), false), Field.of("x", LogicalType.FLOAT64, false));
        try (VectorSchemaRoot b = batch(s, row(new BigDecimal("1.50"), Double.NaN),
                row(new BigDecimal("2.00"), Double.NEGATIVE_INFINITY), row(new BigDecimal("3.00"), 3.0))) {
            assertEquals(List.of(0), selected(col("d").lt(col("x")), b));
            assertEquals(List.of(1), selected(col("d").gt(col("x")), b));
            assertEquals(List.of(2), selected(col("d").eq(col("x")), b));
            List<Object> sums = values(col("d").plus(col("x")), b);
            assertTrue(Double.isNaN((Double) sums.get(0)));
            assertEquals(Double.NEGATIVE_INFINITY, sums.get(1));
            assertEquals(6.0, sums.get(2));
        }
    }

    // ---- comparisons on every kind ---------------------------------------------------------------

    @Test
    void comparesIntegersOfEveryWidthWithLiteralsAndWithEachOther() {
        Schema s = Schema.of(Field.of("i8", LogicalType.INT8, false), Field.of("i16", LogicalType.INT16, false),
                Field.of("i32", LogicalType.INT32, false), Field.of("i64", LogicalType.INT64, false));
        try (VectorSchemaRoot b = batch(s, row(-5, 300, 70_000, 5_000_000_000L), row(5, -300, -70_000, -7L),
                row(127, 1, 2, 127L))) {
            assertEquals(List.of(1, 2), selected(col("i8").gt(0), b));
            assertEquals(List.of(0, 2), selected(col("i16").ge(1), b));
            assertEquals(List.of(1), selected(col("i32").lt(-69_999), b));
            assertEquals(List.of(0), selected(col("i64").gt(Integer.MAX_VALUE), b));
            assertEquals(List.of(2), selected(col("i8").eq(col("i64")), b));
            assertEquals(List.of(0, 1), selected(col("i8").ne(col("i64")), b));
            assertEquals(List.of(0, 2), selected(col("i16").le(col("i32")), b));
        }
    }

    @Test
    void comparesFloatsAndMixedNumbersAsFloatingPoint() {
        Schema s = Schema.of(Field.of("f32", LogicalType.FLOAT32, false), Field.of("f64", LogicalType.FLOAT64, false),
                Field.of("i", LogicalType.INT64, false));
        try (VectorSchemaRoot b = batch(s, row(0.5f, 1.25, 1L), row(2.5f, -3.0, 2L), row(1.0f, 2.0, 2L))) {
            assertEquals(List.of(0), selected(col("f64").eq(1.25), b));
            assertEquals(List.of(1, 2), selected(col("f32").gt(0.75), b));
            assertEquals(List.of(1), selected(col("f32").gt(col("i")), b));
            assertEquals(List.of(2), selected(col("f64").eq(col("i")), b));
            assertEquals(List.of(0, 2), selected(col("f64").gt(0), b));
        }
    }

    @Test
    void comparesDecimalsByValueRegardlessOfScale() {
        Schema s = Schema.of(Field.of("d", LogicalType.decimal(10, 2), false));
        try (VectorSchemaRoot b = batch(s, row(new BigDecimal("1.50")), row(new BigDecimal("2.25")),
                row(new BigDecimal("-0.01")))) {
            assertEquals(List.of(0), selected(col("d").eq(new BigDecimal("1.5")), b));
            assertEquals(List.of(1), selected(col("d").gt(new BigDecimal("1.500001")), b));
            assertEquals(List.of(1), selected(col("d").ge(2), b));
            assertEquals(List.of(2), selected(col("d").lt(0.0), b));
            assertEquals(List.of(0, 2), selected(col("d").le(1.5), b));
        }
    }

    @Test
    void comparesStringsLexicographically() {
        Schema s = Schema.of(Field.of("s", LogicalType.STRING, false), Field.of("t", LogicalType.STRING, false));
        try (VectorSchemaRoot b = batch(s, row("apple", "apple"), row("banana", "apple"), row("Apple", "b"))) {
            assertEquals(List.of(0), selected(col("s").eq("apple"), b));
            assertEquals(List.of(1, 2), selected(col("s").ne("apple"), b));
            assertEquals(List.of(0, 2), selected(col("s").lt("b"), b)); // "A" < "a" < "b"
            assertEquals(List.of(1), selected(col("s").gt(col("t")), b));
        }
    }

    @Test
    void comparesBooleansWithFalseBeforeTrue() {
        Schema s = Schema.of(Field.of("b", LogicalType.BOOLEAN, false));
        try (VectorSchemaRoot b = batch(s, row(true), row(false), row((Object) null))) {
            assertEquals(List.of(0), selected(col("b").eq(true), b));
            assertEquals(List.of(1), selected(col("b").lt(true), b));
            assertEquals(List.of(0, 1), selected(col("b").ge(false), b));
        }
    }

    @Test
    void comparesDatesTimesAndTimestamps() {
        Schema s = Schema.of(Field.of("day", LogicalType.DATE, false), Field.of("at", LogicalType.TIME, false),
                Field.of("ts", LogicalType.TIMESTAMP, false), Field.of("tz", LogicalType.TIMESTAMP_TZ, false));
        try (VectorSchemaRoot b = batch(s,
                row(LocalDate.of(2024, 1, 31), LocalTime.of(9, 30), LocalDateTime.of(2024, 1, 31, 9, 30),
                        Instant.parse("2024-01-31T09:30:00Z")),
                row(LocalDate.of(1969, 12, 31), LocalTime.of(23, 59, 59, 999_999_000),
                        LocalDateTime.of(1969, 12, 31, 23, 59, 59, 1_000), Instant.parse("1969-12-31T23:59:59.000001Z")))) {
            assertEquals(List.of(0), selected(col("day").ge(LocalDate.of(2024, 1, 31)), b));
            assertEquals(List.of(1), selected(col("day").lt(LocalDate.of(1970, 1, 1)), b));
            assertEquals(List.of(0), selected(col("at").lt(LocalTime.NOON), b));
            assertEquals(List.of(1), selected(col("at").gt(LocalTime.of(23, 59, 59, 999_998_000)), b));
            assertEquals(List.of(0), selected(col("ts").eq(LocalDateTime.of(2024, 1, 31, 9, 30)), b));
            // a microsecond before the epoch stays before it
            assertEquals(List.of(1), selected(col("ts").lt(LocalDateTime.of(1970, 1, 1, 0, 0)), b));
            assertEquals(List.of(1), selected(col("ts").gt(LocalDateTime.of(1969, 12, 31, 23, 59, 59))
                    .and(col("ts").lt(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 2_000))), b));
            assertEquals(List.of(0), selected(col("tz").gt(Instant.parse("2024-01-31T09:29:59.999999Z")), b));
            assertEquals(List.of(1), selected(col("tz").lt(Instant.EPOCH), b));
        }
    }

    @Test
    void comparesTimestampsOfDifferentUnitsAtMicrosecondPrecision() {
        Schema s = Schema.of(Field.of("ms", LogicalType.timestamp(TimePrecision.MILLIS, true), false),
                Field.of("us", LogicalType.TIMESTAMP_TZ, false),
                Field.of("sec", LogicalType.timestamp(TimePrecision.SECONDS, false), false));
        try (VectorSchemaRoot b = batch(s,
                row(Instant.parse("2024-05-01T10:00:00.123Z"), Instant.parse("2024-05-01T10:00:00.123Z"),
                        LocalDateTime.of(2024, 5, 1, 10, 0)),
                row(Instant.parse("2024-05-01T10:00:00.123Z"), Instant.parse("2024-05-01T10:00:00.123001Z"),
                        LocalDateTime.of(2024, 5, 1, 10, 0, 1)))) {
            assertEquals(List.of(0), selected(col("ms").eq(col("us")), b));
            assertEquals(List.of(1), selected(col("ms").lt(col("us")), b));
            assertEquals(List.of(0, 1), selected(col("ms").eq(Instant.parse("2024-05-01T10:00:00.123Z")), b));
            assertEquals(List.of(1), selected(col("sec").gt(LocalDateTime.of(2024, 5, 1, 10, 0, 0, 999_999_000)), b));
        }
    }

    @Test
    void promotesADateToMidnightWhenComparedWithATimestamp() {
        Schema s = Schema.of(Field.of("day", LogicalType.DATE, false), Field.of("ts", LogicalType.TIMESTAMP, false),
                Field.of("tz", LogicalType.TIMESTAMP_TZ, false));
        try (VectorSchemaRoot b = batch(s,
                row(LocalDate.of(2024, 1, 1), LocalDateTime.of(2024, 1, 1, 0, 0), Instant.parse("2024-01-01T00:00:00Z")),
                row(LocalDate.of(2024, 1, 2), LocalDateTime.of(2024, 1, 1, 12, 0), Instant.parse("2024-01-01T12:00:00Z")))) {
            assertEquals(List.of(0), selected(col("day").eq(col("ts")), b));
            assertEquals(List.of(1), selected(col("day").gt(col("ts")), b));
            assertEquals(List.of(0), selected(col("tz").eq(col("day")), b));
            assertEquals(List.of(0), selected(col("day").lt(LocalDateTime.of(2024, 1, 1, 12, 0)), b));
            assertEquals(List.of(0, 1), selected(col("ts").ge(LocalDate.of(2024, 1, 1)), b));
        }
    }

    @Test
    void readsAStringLiteralAsTheTypeOfTheTemporalColumnItIsComparedWith() {
        Schema s = Schema.of(Field.of("day", LogicalType.DATE, false), Field.of("at", LogicalType.TIME, false),
                Field.of("ts", LogicalType.TIMESTAMP, false), Field.of("tz", LogicalType.TIMESTAMP_TZ, false));
        try (VectorSchemaRoot b = batch(s,
                row(LocalDate.of(2023, 12, 31), LocalTime.of(8, 0), LocalDateTime.of(2023, 12, 31, 23, 0),
                        Instant.parse("2023-12-31T23:00:00Z")),
                row(LocalDate.of(2024, 1, 10), LocalTime.of(18, 0), LocalDateTime.of(2024, 1, 10, 1, 0),
                        Instant.parse("2024-01-10T01:00:00Z")))) {
            assertEquals(List.of(1), selected(col("day").ge("2024-01-01"), b));
            assertEquals(List.of(1), selected(lit("2024-01-01").lt(col("day")), b)); // literal on the left
            assertEquals(List.of(0), selected(col("at").lt("12:00"), b));
            assertEquals(List.of(1), selected(col("ts").gt("2024-01-01 00:00:00"), b));
            assertEquals(List.of(0), selected(col("tz").lt("2024-01-01T00:30:00+01:00"), b)); // 2023-12-31T23:30Z
            assertEquals(List.of(1), selected(col("day").in("2024-01-10", "2020-02-29"), b));

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> evaluator.select(col("day").ge("31/01/2024"), b));
            assertTrue(e.getMessage().contains("31/01/2024"), e.getMessage());
        }
    }

    @Test
    void comparisonWithNullIsUnknownEitherWay() {
        Schema s = Schema.of(Field.of("x", LogicalType.INT64, false));
        try (VectorSchemaRoot b = batch(s, row(1L), row((Object) null), row(3L))) {
            assertEquals("TNF", truth(col("x").eq(1), b));
            assertEquals("FNT", truth(col("x").ne(1), b));
            assertEquals(List.of(2), selected(col("x").eq(1).not(), b));
        }
    }

    // ---- three-valued logic ----------------------------------------------------------------------

    /** Rows a, b over every pair of true, false and null, in the order TT TF TN FT FF FN NT NF NN. */
    private VectorSchemaRoot truthTable() {
        Schema s = Schema.of(Field.of("a", LogicalType.BOOLEAN, false), Field.of("b", LogicalType.BOOLEAN, false));
        Boolean[] v = {true, false, null};
        List<Object[]> rows = new ArrayList<>();
        for (Boolean a : v) {
            for (Boolean c : v) {
                rows.add(row(a, c));
            }
        }
        return batch(s, rows.toArray(new Object[0][]));
    }

    @Test
    void andFollowsTheSqlTruthTable() {
        try (VectorSchemaRoot b = truthTable()) {
            //                    TT   TF   TN   FT   FF   FN   NT   NF   NN
            assertEquals("TFN" + "FFF" + "NFN", truth(col("a").and(col("b")), b));
            assertEquals(List.of(0), selected(col("a").and(col("b")), b));
        }
    }

    @Test
    void orFollowsTheSqlTruthTable() {
        try (VectorSchemaRoot b = truthTable()) {
            assertEquals("TTT" + "TFN" + "TNN", truth(col("a").or(col("b")), b));
            assertEquals(List.of(0, 1, 2, 3, 6), selected(col("a").or(col("b")), b));
        }
    }

    @Test
    void notOfUnknownIsUnknownAndSelectsNothing() {
        try (VectorSchemaRoot b = truthTable()) {
            assertEquals("FFF" + "TTT" + "NNN", truth(col("a").not(), b));
            assertEquals(List.of(3, 4, 5), selected(col("a").not(), b));
            // NOT (a AND b): true only where a AND b is false
            assertEquals("FTN" + "TTT" + "NTN", truth(col("a").and(col("b")).not(), b));
        }
    }

    @Test
    void andAndOrOfManyOperandsDecideOnAnyFalseOrTrue() {
        try (VectorSchemaRoot b = truthTable()) {
            // the third operand is always unknown (a comparison with a null literal column)
            Expr unknown = col("a").isNull().and(col("a"));  // null where a is null, false elsewhere
            assertEquals("FFF" + "FFF" + "NNN", truth(unknown, b));
            assertEquals("TFN" + "FFF" + "NFN", truth(Expr.allOf(col("a"), col("b"), lit(true)), b));
            assertEquals("FFF" + "FFF" + "NFN", truth(Expr.allOf(col("b"), col("a"), unknown), b));
            assertEquals("TTT" + "TFN" + "TNN", truth(Expr.anyOf(lit(false), col("b"), col("a")), b));
            assertEquals("TTT" + "TFN" + "TNN", truth(Expr.anyOf(unknown, col("a"), col("b")), b));
        }
    }

    @Test
    void isNullIsNeverUnknown() {
        try (VectorSchemaRoot b = truthTable()) {
            assertEquals("FFF" + "FFF" + "TTT", truth(col("a").isNull(), b));
            assertEquals("FFT" + "FFT" + "FFT", truth(col("b").isNull(), b));
            assertEquals("TTF" + "TTF" + "TTF", truth(col("b").isNotNull(), b));
        }
    }

    @Test
    void inIsUnknownForANullOperandSoNeitherInNorNotInSelectsIt() {
        Schema s = Schema.of(Field.of("x", LogicalType.INT32, false), Field.of("s", LogicalType.STRING, false),
                Field.of("d", LogicalType.decimal(5, 1), false));
        try (VectorSchemaRoot b = batch(s, row(1, "a", new BigDecimal("1.0")), row(null, null, null),
                row(3, "c", new BigDecimal("2.5")))) {
            assertEquals("TNF", truth(col("x").in(1, 2), b));
            assertEquals(List.of(0), selected(col("x").in(1, 2), b));
            assertEquals(List.of(2), selected(col("x").in(1, 2).not(), b));
            assertEquals(List.of(0, 2), selected(col("s").in("a", "c"), b));
            assertEquals(List.of(0), selected(col("d").in(1, 7), b));
            assertEquals(List.of(2), selected(col("d").in(new BigDecimal("2.50")), b));
        }
    }

    @Test
    void matchesRequiresTheWholeStringToMatch() {
        Schema s = Schema.of(Field.of("sku", LogicalType.STRING, false));
        try (VectorSchemaRoot b = batch(s, row("SKU-123"), row("xSKU-123"), row("SKU-1234"), row((Object) null),
                row("sku-123"))) {
            assertEquals("TFFNF", truth(col("sku").matches("SKU-\\d{3}"), b));
            assertEquals(List.of(1, 2, 4), selected(col("sku").matches("SKU-\\d{3}").not(), b));
            assertEquals(List.of(0, 1, 2), selected(col("sku").matches(".*SKU.*"), b));
        }
    }

    // ---- arithmetic ------------------------------------------------------------------------------

    @Test
    void integerArithmeticStaysIntegerAndOverflowIsNull() {
        Schema s = Schema.of(Field.of("x", LogicalType.INT64, false), Field.of("y", LogicalType.INT64, false));
        try (VectorSchemaRoot b = batch(s, row(7L, 3L), row(Long.MAX_VALUE, 1L), row(Long.MIN_VALUE, 2L),
                row(null, 1L))) {
            try (FieldVector v = evaluator.evaluate(col("x").plus(col("y")), b, "sum", allocator)) {
                assertInstanceOf(BigIntVector.class, v);
            }
            assertEquals(Arrays.asList(10L, null, Long.MIN_VALUE + 2, null), values(col("x").plus(col("y")), b));
            assertEquals(Arrays.asList(4L, Long.MAX_VALUE - 1, null, null), values(col("x").minus(col("y")), b));
            assertEquals(Arrays.asList(21L, Long.MAX_VALUE, null, null), values(col("x").times(col("y")), b));
            assertEquals(Arrays.asList(1L, 0L, 0L, null), values(col("x").modulo(col("y")), b));
            // an int32 column plus an int32 literal does not wrap around at 32 bits
            Schema i32 = Schema.of(Field.of("i", LogicalType.INT32, false));
            try (VectorSchemaRoot small = batch(i32, row(Integer.MAX_VALUE))) {
                assertEquals(List.of((long) Integer.MAX_VALUE + 1), values(col("i").plus(1), small));
            }
        }
    }

    @Test
    void divisionIsAlwaysFloatingAndDivisionOrModuloByZeroIsNull() {
        Schema s = Schema.of(Field.of("x", LogicalType.INT64, false), Field.of("y", LogicalType.INT64, false),
                Field.of("f", LogicalType.FLOAT64, false));
        try (VectorSchemaRoot b = batch(s, row(7L, 2L, 1.5), row(7L, 0L, 0.0), row(-9L, 4L, -2.0))) {
            try (FieldVector v = evaluator.evaluate(col("x").dividedBy(col("y")), b, "q", allocator)) {
                assertInstanceOf(Float8Vector.class, v);
            }
            assertEquals(Arrays.asList(3.5, null, -2.25), values(col("x").dividedBy(col("y")), b));
            assertEquals(Arrays.asList(1L, null, -1L), values(col("x").modulo(col("y")), b));
            assertEquals(Arrays.asList(7 / 1.5, null, 4.5), values(col("x").dividedBy(col("f")), b));
            assertEquals(Arrays.asList(1.0, null, -1.0), values(col("x").modulo(col("f")), b));
            assertEquals(Arrays.asList(1.5, 0.0, -2.0), values(col("f").dividedBy(1), b));
            assertEquals(Arrays.asList(null, null, null), values(col("f").dividedBy(0), b));
            assertEquals(List.of(0), selected(col("x").dividedBy(col("y")).gt(3.4), b));
        }
    }

    @Test
    void decimalArithmeticIsExactAndDivisionByZeroIsNull() {
        Schema s = Schema.of(Field.of("d", LogicalType.decimal(10, 2), false),
                Field.of("e", LogicalType.decimal(10, 3), false));
        try (VectorSchemaRoot b = batch(s, row(new BigDecimal("1.10"), new BigDecimal("2.205")),
                row(new BigDecimal("3.00"), new BigDecimal("0.000")))) {
            List<Object> sums = values(col("d").plus(col("e")), b);
            assertEquals(0, new BigDecimal("3.305").compareTo((BigDecimal) sums.get(0)));
            assertEquals(0, new BigDecimal("3.000").compareTo((BigDecimal) sums.get(1)));
            List<Object> products = values(col("d").times(3), b);
            assertEquals(0, new BigDecimal("3.30").compareTo((BigDecimal) products.get(0)));
            List<Object> quotients = values(col("d").dividedBy(col("e")), b);
            assertEquals(0, new BigDecimal("1.10").divide(new BigDecimal("2.205"), java.math.MathContext.DECIMAL128)
                    .compareTo((BigDecimal) quotients.get(0)));
            assertNull(quotients.get(1));
            assertNull(values(col("d").modulo(col("e")), b).get(1));
            // 0.1 + 0.2 is exactly 0.3 in decimal, unlike in floating point
            assertEquals(List.of(0, 1), selected(col("d").minus(col("d")).plus(new BigDecimal("0.1"))
                    .plus(new BigDecimal("0.2")).eq(new BigDecimal("0.3")), b));
        }
    }

    @Test
    void arithmeticOnANonNumberIsRejected() {
        Schema s = Schema.of(Field.of("s", LogicalType.STRING, false));
        try (VectorSchemaRoot b = batch(s, row("a"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> evaluator.evaluate(col("s").plus(1), b, "x", allocator));
            assertTrue(e.getMessage().contains("arithmetic"), e.getMessage());
        }
    }

    // ---- functions -------------------------------------------------------------------------------

    @Test
    void lengthCountsCharactersOfStringsAndElementsOfArrays() {
        Schema s = Schema.of(Field.of("s", LogicalType.STRING, false),
                Field.of("tags", LogicalType.arrayOf(LogicalType.STRING), false));
        try (VectorSchemaRoot b = batch(s, row("héllo", List.of("a", "b")), row("😀x", List.of()),
                row(null, null))) {
            assertEquals(Arrays.asList(5L, 2L, null), values(col("s").length(), b));
            assertEquals(Arrays.asList(2L, 0L, null), values(col("tags").length(), b));
            assertEquals(List.of(0), selected(col("tags").length().ge(1), b));
        }
    }

    @Test
    void lowerAndUpperChangeCaseIndependentlyOfTheDefaultLocale() {
        Schema s = Schema.of(Field.of("s", LogicalType.STRING, false));
        try (VectorSchemaRoot b = batch(s, row("MiXed"), row("title"), row((Object) null))) {
            assertEquals(Arrays.asList("mixed", "title", null), values(Expr.call(Function.LOWER, col("s")), b));
            assertEquals(Arrays.asList("MIXED", "TITLE", null), values(Expr.call(Function.UPPER, col("s")), b));
            assertEquals(List.of(1), selected(Expr.call(Function.UPPER, col("s")).eq("TITLE"), b));
        }
    }

    @Test
    void absWorksOnEveryNumberKindAndIsNullForTheSmallestLong() {
        Schema s = Schema.of(Field.of("i", LogicalType.INT64, false), Field.of("f", LogicalType.FLOAT64, false),
                Field.of("d", LogicalType.decimal(6, 2), false));
        try (VectorSchemaRoot b = batch(s, row(-4L, -1.5, new BigDecimal("-2.25")), row(Long.MIN_VALUE, 2.0, null))) {
            Expr absI = Expr.call(Function.ABS, col("i"));
            assertEquals(Arrays.asList(4L, null), values(absI, b));
            assertEquals(Arrays.asList(1.5, 2.0), values(Expr.call(Function.ABS, col("f")), b));
            assertEquals(Arrays.asList(new BigDecimal("2.25"), null), values(Expr.call(Function.ABS, col("d")), b));
        }
    }

    @Test
    void coalesceTakesTheFirstValuePresentInTheCommonType() {
        Schema s = Schema.of(Field.of("a", LogicalType.INT64, false), Field.of("b", LogicalType.FLOAT64, false),
                Field.of("day", LogicalType.DATE, false), Field.of("ts", LogicalType.TIMESTAMP, false));
        try (VectorSchemaRoot b = batch(s, row(1L, 9.5, LocalDate.of(2024, 1, 2), null),
                row(null, 2.5, null, LocalDateTime.of(2024, 3, 4, 5, 6)), row(null, null, null, null))) {
            assertEquals(Arrays.asList(1.0, 2.5, -1.0), values(Expr.call(Function.COALESCE, col("a"), col("b"), lit(-1)), b));
            assertEquals(Arrays.asList(1L, null, null), values(Expr.call(Function.COALESCE, col("a")), b));
            assertEquals(Arrays.asList(LocalDateTime.of(2024, 1, 2, 0, 0), LocalDateTime.of(2024, 3, 4, 5, 6), null),
                    values(Expr.call(Function.COALESCE, col("day"), col("ts")), b));
            assertThrows(IllegalArgumentException.class,
                    () -> values(Expr.call(Function.COALESCE, col("a"), lit("x")), b));
        }
    }

    // ---- principal attributes --------------------------------------------------------------------

    @Test
    void principalAttributesAreComparedAndAnAbsentOneSelectsNothing() {
        Schema s = Schema.of(Field.of("region", LogicalType.STRING, false), Field.of("level", LogicalType.INT32, false));
        Principal eu = new Principal("ana", Set.of("analyst"), Map.of("region", "eu", "clearance", 2));
        Principal none = Principal.of("bob", "analyst");
        try (VectorSchemaRoot b = batch(s, row("eu", 1), row("us", 3), row("eu", 2))) {
            ExpressionEvaluator forEu = new ExpressionEvaluator(eu);
            assertEquals(List.of(0, 2), selected(forEu, col("region").eq(Expr.principal("region")), b));
            assertEquals(List.of(0, 2), selected(forEu, col("level").le(Expr.principal("clearance")), b));

            ExpressionEvaluator forNone = new ExpressionEvaluator(none);
            Expr own = col("region").eq(Expr.principal("region"));
            assertEquals(List.of(), selected(forNone, own, b));
            assertEquals(List.of(), selected(forNone, own.not(), b)); // unknown, not false: deny by default
            assertEquals(List.of(), selected(evaluator, own, b));
            assertEquals(List.of(0, 1, 2), selected(forNone, Expr.principal("region").isNull(), b));
        }
    }

    @Test
    void aPrincipalAttributeWithSeveralValuesIsRejected() {
        Schema s = Schema.of(Field.of("region", LogicalType.STRING, false));
        Principal p = new Principal("ana", Set.of(), Map.of("region", List.of("eu", "us")));
        try (VectorSchemaRoot b = batch(s, row("eu"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ExpressionEvaluator(p).select(col("region").eq(Expr.principal("region")), b));
            assertTrue(e.getMessage().contains("region"), e.getMessage());
        }
    }

    // ---- evaluate(...) vector types --------------------------------------------------------------

    @Test
    void evaluateYieldsVectorsOfTheDocumentedTypes() {
        Schema s = Schema.of(Field.of("i8", LogicalType.INT8, false), Field.of("f32", LogicalType.FLOAT32, false),
                Field.of("d", LogicalType.decimal(8, 3), false), Field.of("s", LogicalType.STRING, false),
                Field.of("b", LogicalType.BOOLEAN, false), Field.of("day", LogicalType.DATE, false),
                Field.of("at", LogicalType.TIME, false),
                Field.of("ts", LogicalType.timestamp(TimePrecision.MILLIS, false), false),
                Field.of("tz", LogicalType.timestamp(TimePrecision.SECONDS, true), false));
        LocalDateTime ts = LocalDateTime.of(2024, 2, 29, 12, 34, 56, 789_000_000);
        Instant tz = Instant.parse("2024-02-29T12:34:56Z");
        try (VectorSchemaRoot b = batch(s,
                row(7, 0.5f, new BigDecimal("1.234"), "x", true, LocalDate.of(2024, 2, 29), LocalTime.of(1, 2, 3),
                        ts, tz),
                row(null, null, null, null, null, null, null, null, null))) {
            check(b, col("i8"), BigIntVector.class, 7L);
            check(b, col("f32"), Float8Vector.class, 0.5);
            check(b, col("s"), VarCharVector.class, "x");
            check(b, col("b"), BitVector.class, true);
            check(b, col("day"), DateDayVector.class, LocalDate.of(2024, 2, 29));
            check(b, col("at"), TimeMicroVector.class, LocalTime.of(1, 2, 3));
            check(b, col("ts"), TimeStampMicroVector.class, ts);
            check(b, col("tz"), TimeStampMicroTZVector.class, tz);
            try (FieldVector v = evaluator.evaluate(col("d"), b, "d2", allocator)) {
                DecimalVector d = assertInstanceOf(DecimalVector.class, v);
                assertEquals(38, d.getPrecision());
                assertEquals(new BigDecimal("1.234"), d.getObject(0));
                assertTrue(d.isNull(1));
            }
            try (FieldVector v = evaluator.evaluate(col("tz"), b, "tz2", allocator)) {
                assertEquals("UTC", ((ArrowType.Timestamp) v.getField().getType()).getTimezone());
            }
        }
    }

    private void check(VectorSchemaRoot b, Expr expr, Class<? extends FieldVector> type, Object first) {
        try (FieldVector v = evaluator.evaluate(expr, b, "out_" + expr, allocator)) {
            assertInstanceOf(type, v, expr.toString());
            assertEquals("out_" + expr, v.getName());
            assertEquals(b.getRowCount(), v.getValueCount());
            assertEquals(first, VectorValues.get(v, 0), expr.toString());
            assertTrue(v.isNull(1), expr + " keeps null as null");
        }
    }

    @Test
    void evaluateOfAConstantFillsEveryRow() {
        Schema s = Schema.of(Field.of("x", LogicalType.INT64, false));
        try (VectorSchemaRoot b = batch(s, row(1L), row(2L), row(3L))) {
            assertEquals(List.of("k", "k", "k"), values(lit("k"), b));
            assertEquals(List.of(true, true, true), values(lit(1).lt(2), b));
        }
    }

    // ---- errors ----------------------------------------------------------------------------------

    @Test
    void anUnknownColumnIsNamedWithTheColumnsTheBatchHas() {
        Schema s = Schema.of(Field.of("sku", LogicalType.STRING, false), Field.of("quantity", LogicalType.INT64, false));
        try (VectorSchemaRoot b = batch(s, row("a", 1L))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> evaluator.select(col("qty").gt(1), b));
            assertTrue(e.getMessage().contains("'qty'"), e.getMessage());
            assertTrue(e.getMessage().contains("[sku, quantity]"), e.getMessage());
        }
    }

    @Test
    void comparingAStringWithANumberIsRejected() {
        Schema s = Schema.of(Field.of("sku", LogicalType.STRING, false), Field.of("n", LogicalType.INT32, false));
        try (VectorSchemaRoot b = batch(s, row("1", 1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> evaluator.select(col("sku").eq(1), b));
            assertTrue(e.getMessage().contains("string") && e.getMessage().contains("integer"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> evaluator.select(col("n").eq(col("sku")), b));
            assertThrows(IllegalArgumentException.class, () -> evaluator.select(col("n").in("1"), b));
            assertThrows(IllegalArgumentException.class, () -> evaluator.select(col("n").matches("1"), b));
        }
    }

    @Test
    void aNonBooleanExpressionIsNotAPredicate() {
        Schema s = Schema.of(Field.of("n", LogicalType.INT64, false), Field.of("b", LogicalType.BOOLEAN, false));
        try (VectorSchemaRoot b = batch(s, row(1L, true))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> evaluator.select(col("n"), b));
            assertTrue(e.getMessage().contains("not a predicate"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> evaluator.select(col("b").and(col("n")), b));
            assertThrows(IllegalArgumentException.class, () -> evaluator.select(col("n").not(), b));
            assertThrows(IllegalArgumentException.class, () -> evaluator.select(col("n").plus(1), b));
        }
    }

    @Test
    void orderingStructsIsRejected() {
        Schema s = Schema.of(Field.of("p", LogicalType.struct(Field.of("x", LogicalType.INT64, false)), false));
        try (VectorSchemaRoot b = batch(s, row(Map.of("x", 1L)))) {
            assertThrows(IllegalArgumentException.class, () -> evaluator.select(col("p").lt(col("p")), b));
            assertEquals(List.of(0), selected(col("p").eq(col("p")), b));
        }
    }

    // ---- differential check against plain Java ---------------------------------------------------

    private static final String[] WORDS = {"x", "y", "xz", "yz", "z", "", "xx"};

    @Test
    void selectionAgreesWithAPlainJavaComputationOnRandomRows() {
        long seed = 20240611L;
        Random random = new Random(seed);
        Schema s = Schema.of(Field.of("a", LogicalType.INT64, false), Field.of("f", LogicalType.FLOAT64, false),
                Field.of("s", LogicalType.STRING, false), Field.of("flag", LogicalType.BOOLEAN, false));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Map<String, Object> r = new HashMap<>();
            r.put("a", random.nextInt(5) == 0 ? null : (long) random.nextInt(41) - 20);
            r.put("f", random.nextInt(5) == 0 ? null : random.nextInt(81) / 4.0 - 10);
            r.put("s", random.nextInt(5) == 0 ? null : WORDS[random.nextInt(WORDS.length)]);
            r.put("flag", random.nextInt(4) == 0 ? null : random.nextBoolean());
            rows.add(r);
        }
        Pattern xyz = Pattern.compile("[xy]z?");
        Map<Expr, java.util.function.Function<Map<String, Object>, Boolean>> cases = new java.util.LinkedHashMap<>();
        // (a > 3 AND s IN ('x', 'yz')) OR NOT flag
        cases.put(col("a").gt(3).and(col("s").in("x", "yz")).or(col("flag").not()),
                r -> or3(and3(gt(r.get("a"), 3), in(r.get("s"), "x", "yz")), not3((Boolean) r.get("flag"))));
        // a + 5 < f OR s MATCHES '[xy]z?'
        cases.put(col("a").plus(5).lt(col("f")).or(col("s").matches("[xy]z?")),
                r -> or3(lt(plus(r.get("a"), 5L), r.get("f")),
                        r.get("s") == null ? null : xyz.matcher((String) r.get("s")).matches()));
        // NOT (a / f >= 1 AND flag) AND s IS NOT NULL
        cases.put(col("a").dividedBy(col("f")).ge(1).and(col("flag")).not().and(col("s").isNotNull()),
                r -> and3(not3(and3(ge(divide(r.get("a"), r.get("f")), 1.0), (Boolean) r.get("flag"))),
                        r.get("s") != null));
        // a % 3 = 0 OR length(s) > 1 OR a IS NULL
        cases.put(Expr.anyOf(col("a").modulo(3).eq(0), col("s").length().gt(1), col("a").isNull()),
                r -> or3(or3(eq(r.get("a") == null ? null : (Long) r.get("a") % 3, 0L),
                        r.get("s") == null ? null : ((String) r.get("s")).length() > 1), r.get("a") == null));

        try (VectorSchemaRoot b = BatchBuilder.fromRows(s, rows, allocator)) {
            for (Map.Entry<Expr, java.util.function.Function<Map<String, Object>, Boolean>> c : cases.entrySet()) {
                Selection sel = evaluator.select(c.getKey(), b);
                int trueRows = 0;
                for (int i = 0; i < rows.size(); i++) {
                    boolean expected = Boolean.TRUE.equals(c.getValue().apply(rows.get(i)));
                    trueRows += expected ? 1 : 0;
                    assertEquals(expected, sel.isSelected(i),
                            "seed " + seed + ", predicate " + c.getKey() + ", row " + i + " " + rows.get(i));
                }
                assertEquals(trueRows, sel.count());
                // the generated data must exercise both outcomes, or the check proves little
                assertTrue(trueRows > 0 && trueRows < rows.size(), c.getKey() + " selects " + trueRows + " rows");
            }
        }
    }

    private static Boolean and3(Boolean x, Boolean y) {
        if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
            return false;
        }
        return x == null || y == null ? null : true;
    }

    private static Boolean or3(Boolean x, Boolean y) {
        if (Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y)) {
            return true;
        }
        return x == null || y == null ? null : false;
    }

    private static Boolean not3(Boolean x) {
        return x == null ? null : !x;
    }

    private static Integer cmp(Object x, Object y) {
        if (x == null || y == null) {
            return null;
        }
        return Double.compare(((Number) x).doubleValue(), ((Number) y).doubleValue());
    }

    private static Boolean gt(Object x, Object y) {
        Integer c = cmp(x, y);
        return c == null ? null : c > 0;
    }

    private static Boolean ge(Object x, Object y) {
        Integer c = cmp(x, y);
        return c == null ? null : c >= 0;
    }

    private static Boolean lt(Object x, Object y) {
        Integer c = cmp(x, y);
        return c == null ? null : c < 0;
    }

    private static Boolean eq(Object x, Object y) {
        Integer c = cmp(x, y);
        return c == null ? null : c == 0;
    }

    private static Boolean in(Object x, String... values) {
        return x == null ? null : Arrays.asList(values).contains(x);
    }

    private static Long plus(Object x, long y) {
        return x == null ? null : (Long) x + y;
    }

    private static Double divide(Object x, Object y) {
        if (x == null || y == null || ((Number) y).doubleValue() == 0) {
            return null;
        }
        return ((Number) x).doubleValue() / ((Number) y).doubleValue();
    }

    @Test
    void selectionHelpersInvertAndCombine() {
        Schema s = Schema.of(Field.of("x", LogicalType.INT64, false));
        try (VectorSchemaRoot b = batch(s, row(1L), row((Object) null), row(3L), row(4L))) {
            Selection big = evaluator.select(col("x").gt(2), b);
            Selection even = evaluator.select(col("x").modulo(2).eq(0), b);
            assertEquals(1, big.and(even).count());
            assertTrue(big.and(even).isSelected(3));
            Selection notBig = big.invert();  // a mask complement: the unknown row 1 is in it
            assertEquals(2, notBig.count());
            assertTrue(notBig.isSelected(0) && notBig.isSelected(1));
            assertFalse(big.invert().isSelected(2));
            assertEquals(-1, big.nextSelected(4));
            assertThrows(IllegalArgumentException.class, () -> big.and(Selection.all(3)));
        }
    }
}
