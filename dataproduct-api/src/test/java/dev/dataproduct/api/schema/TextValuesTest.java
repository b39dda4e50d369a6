package dev.dataproduct.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextValuesTest {

    @Test
    void readsStringsAsTheyAreWithoutStripping() {
        assertEquals("  two words ", TextValues.parse(LogicalType.STRING, "  two words "));
        assertEquals("", TextValues.parse(LogicalType.STRING, ""));
    }

    @Test
    void readsIntegersAsLongIgnoringSurroundingSpaces() {
        assertEquals(42L, TextValues.parse(LogicalType.INT32, " 42 "));
        assertEquals(-7L, TextValues.parse(LogicalType.INT8, "-7"));
        assertEquals(Long.class, TextValues.parse(LogicalType.INT16, "1").getClass());
    }

    @ParameterizedTest
    @CsvSource({
            "int8,-128,127,-129,128",
            "int16,-32768,32767,-32769,32768",
            "int32,-2147483648,2147483647,-2147483649,2147483648",
            "int64,-9223372036854775808,9223372036854775807,-9223372036854775809,9223372036854775808"})
    void readsIntegersUpToTheRangeOfTheirWidthAndNoFurther(String typeName, String min, String max, String below,
                                                           String above) {
        LogicalType t = LogicalType.parse(typeName);
        assertEquals(Long.parseLong(min), TextValues.parse(t, min));
        assertEquals(Long.parseLong(max), TextValues.parse(t, max));
        IllegalArgumentException low = assertThrows(IllegalArgumentException.class, () -> TextValues.parse(t, below));
        assertEquals("'" + below + "' is out of the range of " + typeName + " [" + min + ", " + max + "]",
                low.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TextValues.parse(t, above));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "abc", "", "1e3", "12 34", "0x10"})
    void rejectsTextThatIsNotAnInteger(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextValues.parse(LogicalType.INT32, text));
        assertEquals("'" + text.strip() + "' is not a number of type int32", e.getMessage());
    }

    @Test
    void readsDecimalsAtTheScaleOfTheType() {
        LogicalType t = LogicalType.decimal(5, 2);
        assertEquals(new BigDecimal("1.50"), TextValues.parse(t, "1.5"));
        assertEquals(2, ((BigDecimal) TextValues.parse(t, "7")).scale());
        assertEquals(new BigDecimal("-999.99"), TextValues.parse(t, "-999.99"));
        assertEquals(new BigDecimal("1.20"), TextValues.parse(t, "1.200"));
    }

    @Test
    void rejectsDecimalsWithMoreFractionalDigitsThanTheScale() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextValues.parse(LogicalType.decimal(5, 2), "1.234"));
        assertEquals("'1.234' has more than 2 digits after the point allowed by decimal(5,2)", e.getMessage());
    }

    @Test
    void rejectsDecimalsWithMoreDigitsThanThePrecision() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextValues.parse(LogicalType.decimal(5, 2), "1234.5"));
        assertEquals("'1234.5' has more digits than decimal(5,2) allows", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TextValues.parse(LogicalType.decimal(3, 0), "1000"));
        assertEquals(new BigDecimal("999"), TextValues.parse(LogicalType.decimal(3, 0), "999"));
    }

    @Test
    void rejectsTextThatIsNotADecimal() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextValues.parse(LogicalType.decimal(5, 2), "1,5"));
        assertEquals("'1,5' is not a number of type decimal(5,2)", e.getMessage());
    }

    @Test
    void fitDecimalKeepsTheValueAndOnlyChangesTheScale() {
        LogicalType.DecimalType t = (LogicalType.DecimalType) LogicalType.decimal(10, 3);
        BigDecimal fitted = TextValues.fitDecimal(t, new BigDecimal("12.5"));
        assertEquals(new BigDecimal("12.500"), fitted);
        assertEquals(0, fitted.compareTo(new BigDecimal("12.5")));
        assertEquals(new BigDecimal("12.000"), TextValues.fitDecimal(t, new BigDecimal("1.2E+1")));
        assertThrows(IllegalArgumentException.class, () -> TextValues.fitDecimal(t, new BigDecimal("0.0001")));
        assertThrows(IllegalArgumentException.class, () -> TextValues.fitDecimal(t, new BigDecimal("12345678")));
    }

    @Test
    void readsFloatsAsDouble() {
        assertEquals(1.5d, TextValues.parse(LogicalType.FLOAT32, "1.5"));
        assertEquals(1000.0d, TextValues.parse(LogicalType.FLOAT64, " 1e3 "));
        assertEquals(-0.25d, TextValues.parse(LogicalType.FLOAT64, "-0.25"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextValues.parse(LogicalType.FLOAT64, "one"));
        assertEquals("'one' is not a number of type float64", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"true,true", "TRUE,true", "1,true", "false,false", "False,false", "0,false", "' true ',true"})
    void readsBooleans(String text, boolean expected) {
        assertEquals(expected, TextValues.parse(LogicalType.BOOLEAN, text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "no", "t", "2", ""})
    void rejectsTextThatIsNotABoolean(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextValues.parse(LogicalType.BOOLEAN, text));
        assertEquals("'" + text + "' is not a boolean (true, false, 1 or 0)", e.getMessage());
    }

    @Test
    void readsIsoDates() {
        assertEquals(LocalDate.of(2024, 2, 29), TextValues.parse(LogicalType.DATE, "2024-02-29"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29", "2024-13-01", "31/01/2024", "2024-1-5", "20240131"})
    void rejectsTextThatIsNotAnIsoDate(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextValues.parse(LogicalType.DATE, text));
        assertEquals("'" + text + "' is not an ISO-8601 date", e.getMessage());
    }

    @Test
    void readsIsoTimes() {
        assertEquals(LocalTime.of(10, 15), TextValues.parse(LogicalType.TIME, "10:15"));
        assertEquals(LocalTime.of(10, 15, 30, 123_456_000), TextValues.parse(LogicalType.TIME, "10:15:30.123456"));
        assertThrows(IllegalArgumentException.class, () -> TextValues.parse(LogicalType.TIME, "25:00"));
    }

    @Test
    void readsLocalTimestampsWithTOrSpace() {
        LocalDateTime expected = LocalDateTime.of(2024, 1, 31, 10, 15, 30);
        assertEquals(expected, TextValues.parse(LogicalType.TIMESTAMP, "2024-01-31T10:15:30"));
        assertEquals(expected, TextValues.parse(LogicalType.TIMESTAMP, "2024-01-31 10:15:30"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextValues.parse(LogicalType.TIMESTAMP, "2024-01-31"));
        assertEquals("'2024-01-31' is not an ISO-8601 timestamp", e.getMessage());
    }

    @Test
    void readsTimestampsWithZoneAsInstantsFromZOrAnOffset() {
        Instant expected = Instant.parse("2024-01-31T10:15:30Z");
        assertEquals(expected, TextValues.parse(LogicalType.TIMESTAMP_TZ, "2024-01-31T10:15:30Z"));
        assertEquals(expected, TextValues.parse(LogicalType.TIMESTAMP_TZ, "2024-01-31 10:15:30Z"));
        assertEquals(expected, TextValues.parse(LogicalType.TIMESTAMP_TZ, "2024-01-31T12:15:30+02:00"));
        assertEquals(expected, TextValues.parse(LogicalType.timestamp(TimePrecision.MILLIS, true),
                "2024-01-31T05:15:30-05:00"));
    }

    @Test
    void rejectsTimestampsWithZoneThatHaveNoOffset() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextValues.parse(LogicalType.TIMESTAMP_TZ, "2024-01-31T10:15:30"));
        assertEquals("'2024-01-31T10:15:30' is not an ISO-8601 timestamp_tz with an offset or Z", e.getMessage());
    }

    @Test
    void refusesToReadArraysAndStructsFromText() {
        LogicalType array = LogicalType.arrayOf(LogicalType.STRING);
        LogicalType struct = LogicalType.struct(Field.of("a", LogicalType.STRING, false));
        assertFalse(TextValues.isTextReadable(array));
        assertFalse(TextValues.isTextReadable(struct));
        assertTrue(TextValues.isTextReadable(LogicalType.TIMESTAMP_TZ));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TextValues.parse(array, "[a]"));
        assertEquals("values of type array<string> cannot be read from text", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TextValues.parse(struct, "{}"));
    }

    @Test
    void rejectsNullTypeOrText() {
        assertThrows(NullPointerException.class, () -> TextValues.parse(null, "1"));
        assertThrows(NullPointerException.class, () -> TextValues.parse(LogicalType.INT8, null));
    }

    @Test
    void formatWritesWhatParseReadsBackForEveryScalarType() {
        List<Object[]> cases = List.of(
                new Object[] {LogicalType.STRING, "text"},
                new Object[] {LogicalType.INT64, Long.MIN_VALUE},
                new Object[] {LogicalType.decimal(20, 4), new BigDecimal("-12345.6700")},
                new Object[] {LogicalType.FLOAT64, 0.1d},
                new Object[] {LogicalType.BOOLEAN, true},
                new Object[] {LogicalType.DATE, LocalDate.of(1999, 12, 31)},
                new Object[] {LogicalType.TIME, LocalTime.of(23, 59, 59, 999_999_000)},
                new Object[] {LogicalType.TIMESTAMP, LocalDateTime.of(2024, 1, 31, 0, 0)},
                new Object[] {LogicalType.TIMESTAMP_TZ, Instant.parse("1969-12-31T23:59:59.5Z")});
        for (Object[] c : cases) {
            LogicalType type = (LogicalType) c[0];
            assertEquals(c[1], TextValues.parse(type, TextValues.format(c[1])), type.typeName());
        }
    }

    @Test
    void formatWritesDecimalsWithoutExponentAndNullAsEmpty() {
        assertEquals("1000", TextValues.format(new BigDecimal("1E+3")));
        assertEquals("0.00000001", TextValues.format(new BigDecimal("1E-8")));
        assertEquals("", TextValues.format(null));
    }

    @Test
    void showsInvisibleCharactersEscapedAndCutsLongTexts() {
        assertEquals("'na\\u00A0me\\u200B'", TextValues.show("na\u00A0me\u200B"));
        assertEquals("'\\uFEFFid\\tC:\\\\x\\n'", TextValues.show("\uFEFFid\tC:\\x\n"));
        String shown = TextValues.show("9".repeat(2_000_000));
        assertTrue(shown.length() < 80, shown);
        assertTrue(shown.endsWith("' (2000000 characters)"), shown);
    }

    @Test
    void fitDecimalRefusesHugeExponentsWithoutBuildingTheirDigits() {
        LogicalType.DecimalType t = (LogicalType.DecimalType) LogicalType.decimal(10, 2);
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> TextValues.fitDecimal(t, new BigDecimal("1E+999999999")));
        assertEquals("'1E+999999999' has more digits than decimal(10,2) allows", big.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TextValues.fitDecimal(t, new BigDecimal("1E-2147483647")));
        assertEquals(new BigDecimal("0.00"), TextValues.fitDecimal(t, new BigDecimal("0E-2147483647")));
        assertEquals(new BigDecimal("1.50"), TextValues.fitDecimal(t, new BigDecimal("1.5000000")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0663", "\uFF15", "1\u0660", "\u0661.5"})
    void rejectsNumbersWithDigitsOtherThanAscii(String text) {
        assertThrows(IllegalArgumentException.class, () -> TextValues.parse(LogicalType.INT32, text));
        assertThrows(IllegalArgumentException.class, () -> TextValues.parse(LogicalType.decimal(5, 1), text));
        assertThrows(IllegalArgumentException.class, () -> TextValues.parse(LogicalType.FLOAT64, text));
    }

    @Test
    void readsNumbersOfEveryLengthExactlyOnBothSidesOfEighteenDigits() {
        LogicalType wide = LogicalType.decimal(38, 2);
        assertEquals(new BigDecimal("1234567890123456789012345.67"),
                TextValues.parse(wide, "1234567890123456789012345.67"));
        assertEquals(new BigDecimal("-123456789012345678.50"), TextValues.parse(wide, "-1234567890123456785e-1"));
        assertEquals(new BigDecimal("120000.00"), TextValues.parse(wide, "12e4"));
        assertEquals(999_999_999_999_999_999L, TextValues.parse(LogicalType.INT64, "999999999999999999"));
        assertEquals(-1_000_000_000_000_000_000L, TextValues.parse(LogicalType.INT64, "-1000000000000000000"));
        assertEquals(0.1d, TextValues.parse(LogicalType.FLOAT64, "0.1"));
        assertEquals((double) 0.1f, TextValues.parse(LogicalType.FLOAT32, "0.1"));
        assertEquals(-0.0d, TextValues.parse(LogicalType.FLOAT64, "-0.0"));
    }
}
