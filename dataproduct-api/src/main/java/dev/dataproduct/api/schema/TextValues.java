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
    /** The longest text any date, time or timestamp can be written in (a 9-digit year, nanoseconds and an offset). */
    private static final int MAX_TEMPORAL_CHARS = 64;
    /** How many characters of a value a message shows before it cuts the rest. */
    private static final int SHOWN_CHARS = 48;
    private static final java.util.regex.Pattern LEAP_SECOND = java.util.regex.Pattern.compile("\\d\\d:\\d\\d:60(?!\\d)");

    private TextValues() {
    }

    /**
     * Reads text as a value of a type, exactly: a value the type cannot hold as written is refused,
     * never rounded, truncated or moved.
     *
     * <ul>
     *   <li>Numbers are plain decimal notation with ASCII digits only ({@code ٣} or {@code ５} is
     *       not a number). Integers have no point or exponent. Decimals and floats may have an
     *       exponent. Whether a number fits its type is decided from its digits and exponent before
     *       the number is built, so {@code 1e999999999} costs no more than {@code 1e9}.</li>
     *   <li>A float is the nearest float32 or float64 to the text; text beyond the type's range, or
     *       so close to zero that it would read as zero, is refused.</li>
     *   <li>A decimal may have more digits than its scale only if they are zeros.</li>
     *   <li>Times and timestamps may not have digits finer than their precision (a seventh
     *       fractional digit for microseconds), unless they are zeros; a leap second
     *       ({@code 23:59:60}) is refused, since no Java or Arrow time can hold it.</li>
     * </ul>
     *
     * @param type the logical type
     * @param text the text; surrounding spaces are ignored
     * @return the value, in the SDK's value model
     * @throws IllegalArgumentException saying why the text is not a value of the type; the message
     *     shows the text in the short, escaped form of {@link #show(String)}
     */
    public static Object parse(LogicalType type, String text) {
        return parse(type, text, false);
    }

    /**
     * Reads text like {@link #parse(LogicalType, String)}, except that digits of a time or
     * timestamp finer than its precision are cut instead of refused: {@code 10:00:00.1234567} is
     * read as {@code 10:00:00.123456} for microseconds, moving the value towards the past. For
     * readers that offer this loss as an explicit option, such as .NET's seven-digit timestamps
     * read into microseconds.
     *
     * @param type the logical type
     * @param text the text; surrounding spaces are ignored
     * @return the value, in the SDK's value model
     * @throws IllegalArgumentException saying why the text is not a value of the type
     */
    public static Object parseTruncatingTime(LogicalType type, String text) {
        return parse(type, text, true);
    }

    private static Object parse(LogicalType type, String text, boolean truncateTime) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        if (type instanceof LogicalType.StringType) {
            return text;
        } else if (type instanceof LogicalType.IntegerType t) {
            return parseInteger(t, s);
        } else if (type instanceof LogicalType.DecimalType t) {
            return parseDecimal(t, s);
        } else if (type instanceof LogicalType.FloatingType t) {
            return parseFloat(t, s);
        } else if (type instanceof LogicalType.BooleanType) {
            switch (s.length() > 5 ? "" : s.toLowerCase(Locale.ROOT)) {
                case "true": case "1": return Boolean.TRUE;
                case "false": case "0": return Boolean.FALSE;
                default: throw new IllegalArgumentException(show(s) + " is not a boolean (true, false, 1 or 0)");
            }
        } else if (type.isTemporal()) {
            return parseTemporal(type, s, truncateTime);
        }
        throw new IllegalArgumentException("values of type " + type.typeName() + " cannot be read from text");
    }

    private static Long parseInteger(LogicalType.IntegerType t, String s) {
        NumberText n = NumberText.scan(s, false);
        if (n == null) {
            throw notANumber(t, s);
        }
        // 20 digits is more than any long has, so the digits of a huge number are never turned into one
        if (n.integerDigits() > 19) {
            throw outOfRange(t, s);
        }
        if (n.integerDigits() <= 18) {
            long v = n.negative() ? -n.longValue() : n.longValue();
            if (v < t.minValue() || v > t.maxValue()) {
                throw outOfRange(t, s);
            }
            return v;
        }
        BigInteger v = new BigInteger(n.significant()).multiply(BigInteger.TEN.pow((int) n.exponent()));
        v = n.negative() ? v.negate() : v;
        if (v.compareTo(BigInteger.valueOf(t.minValue())) < 0 || v.compareTo(BigInteger.valueOf(t.maxValue())) > 0) {
            throw outOfRange(t, s);
        }
        return v.longValue();
    }

    private static IllegalArgumentException outOfRange(LogicalType.IntegerType t, String s) {
        return new IllegalArgumentException(show(s) + " is out of the range of " + t.typeName() + " ["
                + t.minValue() + ", " + t.maxValue() + "]");
    }

    private static IllegalArgumentException notANumber(LogicalType type, String s) {
        return new IllegalArgumentException(show(s) + " is not a number of type " + type.typeName());
    }

    private static BigDecimal parseDecimal(LogicalType.DecimalType t, String s) {
        NumberText n = NumberText.scan(s, true);
        if (n == null) {
            throw notANumber(t, s);
        }
        if (n.isZero()) {
            return BigDecimal.ZERO.setScale(t.scale());
        }
        String problem = decimalProblem(t, n.integerDigits(), n.fractionDigits());
        if (problem != null) {
            throw new IllegalArgumentException(show(s) + problem);
        }
        BigDecimal v = (n.significantDigits() <= 18 ? BigDecimal.valueOf(n.unscaled(), (int) -n.exponent())
                : new BigDecimal(new BigInteger(n.significant()), (int) -n.exponent())).setScale(t.scale());
        return n.negative() ? v.negate() : v;
    }

    /** @return why a value with these digits does not fit the type, or {@code null} if it does */
    private static String decimalProblem(LogicalType.DecimalType t, long integerDigits, long fractionDigits) {
        if (fractionDigits > t.scale()) {
            return " has more than " + t.scale() + " digits after the point allowed by " + t.typeName();
        }
        if (integerDigits > t.precision() - t.scale()) {
            return " has more digits than " + t.typeName() + " allows";
        }
        return null;
    }

    private static Double parseFloat(LogicalType.FloatingType t, String s) {
        NumberText n = NumberText.scan(s, true);
        if (n == null) {
            throw notANumber(t, s);
        }
        boolean single = t.bitWidth() == 32;
        // decimal exponents just outside what the type can round to: past them the answer is known
        long highest = single ? 39 : 309;
        long lowest = single ? -46 : -325;
        if (!n.isZero() && n.magnitude() > highest) {
            throw new IllegalArgumentException(show(s) + " is out of the range of " + t.typeName());
        }
        if (!n.isZero() && n.magnitude() < lowest) {
            throw tooCloseToZero(t, s);
        }
        // the scan accepted only plain decimal notation, which Java's parsers read as the nearest value
        double d = single ? Float.parseFloat(s) : Double.parseDouble(s);
        if (Double.isInfinite(d)) {
            throw new IllegalArgumentException(show(s) + " is out of the range of " + t.typeName());
        }
        if (d == 0 && !n.isZero()) {
            throw tooCloseToZero(t, s);
        }
        return d;
    }

    private static IllegalArgumentException tooCloseToZero(LogicalType.FloatingType t, String s) {
        return new IllegalArgumentException(show(s) + " is too close to zero for " + t.typeName()
                + ", which would read it as 0");
    }

    private static Object parseTemporal(LogicalType type, String s, boolean truncate) {
        if (s.length() > MAX_TEMPORAL_CHARS) {
            throw notTemporal(type, s);
        }
        java.time.temporal.Temporal value;
        try {
            if (type instanceof LogicalType.DateType) {
                return LocalDate.parse(s);
            } else if (type instanceof LogicalType.TimeType) {
                value = LocalTime.parse(s);
            } else {
                LogicalType.TimestampType t = (LogicalType.TimestampType) type;
                String iso = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
                // not Instant.parse: it turns a leap second into the second before it
                value = t.withZone() ? OffsetDateTime.parse(iso).toInstant() : LocalDateTime.parse(iso);
            }
        } catch (DateTimeParseException e) {
            if (LEAP_SECOND.matcher(s).find()) {
                throw new IllegalArgumentException(show(s) + " is a leap second, which " + type.typeName()
                        + " cannot hold");
            }
            throw notTemporal(type, s);
        }
        long unitNanos = type instanceof LogicalType.TimestampType t ? t.precision().unit().getDuration().toNanos()
                : 1000L;
        long finer = value.get(java.time.temporal.ChronoField.NANO_OF_SECOND) % unitNanos;
        if (finer != 0 && truncate) {
            return value.with(java.time.temporal.ChronoField.NANO_OF_SECOND,
                    value.get(java.time.temporal.ChronoField.NANO_OF_SECOND) - finer);
        }
        if (finer != 0) {
            String unit = switch (type instanceof LogicalType.TimestampType t ? t.precision() : TimePrecision.MICROS) {
                case SECONDS -> "second";
                case MILLIS -> "millisecond";
                case MICROS -> "microsecond";
                case NANOS -> "nanosecond";
            };
            throw new IllegalArgumentException(show(s) + " has digits finer than the " + unit + " precision of "
                    + type.typeName());
        }
        return value;
    }

    private static IllegalArgumentException notTemporal(LogicalType type, String s) {
        return new IllegalArgumentException(show(s) + " is not an ISO-8601 " + type.typeName()
                + (type instanceof LogicalType.TimestampType t && t.withZone() ? " with an offset or Z" : ""));
    }

    /**
     * Shows a text in a message: quoted, with invisible characters escaped and a long text cut. A
     * control, format or unusual space character (a no-break space, a zero-width space, a byte
     * order mark) is written as a backslash, {@code u} and its four hex digits (U+00A0 as
     * backslash-{@code u00A0}); line breaks and tabs as backslash-{@code n}, -{@code r}, -{@code t};
     * a backslash as two. Past {@value #SHOWN_CHARS} characters the text is cut and its length
     * given, as in {@code '999…' (2000000 characters)}. So two texts that look alike in a message
     * are alike, and a message stays short whatever the value.
     *
     * @param text any text
     * @return the text as a message shows it
     */
    public static String show(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder sb = new StringBuilder(Math.min(text.length(), SHOWN_CHARS) + 16).append('\'');
        int i = 0;
        for (int shown = 0; i < text.length() && shown < SHOWN_CHARS; shown++) {
            int cp = text.codePointAt(i);
            escape(sb, cp);
            i += Character.charCount(cp);
        }
        if (i < text.length()) {
            sb.append("\u2026' (").append(text.length()).append(" characters)");
        } else {
            sb.append('\'');
        }
        return sb.toString();
    }

    private static void escape(StringBuilder sb, int cp) {
        switch (cp) {
            case '\\': sb.append("\\\\"); return;
            case '\n': sb.append("\\n"); return;
            case '\r': sb.append("\\r"); return;
            case '\t': sb.append("\\t"); return;
            default:
        }
        int kind = Character.getType(cp);
        boolean invisible = kind == Character.CONTROL || kind == Character.FORMAT || kind == Character.SURROGATE
                || kind == Character.PRIVATE_USE || kind == Character.UNASSIGNED || kind == Character.LINE_SEPARATOR
                || kind == Character.PARAGRAPH_SEPARATOR || kind == Character.SPACE_SEPARATOR && cp != ' ';
        if (!invisible) {
            sb.appendCodePoint(cp);
        } else if (cp <= 0xFFFF) {
            sb.append(String.format("\\u%04X", cp));
        } else {
            sb.append(String.format("\\u{%X}", cp));
        }
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
        if (value.signum() == 0) {
            return BigDecimal.ZERO.setScale(type.scale());
        }
        // decided from precision and scale first: setScale on 1E+999999999 would build a billion digits
        long integerDigits = (long) value.precision() - value.scale();
        long fractionDigits = Math.max(0, (long) value.stripTrailingZeros().scale());
        String problem = decimalProblem(type, integerDigits, fractionDigits);
        if (problem != null) {
            boolean plainIsShort = Math.abs((long) value.scale()) < 100;
            throw new IllegalArgumentException(show(plainIsShort ? value.toPlainString() : value.toString()) + problem);
        }
        return value.setScale(type.scale());
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
