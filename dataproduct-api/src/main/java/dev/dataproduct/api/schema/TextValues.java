package dev.dataproduct.api.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads and writes the values of a logical type as text: CSV cells, constraint bounds, allowed
 * values and examples all go through here, so that every place reads text the same way.
 *
 * <p>The Java value of each type (the SDK's value model, also used by row views and batch
 * builders): {@code string} → {@link String}; integers → {@link Long}; {@code decimal} →
 * {@link BigDecimal} at the type's scale; floats → {@link Double}; {@code boolean} →
 * {@link Boolean}; {@code date} → {@link LocalDate}; {@code time} → {@link LocalTime};
 * {@code timestamp} → {@link LocalDateTime}; {@code timestamp_tz} → {@link Instant};
 * arrays → {@link java.util.List}; structs → {@link java.util.Map} by field name.
 */
public final class TextValues {
    /** Plain decimal notation with an optional exponent: no hex, no type suffix, no NaN or infinity. */
    private static final java.util.regex.Pattern DECIMAL_TEXT =
            java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private TextValues() {
    }

    /**
     * Reads text as a value of a type.
     *
     * @param type the logical type
     * @param text the text; surrounding spaces are ignored
     * @return the value, in the SDK's value model
     * @throws IllegalArgumentException saying why the text is not a value of the type
     */
    public static Object parse(LogicalType type, String text) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        try {
            if (type instanceof LogicalType.StringType) {
                return text;
            } else if (type instanceof LogicalType.IntegerType t) {
                BigInteger v = new BigInteger(s);
                if (v.compareTo(BigInteger.valueOf(t.minValue())) < 0 || v.compareTo(BigInteger.valueOf(t.maxValue())) > 0) {
                    throw new IllegalArgumentException("'" + s + "' is out of the range of " + t.typeName()
                            + " [" + t.minValue() + ", " + t.maxValue() + "]");
                }
                return v.longValue();
            } else if (type instanceof LogicalType.DecimalType t) {
                return fitDecimal(t, new BigDecimal(s));
            } else if (type instanceof LogicalType.FloatingType t) {
                if (!DECIMAL_TEXT.matcher(s).matches()) {
                    throw new NumberFormatException(s);
                }
                double d = Double.parseDouble(s);
                if (Double.isInfinite(d) || (t.bitWidth() == 32 && Math.abs(d) > Float.MAX_VALUE)) {
                    throw new IllegalArgumentException("'" + s + "' is out of the range of " + t.typeName());
                }
                return d;
            } else if (type instanceof LogicalType.BooleanType) {
                switch (s.toLowerCase(Locale.ROOT)) {
                    case "true": case "1": return Boolean.TRUE;
                    case "false": case "0": return Boolean.FALSE;
                    default: throw new IllegalArgumentException("'" + s + "' is not a boolean (true, false, 1 or 0)");
                }
            } else if (type instanceof LogicalType.DateType) {
                return LocalDate.parse(s);
            } else if (type instanceof LogicalType.TimeType) {
                return LocalTime.parse(s);
            } else if (type instanceof LogicalType.TimestampType t) {
                String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
                if (t.withZone()) {
                    try {
                        return Instant.parse(iso);
                    } catch (DateTimeParseException e) {
                        return OffsetDateTime.parse(iso).toInstant();
                    }
                }
                return LocalDateTime.parse(iso);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a number of type " + type.typeName());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + s + "' is not an ISO-8601 " + type.typeName()
                    + (type instanceof LogicalType.TimestampType t && t.withZone() ? " with an offset or Z" : ""));
        }
        throw new IllegalArgumentException("values of type " + type.typeName() + " cannot be read from text");
    }

    /**
     * Whether values of a type can be read from text by {@link #parse(LogicalType, String)}.
     *
     * @param type the logical type
     * @return {@code false} for arrays and structs
     */
    public static boolean isTextReadable(LogicalType type) {
        return !(type instanceof LogicalType.ArrayType) && !(type instanceof LogicalType.StructType);
    }

    /**
     * Brings a decimal to the scale of a type without losing digits.
     *
     * @param type the decimal type
     * @param value the value
     * @return the value at the type's scale
     * @throws IllegalArgumentException if the value has more fractional digits than the scale or
     *     more digits than the precision
     */
    public static BigDecimal fitDecimal(LogicalType.DecimalType type, BigDecimal value) {
        BigDecimal scaled;
        try {
            scaled = value.setScale(type.scale());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + value.toPlainString() + "' has more than " + type.scale()
                    + " digits after the point allowed by " + type.typeName());
        }
        if (scaled.precision() > type.precision()) {
            throw new IllegalArgumentException("'" + value.toPlainString() + "' has more digits than "
                    + type.typeName() + " allows");
        }
        return scaled;
    }

    /**
     * Writes a value as the text {@link #parse(LogicalType, String)} reads back.
     *
     * @param value a value in the SDK's value model, or {@code null}
     * @return the text; {@code ""} for {@code null}
     */
    public static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value.toString();
    }
}
