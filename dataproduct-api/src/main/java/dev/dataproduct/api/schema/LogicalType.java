package dev.dataproduct.api.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The logical type of a field: what its values mean, independent of how they are stored. The set
 * covers the logical types of the Open Data Contract Standard (string, integer, number, boolean,
 * date, time, timestamp, array, object) with the widths and precisions a columnar store needs,
 * and maps one to one onto Arrow types (see {@link ArrowTypes}).
 *
 * <p>Every type has a canonical name ({@link #typeName()}) that {@link #parse(String)} reads back:
 * {@code string}, {@code int32}, {@code decimal(12,2)}, {@code float64}, {@code boolean},
 * {@code date}, {@code time}, {@code timestamp}, {@code timestamp_tz(ms)},
 * {@code array<string>}, {@code struct<city:string,zip:int32>}.
 *
 * <pre>{@code
 * LogicalType amount = LogicalType.decimal(12, 2);
 * LogicalType tags = LogicalType.arrayOf(LogicalType.STRING);
 * assert LogicalType.parse("decimal(12,2)").equals(amount);
 * }</pre>
 */
public sealed interface LogicalType {

    /** UTF-8 text. */
    LogicalType STRING = new StringType();
    /** 8-bit signed integer. */
    LogicalType INT8 = new IntegerType(8);
    /** 16-bit signed integer. */
    LogicalType INT16 = new IntegerType(16);
    /** 32-bit signed integer. */
    LogicalType INT32 = new IntegerType(32);
    /** 64-bit signed integer. */
    LogicalType INT64 = new IntegerType(64);
    /** Single precision floating point number. */
    LogicalType FLOAT32 = new FloatingType(32);
    /** Double precision floating point number. */
    LogicalType FLOAT64 = new FloatingType(64);
    /** True or false. */
    LogicalType BOOLEAN = new BooleanType();
    /** A calendar date without time or zone. */
    LogicalType DATE = new DateType();
    /** A time of day in microseconds, without date or zone. */
    LogicalType TIME = new TimeType();
    /** A local date-time in microseconds, without zone. */
    LogicalType TIMESTAMP = new TimestampType(TimePrecision.MICROS, false);
    /** An instant in microseconds, stored in UTC. */
    LogicalType TIMESTAMP_TZ = new TimestampType(TimePrecision.MICROS, true);

    /** @return the canonical type name, which {@link #parse(String)} reads back */
    String typeName();

    /**
     * @return the ODCS {@code logicalType} this type belongs to: {@code string}, {@code integer},
     *     {@code number}, {@code boolean}, {@code date}, {@code time}, {@code timestamp},
     *     {@code array} or {@code object}
     */
    String odcsLogicalType();

    /** @return whether values of this type are numbers that arithmetic and ranges apply to */
    default boolean isNumeric() {
        return this instanceof IntegerType || this instanceof DecimalType || this instanceof FloatingType;
    }

    /** @return whether values of this type are ordered in time (date, time, timestamp) */
    default boolean isTemporal() {
        return this instanceof DateType || this instanceof TimeType || this instanceof TimestampType;
    }

    /**
     * A decimal number with exact precision.
     *
     * @param precision total number of digits, 1 to 38
     * @param scale digits after the decimal point, 0 to {@code precision}
     * @return the type
     * @throws IllegalArgumentException if precision or scale is out of range
     */
    static LogicalType decimal(int precision, int scale) {
        return new DecimalType(precision, scale);
    }

    /**
     * A timestamp with a given precision.
     *
     * @param precision the resolution of stored values
     * @param withZone {@code true} for an instant stored in UTC, {@code false} for a local date-time
     * @return the type
     */
    static LogicalType timestamp(TimePrecision precision, boolean withZone) {
        return new TimestampType(precision, withZone);
    }

    /**
     * An array whose elements have the given type (elements may be null).
     *
     * @param elementType the type of each element
     * @return the type
     */
    static LogicalType arrayOf(LogicalType elementType) {
        return new ArrayType(elementType);
    }

    /**
     * A struct (ODCS {@code object}) with the given fields.
     *
     * @param fields the fields, at least one, with distinct names
     * @return the type
     */
    static LogicalType struct(Field... fields) {
        return new StructType(List.of(fields));
    }

    /**
     * Reads a canonical type name.
     *
     * @param typeName a name such as {@code int64}, {@code decimal(10,2)} or {@code array<date>}
     * @return the type
     * @throws IllegalArgumentException with the position of the problem if the name is not valid
     */
    static LogicalType parse(String typeName) {
        Objects.requireNonNull(typeName, "typeName");
        TypeNameParser p = new TypeNameParser(typeName);
        LogicalType t = p.type();
        p.expectEnd();
        return t;
    }

    /** UTF-8 text. */
    record StringType() implements LogicalType {
        @Override public String typeName() { return "string"; }
        @Override public String odcsLogicalType() { return "string"; }
        @Override public String toString() { return typeName(); }
    }

    /**
     * A signed integer.
     *
     * @param bitWidth 8, 16, 32 or 64
     */
    record IntegerType(int bitWidth) implements LogicalType {
        /** Validates the width. */
        public IntegerType {
            if (bitWidth != 8 && bitWidth != 16 && bitWidth != 32 && bitWidth != 64) {
                throw new IllegalArgumentException("integer width must be 8, 16, 32 or 64, not " + bitWidth);
            }
        }

        /** @return the smallest value of this width */
        public long minValue() {
            return bitWidth == 64 ? Long.MIN_VALUE : -(1L << (bitWidth - 1));
        }

        /** @return the largest value of this width */
        public long maxValue() {
            return bitWidth == 64 ? Long.MAX_VALUE : (1L << (bitWidth - 1)) - 1;
        }

        @Override public String typeName() { return "int" + bitWidth; }
        @Override public String odcsLogicalType() { return "integer"; }
        @Override public String toString() { return typeName(); }
    }

    /**
     * An exact decimal number.
     *
     * @param precision total digits, 1 to 38
     * @param scale digits after the point, 0 to precision
     */
    record DecimalType(int precision, int scale) implements LogicalType {
        /** Validates precision and scale. */
        public DecimalType {
            if (precision < 1 || precision > 38) {
                throw new IllegalArgumentException("decimal precision must be 1 to 38, not " + precision);
            }
            if (scale < 0 || scale > precision) {
                throw new IllegalArgumentException(
                        "decimal scale must be 0 to the precision " + precision + ", not " + scale);
            }
        }

        @Override public String typeName() { return "decimal(" + precision + "," + scale + ")"; }
        @Override public String odcsLogicalType() { return "number"; }
        @Override public String toString() { return typeName(); }
    }

    /**
     * A binary floating point number.
     *
     * @param bitWidth 32 or 64
     */
    record FloatingType(int bitWidth) implements LogicalType {
        /** Validates the width. */
        public FloatingType {
            if (bitWidth != 32 && bitWidth != 64) {
                throw new IllegalArgumentException("floating point width must be 32 or 64, not " + bitWidth);
            }
        }

        @Override public String typeName() { return "float" + bitWidth; }
        @Override public String odcsLogicalType() { return "number"; }
        @Override public String toString() { return typeName(); }
    }

    /** True or false. */
    record BooleanType() implements LogicalType {
        @Override public String typeName() { return "boolean"; }
        @Override public String odcsLogicalType() { return "boolean"; }
        @Override public String toString() { return typeName(); }
    }

    /** A calendar date. */
    record DateType() implements LogicalType {
        @Override public String typeName() { return "date"; }
        @Override public String odcsLogicalType() { return "date"; }
        @Override public String toString() { return typeName(); }
    }

    /** A time of day, in microseconds. */
    record TimeType() implements LogicalType {
        @Override public String typeName() { return "time"; }
        @Override public String odcsLogicalType() { return "time"; }
        @Override public String toString() { return typeName(); }
    }

    /**
     * A point in time.
     *
     * @param precision the resolution of stored values
     * @param withZone {@code true} for an instant stored in UTC, {@code false} for a local date-time
     */
    record TimestampType(TimePrecision precision, boolean withZone) implements LogicalType {
        /** Validates the precision. */
        public TimestampType {
            Objects.requireNonNull(precision, "precision");
        }

        @Override
        public String typeName() {
            String base = withZone ? "timestamp_tz" : "timestamp";
            return precision == TimePrecision.MICROS ? base : base + "(" + precision.symbol() + ")";
        }

        @Override public String odcsLogicalType() { return "timestamp"; }
        @Override public String toString() { return typeName(); }
    }

    /**
     * An ordered list of values of one type.
     *
     * @param elementType the type of the elements
     */
    record ArrayType(LogicalType elementType) implements LogicalType {
        /** Validates the element type. */
        public ArrayType {
            Objects.requireNonNull(elementType, "elementType");
        }

        @Override public String typeName() { return "array<" + elementType.typeName() + ">"; }
        @Override public String odcsLogicalType() { return "array"; }
        @Override public String toString() { return typeName(); }
    }

    /**
     * A nested record of named fields (ODCS {@code object}).
     *
     * @param fields the fields, at least one, with distinct names
     */
    record StructType(List<Field> fields) implements LogicalType {
        /** Validates and copies the fields. */
        public StructType {
            fields = List.copyOf(fields);
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("a struct needs at least one field");
            }
            List<String> seen = new ArrayList<>();
            for (Field f : fields) {
                if (seen.contains(f.name())) {
                    throw new IllegalArgumentException("struct field '" + f.name() + "' is declared twice");
                }
                seen.add(f.name());
            }
        }

        @Override
        public String typeName() {
            StringBuilder sb = new StringBuilder("struct<");
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                Field f = fields.get(i);
                sb.append(f.name()).append(':').append(f.type().typeName());
                if (f.required()) {
                    sb.append(" not null");
                }
            }
            return sb.append('>').toString();
        }

        @Override public String odcsLogicalType() { return "object"; }
        @Override public String toString() { return typeName(); }
    }
}
