package dev.dataproduct.api.data;

import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.TextValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Reads and writes single values of Arrow vectors in the SDK's value model (see
 * {@link TextValues} for the Java class of each logical type). Row views, batch builders and
 * ports use it so that a value means the same everywhere.
 */
public final class VectorValues {
    private VectorValues() {
    }

    /**
     * Reads one value.
     *
     * @param vector a vector of a supported type
     * @param index the row
     * @return the value in the SDK's value model, or {@code null} if the row holds none
     * @throws IllegalArgumentException if the vector's type is not supported
     */
    public static Object get(ValueVector vector, int index) {
        if (vector.isNull(index)) {
            return null;
        }
        if (vector instanceof VarCharVector v) {
            return new String(v.get(index), StandardCharsets.UTF_8);
        } else if (vector instanceof IntVector v) {
            return (long) v.get(index);
        } else if (vector instanceof BigIntVector v) {
            return v.get(index);
        } else if (vector instanceof SmallIntVector v) {
            return (long) v.get(index);
        } else if (vector instanceof TinyIntVector v) {
            return (long) v.get(index);
        } else if (vector instanceof DecimalVector v) {
            return v.getObject(index);
        } else if (vector instanceof Float8Vector v) {
            return v.get(index);
        } else if (vector instanceof Float4Vector v) {
            return (double) v.get(index);
        } else if (vector instanceof BitVector v) {
            return v.get(index) != 0;
        } else if (vector instanceof DateDayVector v) {
            return LocalDate.ofEpochDay(v.get(index));
        } else if (vector instanceof TimeMicroVector v) {
            return LocalTime.ofNanoOfDay(v.get(index) * 1000L);
        } else if (vector instanceof TimeStampVector v) {
            ArrowType.Timestamp type = (ArrowType.Timestamp) v.getField().getType();
            Instant instant = toInstant(v.get(index), type.getUnit());
            return type.getTimezone() == null ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC) : instant;
        } else if (vector instanceof ListVector v) {
            int start = v.getElementStartIndex(index);
            int end = v.getElementEndIndex(index);
            List<Object> out = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                out.add(get(v.getDataVector(), i));
            }
            return Collections.unmodifiableList(out);
        } else if (vector instanceof StructVector v) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (FieldVector child : v.getChildrenFromFields()) {
                out.put(child.getName(), get(child, index));
            }
            return Collections.unmodifiableMap(out);
        }
        throw new IllegalArgumentException("vector '" + vector.getName() + "' has unsupported type "
                + vector.getField().getType());
    }

    /**
     * Writes one value, growing the vector as needed. The caller sets the value count when done.
     *
     * @param vector a vector of a supported type
     * @param index the row
     * @param value a value in the SDK's value model (or a close Java type: any integer class for
     *     integers, {@link OffsetDateTime} for instants, ...), or {@code null}
     * @throws ValueOutOfRangeException naming the vector, the value and the type if the value is
     *     of the right kind but beyond what the type holds (range, precision, scale)
     * @throws IllegalArgumentException naming the vector, the value and the type if the value is
     *     of another kind
     */
    public static void set(ValueVector vector, int index, Object value) {
        if (value == null) {
            setNull(vector, index);
            return;
        }
        try {
            setValue(vector, index, value);
        } catch (ClassCastException e) {
            throw mismatch(vector, value);
        } catch (ArithmeticException e) {
            throw new ValueOutOfRangeException("field '" + vector.getName() + "' of Arrow type "
                    + vector.getField().getType() + " cannot hold '" + value + "': out of its range");
        }
    }

    private static void setValue(ValueVector vector, int index, Object value) {
        if (vector instanceof VarCharVector v) {
            if (!(value instanceof CharSequence)) {
                throw mismatch(vector, value);
            }
            v.setSafe(index, value.toString().getBytes(StandardCharsets.UTF_8));
        } else if (vector instanceof IntVector v) {
            v.setSafe(index, (int) integer(v, value, 32));
        } else if (vector instanceof BigIntVector v) {
            v.setSafe(index, integer(v, value, 64));
        } else if (vector instanceof SmallIntVector v) {
            v.setSafe(index, (short) integer(v, value, 16));
        } else if (vector instanceof TinyIntVector v) {
            v.setSafe(index, (byte) integer(v, value, 8));
        } else if (vector instanceof DecimalVector v) {
            BigDecimal d = value instanceof BigDecimal bd ? bd
                    : value instanceof Double || value instanceof Float ? BigDecimal.valueOf(((Number) value).doubleValue())
                    : value instanceof Number n ? new BigDecimal(n.toString()) : null;
            if (d == null) {
                throw mismatch(vector, value);
            }
            try {
                v.setSafe(index, TextValues.fitDecimal(new LogicalType.DecimalType(v.getPrecision(), v.getScale()), d));
            } catch (IllegalArgumentException e) {
                throw new ValueOutOfRangeException("field '" + vector.getName() + "': " + e.getMessage());
            }
        } else if (vector instanceof Float8Vector v) {
            v.setSafe(index, ((Number) value).doubleValue());
        } else if (vector instanceof Float4Vector v) {
            v.setSafe(index, ((Number) value).floatValue());
        } else if (vector instanceof BitVector v) {
            v.setSafe(index, ((Boolean) value) ? 1 : 0);
        } else if (vector instanceof DateDayVector v) {
            v.setSafe(index, Math.toIntExact(((LocalDate) value).toEpochDay()));
        } else if (vector instanceof TimeMicroVector v) {
            v.setSafe(index, ((LocalTime) value).toNanoOfDay() / 1000L);
        } else if (vector instanceof TimeStampVector v) {
            ArrowType.Timestamp type = (ArrowType.Timestamp) v.getField().getType();
            v.setSafe(index, fromInstant(toInstant(value, vector), type.getUnit()));
        } else if (vector instanceof ListVector v) {
            if (!(value instanceof Collection<?> items)) {
                throw mismatch(vector, value);
            }
            int offset = v.startNewValue(index);
            int k = 0;
            for (Object item : items) {
                set(v.getDataVector(), offset + k, item);
                k++;
            }
            v.endValue(index, k);
        } else if (vector instanceof StructVector v) {
            if (!(value instanceof Map<?, ?> map)) {
                throw mismatch(vector, value);
            }
            for (Object key : map.keySet()) {
                if (v.getChild(String.valueOf(key)) == null) {
                    throw new IllegalArgumentException("struct field '" + vector.getName() + "' has no field '" + key
                            + "'");
                }
            }
            v.setIndexDefined(index);
            for (FieldVector child : v.getChildrenFromFields()) {
                set(child, index, map.get(child.getName()));
                if (child.getValueCount() <= index) {
                    child.setValueCount(index + 1);
                }
            }
        } else {
            throw new IllegalArgumentException("vector '" + vector.getName() + "' has unsupported type "
                    + vector.getField().getType());
        }
    }

    /**
     * Marks one row as holding no value.
     *
     * @param vector a vector of a supported type
     * @param index the row
     */
    public static void setNull(ValueVector vector, int index) {
        if (vector instanceof BaseFixedWidthVector v) {
            v.setNull(index);
        } else if (vector instanceof BaseVariableWidthVector v) {
            v.setNull(index);
        } else if (vector instanceof ListVector v) {
            v.setNull(index);
        } else if (vector instanceof StructVector v) {
            v.setNull(index);
            for (FieldVector child : v.getChildrenFromFields()) {
                setNull(child, index);
            }
        } else {
            throw new IllegalArgumentException("vector '" + vector.getName() + "' has unsupported type "
                    + vector.getField().getType());
        }
    }

    private static long integer(ValueVector vector, Object value, int bits) {
        long v;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            v = ((Number) value).longValue();
        } else if (value instanceof BigInteger b) {
            v = b.longValueExact();
        } else if (value instanceof BigDecimal d) {
            v = d.longValueExact();
        } else {
            throw mismatch(vector, value);
        }
        long min = bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
        long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        if (v < min || v > max) {
            throw new ValueOutOfRangeException("field '" + vector.getName() + "': " + v + " is out of the range of int"
                    + bits + " [" + min + ", " + max + "]");
        }
        return v;
    }

    private static Instant toInstant(Object value, ValueVector vector) {
        if (value instanceof Instant i) {
            return i;
        } else if (value instanceof LocalDateTime ldt) {
            return ldt.toInstant(ZoneOffset.UTC);
        } else if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        } else if (value instanceof ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        throw mismatch(vector, value);
    }

    /**
     * @param value a count of units since the epoch
     * @param unit the Arrow time unit
     * @return the instant
     */
    public static Instant toInstant(long value, org.apache.arrow.vector.types.TimeUnit unit) {
        switch (unit) {
            case SECOND: return Instant.ofEpochSecond(value);
            case MILLISECOND: return Instant.ofEpochMilli(value);
            case MICROSECOND: return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L),
                    Math.floorMod(value, 1_000_000L) * 1000L);
            case NANOSECOND: return Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L),
                    Math.floorMod(value, 1_000_000_000L));
            default: throw new AssertionError(unit);
        }
    }

    /**
     * @param instant an instant
     * @param unit the Arrow time unit
     * @return the count of units since the epoch, truncated to the unit
     */
    public static long fromInstant(Instant instant, org.apache.arrow.vector.types.TimeUnit unit) {
        switch (unit) {
            case SECOND: return instant.getEpochSecond();
            case MILLISECOND: return instant.toEpochMilli();
            // not ChronoUnit.MICROS.between: it rounds towards zero, so instants before 1970 would move later
            case MICROSECOND: return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                    instant.getNano() / 1000L);
            case NANOSECOND: return ChronoUnit.NANOS.between(Instant.EPOCH, instant);
            default: throw new AssertionError(unit);
        }
    }

    private static IllegalArgumentException mismatch(ValueVector vector, Object value) {
        return new IllegalArgumentException("field '" + vector.getName() + "' of Arrow type "
                + vector.getField().getType() + " cannot hold " + value.getClass().getSimpleName() + " value '"
                + value + "'");
    }
}
