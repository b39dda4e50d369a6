package dev.dataproduct.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class LogicalTypeTest {

    static Stream<Arguments> everyTypeWithItsCanonicalName() {
        return Stream.of(
                Arguments.of(LogicalType.STRING, "string"),
                Arguments.of(LogicalType.INT8, "int8"),
                Arguments.of(LogicalType.INT16, "int16"),
                Arguments.of(LogicalType.INT32, "int32"),
                Arguments.of(LogicalType.INT64, "int64"),
                Arguments.of(LogicalType.decimal(12, 2), "decimal(12,2)"),
                Arguments.of(LogicalType.decimal(38, 0), "decimal(38,0)"),
                Arguments.of(LogicalType.decimal(1, 1), "decimal(1,1)"),
                Arguments.of(LogicalType.FLOAT32, "float32"),
                Arguments.of(LogicalType.FLOAT64, "float64"),
                Arguments.of(LogicalType.BOOLEAN, "boolean"),
                Arguments.of(LogicalType.DATE, "date"),
                Arguments.of(LogicalType.TIME, "time"),
                Arguments.of(LogicalType.TIMESTAMP, "timestamp"),
                Arguments.of(LogicalType.timestamp(TimePrecision.SECONDS, false), "timestamp(s)"),
                Arguments.of(LogicalType.timestamp(TimePrecision.MILLIS, false), "timestamp(ms)"),
                Arguments.of(LogicalType.timestamp(TimePrecision.NANOS, false), "timestamp(ns)"),
                Arguments.of(LogicalType.TIMESTAMP_TZ, "timestamp_tz"),
                Arguments.of(LogicalType.timestamp(TimePrecision.SECONDS, true), "timestamp_tz(s)"),
                Arguments.of(LogicalType.timestamp(TimePrecision.MILLIS, true), "timestamp_tz(ms)"),
                Arguments.of(LogicalType.timestamp(TimePrecision.NANOS, true), "timestamp_tz(ns)"),
                Arguments.of(LogicalType.arrayOf(LogicalType.STRING), "array<string>"),
                Arguments.of(LogicalType.arrayOf(LogicalType.arrayOf(LogicalType.DATE)), "array<array<date>>"),
                Arguments.of(LogicalType.struct(Field.of("city", LogicalType.STRING, false),
                        Field.of("zip", LogicalType.INT32, true)), "struct<city:string,zip:int32 not null>"),
                Arguments.of(LogicalType.arrayOf(LogicalType.struct(
                                Field.of("sku", LogicalType.STRING, true),
                                Field.of("price", LogicalType.decimal(10, 2), false),
                                Field.of("at", LogicalType.timestamp(TimePrecision.MILLIS, true), false))),
                        "array<struct<sku:string not null,price:decimal(10,2),at:timestamp_tz(ms)>>"),
                Arguments.of(LogicalType.struct(Field.of("inner", LogicalType.struct(
                                Field.of("tags", LogicalType.arrayOf(LogicalType.INT64), true)), false)),
                        "struct<inner:struct<tags:array<int64> not null>>"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyTypeWithItsCanonicalName")
    void hasCanonicalTypeName(LogicalType type, String name) {
        assertEquals(name, type.typeName());
        assertEquals(name, type.toString());
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyTypeWithItsCanonicalName")
    void parsesItsCanonicalTypeNameBackToAnEqualType(LogicalType type, String name) {
        assertEquals(type, LogicalType.parse(name));
        assertEquals(type, LogicalType.parse(type.typeName()));
    }

    @Test
    void parsesExplicitMicrosecondPrecisionAsTheDefaultTimestamp() {
        assertEquals(LogicalType.TIMESTAMP, LogicalType.parse("timestamp(us)"));
        assertEquals(LogicalType.TIMESTAMP_TZ, LogicalType.parse("timestamp_tz(us)"));
        assertEquals("timestamp_tz", LogicalType.parse("timestamp_tz(us)").typeName());
    }

    @Test
    void parseIgnoresSpacesBetweenTokens() {
        assertEquals(LogicalType.decimal(12, 2), LogicalType.parse("  decimal( 12 , 2 )  "));
        assertEquals(LogicalType.arrayOf(LogicalType.struct(Field.of("a", LogicalType.INT8, true),
                        Field.of("b", LogicalType.DATE, false))),
                LogicalType.parse("array < struct < a : int8 not null , b : date > >"));
    }

    @Test
    void parseRejectsNull() {
        assertThrows(NullPointerException.class, () -> LogicalType.parse(null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                      | 0  | expected a name",
            "int33                   | 0  | 'int33' is not a type",
            "decimal(12,2            | 12 | expected ')'",
            "decimal(12 2)           | 11 | expected ','",
            "decimal(a,2)            | 8  | expected a number",
            "decimal                 | 7  | expected '('",
            "array<string            | 12 | expected '>'",
            "array<>                 | 6  | expected a name",
            "struct<city string>     | 12 | expected ':'",
            "struct<a:foo>           | 9  | 'foo' is not a type",
            "string extra            | 7  | unexpected 'extra' after the type",
            "timestamp(xs)           | 10 | unknown time precision 'xs'",
            "int32>                  | 5  | unexpected '>' after the type",
    })
    void parseErrorsNameThePositionOfTheProblem(String text, int position, String what) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogicalType.parse(text));
        assertTrue(e.getMessage().startsWith("invalid type name '" + text + "' at position " + position + ": "),
                e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "decimal(0,0)     | decimal precision must be 1 to 38, not 0",
            "decimal(39,2)    | decimal precision must be 1 to 38, not 39",
            "decimal(5,6)     | decimal scale must be 0 to the precision 5, not 6",
            "struct<a:int8,a:string> | struct field 'a' is declared twice",
    })
    void parseRejectsInvalidParameters(String text, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogicalType.parse(text));
        assertTrue(e.getMessage().contains("invalid type name '" + text + "' at position"), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 12, 24, 128, -8})
    void rejectsIntegerWidthOtherThan8To64(int width) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LogicalType.IntegerType(width));
        assertEquals("integer width must be 8, 16, 32 or 64, not " + width, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8, 16, 128})
    void rejectsFloatWidthOtherThan32Or64(int width) {
        assertThrows(IllegalArgumentException.class, () -> new LogicalType.FloatingType(width));
    }

    @ParameterizedTest
    @CsvSource({"0,0", "39,0", "-1,0", "10,-1", "10,11"})
    void rejectsDecimalPrecisionOrScaleOutOfRange(int precision, int scale) {
        assertThrows(IllegalArgumentException.class, () -> LogicalType.decimal(precision, scale));
    }

    @Test
    void acceptsDecimalPrecisionAndScaleAtTheirLimits() {
        assertEquals(38, ((LogicalType.DecimalType) LogicalType.decimal(38, 38)).scale());
        assertEquals(1, ((LogicalType.DecimalType) LogicalType.decimal(1, 0)).precision());
    }

    @Test
    void rejectsTimestampWithoutPrecision() {
        assertThrows(NullPointerException.class, () -> LogicalType.timestamp(null, false));
    }

    @Test
    void rejectsArrayWithoutElementType() {
        assertThrows(NullPointerException.class, () -> LogicalType.arrayOf(null));
    }

    @Test
    void rejectsEmptyStruct() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, LogicalType::struct);
        assertEquals("a struct needs at least one field", e.getMessage());
    }

    @Test
    void rejectsStructWithTwoFieldsOfOneName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogicalType.struct(
                Field.of("a", LogicalType.STRING, false), Field.of("a", LogicalType.INT32, false)));
        assertEquals("struct field 'a' is declared twice", e.getMessage());
    }

    @Test
    void structCopiesItsFields() {
        List<Field> fields = new java.util.ArrayList<>(List.of(Field.of("a", LogicalType.STRING, false)));
        LogicalType.StructType s = new LogicalType.StructType(fields);
        fields.add(Field.of("b", LogicalType.STRING, false));
        assertEquals(1, s.fields().size());
        assertThrows(UnsupportedOperationException.class, () -> s.fields().add(Field.of("c", LogicalType.DATE, false)));
    }

    @ParameterizedTest
    @CsvSource({"8,-128,127", "16,-32768,32767", "32,-2147483648,2147483647",
            "64,-9223372036854775808,9223372036854775807"})
    void integerTypesKnowTheirRange(int width, long min, long max) {
        LogicalType.IntegerType t = new LogicalType.IntegerType(width);
        assertEquals(min, t.minValue());
        assertEquals(max, t.maxValue());
    }

    @Test
    void mapsEachTypeToItsOdcsLogicalType() {
        assertEquals("string", LogicalType.STRING.odcsLogicalType());
        assertEquals("integer", LogicalType.INT8.odcsLogicalType());
        assertEquals("integer", LogicalType.INT64.odcsLogicalType());
        assertEquals("number", LogicalType.decimal(5, 2).odcsLogicalType());
        assertEquals("number", LogicalType.FLOAT32.odcsLogicalType());
        assertEquals("boolean", LogicalType.BOOLEAN.odcsLogicalType());
        assertEquals("date", LogicalType.DATE.odcsLogicalType());
        assertEquals("time", LogicalType.TIME.odcsLogicalType());
        assertEquals("timestamp", LogicalType.TIMESTAMP_TZ.odcsLogicalType());
        assertEquals("array", LogicalType.arrayOf(LogicalType.STRING).odcsLogicalType());
        assertEquals("object", LogicalType.struct(Field.of("a", LogicalType.STRING, false)).odcsLogicalType());
    }

    @Test
    void classifiesNumericAndTemporalTypes() {
        for (LogicalType t : List.of(LogicalType.INT8, LogicalType.INT64, LogicalType.decimal(4, 1),
                LogicalType.FLOAT32, LogicalType.FLOAT64)) {
            assertTrue(t.isNumeric(), t.typeName());
            assertFalse(t.isTemporal(), t.typeName());
        }
        for (LogicalType t : List.of(LogicalType.DATE, LogicalType.TIME, LogicalType.TIMESTAMP,
                LogicalType.TIMESTAMP_TZ)) {
            assertTrue(t.isTemporal(), t.typeName());
            assertFalse(t.isNumeric(), t.typeName());
        }
        for (LogicalType t : List.of(LogicalType.STRING, LogicalType.BOOLEAN, LogicalType.arrayOf(LogicalType.INT8))) {
            assertFalse(t.isNumeric(), t.typeName());
            assertFalse(t.isTemporal(), t.typeName());
        }
    }

    @Test
    void timePrecisionIsFoundBySymbolAndRejectsUnknownSymbols() {
        assertEquals(TimePrecision.SECONDS, TimePrecision.ofSymbol("s"));
        assertEquals(TimePrecision.MILLIS, TimePrecision.ofSymbol("ms"));
        assertEquals(TimePrecision.MICROS, TimePrecision.ofSymbol("us"));
        assertEquals(TimePrecision.NANOS, TimePrecision.ofSymbol("ns"));
        assertEquals(java.time.temporal.ChronoUnit.MICROS, TimePrecision.MICROS.unit());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimePrecision.ofSymbol("US"));
        assertEquals("unknown time precision 'US': expected s, ms, us or ns", e.getMessage());
    }
}
