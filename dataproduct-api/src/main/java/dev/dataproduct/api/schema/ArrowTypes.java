package dev.dataproduct.api.schema;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * The two-way mapping between logical types and Arrow types. For every logical type, converting
 * to Arrow and back gives the same type. Arrow types outside the mapping (unsigned integers,
 * half floats, binary, intervals, maps, unions, dictionaries, millisecond dates, timestamps with a
 * zone other than UTC, ...) are refused with an error that names the field and the type.
 *
 * <table>
 *   <caption>Logical type to Arrow type</caption>
 *   <tr><th>logical</th><th>Arrow</th></tr>
 *   <tr><td>string</td><td>Utf8</td></tr>
 *   <tr><td>int8 / int16 / int32 / int64</td><td>Int(8/16/32/64, signed)</td></tr>
 *   <tr><td>decimal(p,s)</td><td>Decimal(p, s, 128)</td></tr>
 *   <tr><td>float32 / float64</td><td>FloatingPoint(SINGLE / DOUBLE)</td></tr>
 *   <tr><td>boolean</td><td>Bool</td></tr>
 *   <tr><td>date</td><td>Date(DAY)</td></tr>
 *   <tr><td>time</td><td>Time(MICROSECOND, 64)</td></tr>
 *   <tr><td>timestamp(unit)</td><td>Timestamp(unit, no zone)</td></tr>
 *   <tr><td>timestamp_tz(unit)</td><td>Timestamp(unit, "UTC")</td></tr>
 *   <tr><td>array&lt;T&gt;</td><td>List with one nullable child "item"</td></tr>
 *   <tr><td>struct&lt;...&gt;</td><td>Struct with one child per field</td></tr>
 * </table>
 */
public final class ArrowTypes {
    /** The name of the child field of an Arrow list that holds array elements. */
    public static final String ELEMENT_NAME = "item";

    private ArrowTypes() {
    }

    /**
     * @param schema a schema
     * @return the equivalent Arrow schema
     */
    public static org.apache.arrow.vector.types.pojo.Schema toArrow(Schema schema) {
        List<org.apache.arrow.vector.types.pojo.Field> fields = new ArrayList<>(schema.size());
        for (Field f : schema.fields()) {
            fields.add(toArrow(f));
        }
        return new org.apache.arrow.vector.types.pojo.Schema(fields);
    }

    /**
     * @param field a field
     * @return the equivalent Arrow field; nullable unless the field is required
     */
    public static org.apache.arrow.vector.types.pojo.Field toArrow(Field field) {
        return toArrow(field.name(), field.type(), !field.required());
    }

    private static org.apache.arrow.vector.types.pojo.Field toArrow(String name, LogicalType type, boolean nullable) {
        List<org.apache.arrow.vector.types.pojo.Field> children = List.of();
        if (type instanceof LogicalType.ArrayType a) {
            children = List.of(toArrow(ELEMENT_NAME, a.elementType(), true));
        } else if (type instanceof LogicalType.StructType s) {
            children = new ArrayList<>();
            for (Field f : s.fields()) {
                children.add(toArrow(f));
            }
        }
        return new org.apache.arrow.vector.types.pojo.Field(name, new FieldType(nullable, toArrowType(type), null),
                children);
    }

    /**
     * @param type a logical type
     * @return the equivalent Arrow type (children of lists and structs are not part of it)
     */
    public static ArrowType toArrowType(LogicalType type) {
        if (type instanceof LogicalType.StringType) {
            return ArrowType.Utf8.INSTANCE;
        } else if (type instanceof LogicalType.IntegerType t) {
            return new ArrowType.Int(t.bitWidth(), true);
        } else if (type instanceof LogicalType.DecimalType t) {
            return new ArrowType.Decimal(t.precision(), t.scale(), 128);
        } else if (type instanceof LogicalType.FloatingType t) {
            return new ArrowType.FloatingPoint(t.bitWidth() == 32 ? FloatingPointPrecision.SINGLE
                    : FloatingPointPrecision.DOUBLE);
        } else if (type instanceof LogicalType.BooleanType) {
            return ArrowType.Bool.INSTANCE;
        } else if (type instanceof LogicalType.DateType) {
            return new ArrowType.Date(DateUnit.DAY);
        } else if (type instanceof LogicalType.TimeType) {
            return new ArrowType.Time(TimeUnit.MICROSECOND, 64);
        } else if (type instanceof LogicalType.TimestampType t) {
            return new ArrowType.Timestamp(toArrowUnit(t.precision()), t.withZone() ? "UTC" : null);
        } else if (type instanceof LogicalType.ArrayType) {
            return ArrowType.List.INSTANCE;
        } else if (type instanceof LogicalType.StructType) {
            return ArrowType.Struct.INSTANCE;
        }
        throw new AssertionError("unhandled logical type " + type);
    }

    /**
     * Reads an Arrow schema.
     *
     * @param arrow an Arrow schema
     * @return the equivalent schema; a non-nullable Arrow field becomes a required field
     * @throws IllegalArgumentException naming the field and its type if a type is not supported
     */
    public static Schema fromArrow(org.apache.arrow.vector.types.pojo.Schema arrow) {
        List<Field> fields = new ArrayList<>();
        for (org.apache.arrow.vector.types.pojo.Field f : arrow.getFields()) {
            fields.add(fromArrow(f));
        }
        return new Schema(fields);
    }

    /**
     * Reads an Arrow field.
     *
     * @param field an Arrow field
     * @return the equivalent field
     * @throws IllegalArgumentException naming the field and its type if a type is not supported
     */
    public static Field fromArrow(org.apache.arrow.vector.types.pojo.Field field) {
        return Field.of(field.getName(), fromArrowType(field.getName(), field), !field.isNullable());
    }

    private static LogicalType fromArrowType(String path, org.apache.arrow.vector.types.pojo.Field field) {
        if (field.getDictionary() != null) {
            throw unsupported(path, field.getType(), "dictionary-encoded fields are not supported; decode them first");
        }
        ArrowType t = field.getType();
        switch (t.getTypeID()) {
            case Utf8:
                return LogicalType.STRING;
            case Int: {
                ArrowType.Int i = (ArrowType.Int) t;
                if (!i.getIsSigned()) {
                    throw unsupported(path, t, "unsigned integers are not supported; use a signed integer one size wider");
                }
                return new LogicalType.IntegerType(i.getBitWidth());
            }
            case Decimal: {
                ArrowType.Decimal d = (ArrowType.Decimal) t;
                if (d.getBitWidth() != 128) {
                    throw unsupported(path, t, "only 128-bit decimals are supported");
                }
                return LogicalType.decimal(d.getPrecision(), d.getScale());
            }
            case FloatingPoint: {
                FloatingPointPrecision p = ((ArrowType.FloatingPoint) t).getPrecision();
                if (p == FloatingPointPrecision.HALF) {
                    throw unsupported(path, t, "half-precision floats are not supported; use float32");
                }
                return p == FloatingPointPrecision.SINGLE ? LogicalType.FLOAT32 : LogicalType.FLOAT64;
            }
            case Bool:
                return LogicalType.BOOLEAN;
            case Date:
                if (((ArrowType.Date) t).getUnit() != DateUnit.DAY) {
                    throw unsupported(path, t, "dates are stored in days; convert millisecond dates to Date(DAY)");
                }
                return LogicalType.DATE;
            case Time: {
                ArrowType.Time tm = (ArrowType.Time) t;
                if (tm.getUnit() != TimeUnit.MICROSECOND || tm.getBitWidth() != 64) {
                    throw unsupported(path, t, "times are stored as 64-bit microseconds");
                }
                return LogicalType.TIME;
            }
            case Timestamp: {
                ArrowType.Timestamp ts = (ArrowType.Timestamp) t;
                String zone = ts.getTimezone();
                if (zone != null && !zone.equals("UTC") && !zone.equals("Z") && !zone.equals("+00:00")
                        && !zone.equals("Etc/UTC")) {
                    throw unsupported(path, t, "timestamps with a zone are stored in UTC; zone '" + zone
                            + "' is not supported");
                }
                return LogicalType.timestamp(fromArrowUnit(ts.getUnit()), zone != null);
            }
            case List: {
                List<org.apache.arrow.vector.types.pojo.Field> children = field.getChildren();
                if (children.size() != 1) {
                    throw unsupported(path, t, "a list needs exactly one child field");
                }
                return LogicalType.arrayOf(fromArrowType(path + "[]", children.get(0)));
            }
            case Struct: {
                List<Field> fields = new ArrayList<>();
                for (org.apache.arrow.vector.types.pojo.Field child : field.getChildren()) {
                    fields.add(Field.of(child.getName(), fromArrowType(path + "." + child.getName(), child),
                            !child.isNullable()));
                }
                if (fields.isEmpty()) {
                    throw unsupported(path, t, "a struct needs at least one field");
                }
                return new LogicalType.StructType(fields);
            }
            default:
                throw unsupported(path, t, "supported Arrow types are Utf8, signed Int, Decimal128, Float32/64, "
                        + "Bool, Date(DAY), Time(MICROSECOND), Timestamp, List and Struct");
        }
    }

    private static IllegalArgumentException unsupported(String path, ArrowType type, String why) {
        return new IllegalArgumentException("field '" + path + "' has Arrow type " + type + ", which the SDK does "
                + "not support: " + why);
    }

    /**
     * @param precision a timestamp precision
     * @return the Arrow time unit
     */
    public static TimeUnit toArrowUnit(TimePrecision precision) {
        switch (precision) {
            case SECONDS: return TimeUnit.SECOND;
            case MILLIS: return TimeUnit.MILLISECOND;
            case MICROS: return TimeUnit.MICROSECOND;
            case NANOS: return TimeUnit.NANOSECOND;
            default: throw new AssertionError(precision);
        }
    }

    private static TimePrecision fromArrowUnit(TimeUnit unit) {
        switch (unit) {
            case SECOND: return TimePrecision.SECONDS;
            case MILLISECOND: return TimePrecision.MILLIS;
            case MICROSECOND: return TimePrecision.MICROS;
            case NANOSECOND: return TimePrecision.NANOS;
            default: throw new AssertionError(unit);
        }
    }
}
