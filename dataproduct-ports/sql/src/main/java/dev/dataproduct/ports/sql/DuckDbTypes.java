package dev.dataproduct.ports.sql;

import dev.dataproduct.api.error.DataProductException;
import java.util.StringJoiner;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The DuckDB column type of each Arrow type the read path emits (the SDK's logical types map one to
 * one onto Arrow types). Tables are declared with these types before rows are inserted, so a
 * session's columns do not depend on how DuckDB would guess them from a stream.
 *
 * <p>DuckDB's {@code TIMESTAMPTZ} holds microseconds: an instant of second, milli- or microsecond
 * precision maps to it exactly; a nanosecond instant maps to {@code TIMESTAMP_NS} (the UTC
 * wall-clock), which keeps every digit but not the marker of the zone.
 */
final class DuckDbTypes {
    private DuckDbTypes() {
    }

    /** @return {@code CREATE TABLE "name" (...)} for rows of the given schema */
    static String createTable(String table, Schema schema, String dataset) {
        StringJoiner columns = new StringJoiner(", ", "CREATE TABLE " + quote(table) + " (", ")");
        for (Field f : schema.getFields()) {
            columns.add(quote(f.getName()) + " " + of(f, dataset) + (f.isNullable() ? "" : " NOT NULL"));
        }
        return columns.toString();
    }

    /** @return {@code SELECT CAST("c" AS type) AS "c", ... FROM "source"}: the rows typed as in a session table */
    static String typedSelect(String source, Schema schema, String dataset) {
        StringJoiner columns = new StringJoiner(", ", "SELECT ", " FROM " + quote(source));
        for (Field f : schema.getFields()) {
            columns.add("CAST(" + quote(f.getName()) + " AS " + of(f, dataset) + ") AS " + quote(f.getName()));
        }
        return columns.toString();
    }

    /**
     * @param field an Arrow field
     * @param dataset the dataset it belongs to, for the message
     * @return its DuckDB type
     * @throws DataProductException for an Arrow type the SDK does not emit
     */
    static String of(Field field, String dataset) {
        ArrowType type = field.getType();
        return switch (type.getTypeID()) {
            case Utf8, LargeUtf8, Utf8View -> "VARCHAR";
            case Binary, LargeBinary, FixedSizeBinary, BinaryView -> "BLOB";
            case Bool -> "BOOLEAN";
            case Int -> integer((ArrowType.Int) type);
            case FloatingPoint -> ((ArrowType.FloatingPoint) type).getPrecision()
                    == org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE ? "DOUBLE" : "FLOAT";
            case Decimal -> "DECIMAL(" + ((ArrowType.Decimal) type).getPrecision() + ","
                    + ((ArrowType.Decimal) type).getScale() + ")";
            case Date -> "DATE";
            case Time -> "TIME";
            case Timestamp -> timestamp((ArrowType.Timestamp) type);
            case List, LargeList, FixedSizeList, ListView -> of(field.getChildren().get(0), dataset) + "[]";
            case Struct -> {
                StringJoiner members = new StringJoiner(", ", "STRUCT(", ")");
                field.getChildren().forEach(c -> members.add(quote(c.getName()) + " " + of(c, dataset)));
                yield members.toString();
            }
            default -> throw new DataProductException("column '" + field.getName() + "' of dataset '" + dataset
                    + "' has the Arrow type " + type + ", which the SQL port cannot hold; declare it with one of"
                    + " the SDK's logical types");
        };
    }

    private static String integer(ArrowType.Int type) {
        String name = switch (type.getBitWidth()) {
            case 8 -> "TINYINT";
            case 16 -> "SMALLINT";
            case 32 -> "INTEGER";
            default -> "BIGINT";
        };
        return type.getIsSigned() ? name : "U" + name;
    }

    private static String timestamp(ArrowType.Timestamp type) {
        boolean zoned = type.getTimezone() != null;
        if (type.getUnit() == TimeUnit.NANOSECOND) {
            return "TIMESTAMP_NS";
        }
        if (zoned) {
            return "TIMESTAMPTZ";
        }
        return switch (type.getUnit()) {
            case SECOND -> "TIMESTAMP_S";
            case MILLISECOND -> "TIMESTAMP_MS";
            default -> "TIMESTAMP";
        };
    }

    /** @return an identifier quoted for DuckDB */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
