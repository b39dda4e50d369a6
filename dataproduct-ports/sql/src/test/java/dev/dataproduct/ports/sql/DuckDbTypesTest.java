package dev.dataproduct.ports.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.schema.TimePrecision;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.ArrowTypes;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;

/** The DuckDB type of each Arrow type the read path emits. */
class DuckDbTypesTest {

    @Test
    void timestampsKeepTheirPrecisionAndZone() {
        assertEquals("TIMESTAMP_S", type(LogicalType.timestamp(TimePrecision.SECONDS, false)));
        assertEquals("TIMESTAMP_MS", type(LogicalType.timestamp(TimePrecision.MILLIS, false)));
        assertEquals("TIMESTAMP", type(LogicalType.timestamp(TimePrecision.MICROS, false)));
        assertEquals("TIMESTAMP_NS", type(LogicalType.timestamp(TimePrecision.NANOS, false)));
        assertEquals("TIMESTAMPTZ", type(LogicalType.timestamp(TimePrecision.MILLIS, true)));
        assertEquals("TIMESTAMPTZ", type(LogicalType.timestamp(TimePrecision.MICROS, true)));
        // DuckDB's zoned timestamps hold microseconds: nanosecond instants keep every digit as UTC wall time
        assertEquals("TIMESTAMP_NS", type(LogicalType.timestamp(TimePrecision.NANOS, true)));
    }

    @Test
    void numbersAndNestedTypesMapOneToOne() {
        assertEquals("TINYINT", type(LogicalType.INT8));
        assertEquals("INTEGER", type(LogicalType.INT32));
        assertEquals("FLOAT", type(LogicalType.FLOAT32));
        assertEquals("DECIMAL(38,10)", type(LogicalType.decimal(38, 10)));
        assertEquals("TIME", type(LogicalType.TIME));
        assertEquals("DATE[]", type(LogicalType.arrayOf(LogicalType.DATE)));
    }

    @Test
    void anArrowTypeTheSdkDoesNotEmitIsRefusedNamingTheColumn() {
        Field odd = new Field("spans", FieldType.nullable(new ArrowType.Duration(
                org.apache.arrow.vector.types.TimeUnit.SECOND)), List.of());
        DataProductException e = assertThrows(DataProductException.class, () -> DuckDbTypes.of(odd, "trips"));
        assertTrue(e.getMessage().contains("'spans'") && e.getMessage().contains("'trips'"), e.getMessage());
    }

    @Test
    void identifiersAreQuoted() {
        assertEquals("\"a\"\"b\"", DuckDbTypes.quote("a\"b"));
        assertEquals("CREATE TABLE \"t\" (\"x\" BIGINT NOT NULL, \"y\" VARCHAR)", DuckDbTypes.createTable("t",
                new org.apache.arrow.vector.types.pojo.Schema(List.of(Field.notNullable("x", new ArrowType.Int(64, true)),
                        Field.nullable("y", ArrowType.Utf8.INSTANCE))), "t"));
    }

    private static String type(LogicalType t) {
        return DuckDbTypes.of(ArrowTypes.toArrow(dev.dataproduct.api.schema.Field.of("c", t, false)), "d");
    }
}
