package dev.dataproduct.core.contract;

import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.TextValues;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts values a transform emitted in a close type into the contract's type, one value at a
 * time, so that a value that does not fit (an int64 too large for int32, a decimal with too many
 * digits) rejects its row instead of the whole batch.
 */
final class ValueConversion {
    private ValueConversion() {
    }

    /**
     * Whether values of {@code from} are close enough to {@code to} to be converted value by value:
     * numbers to numbers, dates and timestamps to timestamps. Text is not close to any other type:
     * parsing is the input port's job, and a transform that emits dates as text has a defect that
     * per-row conversion would hide.
     */
    static boolean convertible(LogicalType from, LogicalType to) {
        if (from.isNumeric() && to.isNumeric()) {
            return true;
        }
        boolean fromStamp = from instanceof LogicalType.TimestampType || from instanceof LogicalType.DateType;
        return fromStamp && to instanceof LogicalType.TimestampType;
    }

    /** Whether two types are the same, ignoring whether struct fields are required. */
    static boolean sameType(LogicalType a, LogicalType b) {
        return loose(a).equals(loose(b));
    }

    private static LogicalType loose(LogicalType t) {
        if (t instanceof LogicalType.ArrayType a) {
            return LogicalType.arrayOf(loose(a.elementType()));
        }
        if (t instanceof LogicalType.StructType s) {
            List<Field> fields = new ArrayList<>();
            for (Field f : s.fields()) {
                fields.add(Field.of(f.name(), loose(f.type()), false));
            }
            return new LogicalType.StructType(fields);
        }
        return t;
    }

    /**
     * @param value a non-null value in the SDK's value model
     * @param to the contract's type
     * @return the value in the contract's type
     * @throws IllegalArgumentException if the value does not fit
     */
    static Object convert(Object value, LogicalType to) {
        if (to.isNumeric()) {
            BigDecimal d = value instanceof BigDecimal bd ? bd
                    : value instanceof Double x ? BigDecimal.valueOf(x) : BigDecimal.valueOf(((Number) value).longValue());
            if (to instanceof LogicalType.IntegerType t) {
                long v;
                try {
                    v = d.longValueExact();
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException(d.toPlainString() + " is not a whole number of type " + t.typeName());
                }
                if (v < t.minValue() || v > t.maxValue()) {
                    throw new IllegalArgumentException(v + " is out of the range of " + t.typeName());
                }
                return v;
            }
            if (to instanceof LogicalType.DecimalType t) {
                return TextValues.fitDecimal(t, d);
            }
            return value instanceof Double ? value : d.doubleValue();
        }
        if (to instanceof LogicalType.TimestampType t) {
            Instant instant = value instanceof Instant i ? i
                    : value instanceof LocalDateTime ldt ? ldt.toInstant(ZoneOffset.UTC)
                    : ((LocalDate) value).atStartOfDay(ZoneOffset.UTC).toInstant();
            return t.withZone() ? instant : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("cannot convert " + value + " to " + to.typeName());
    }
}
