package dev.dataproduct.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArrowTypesTest {

    static Stream<LogicalType> everyType() {
        return Stream.of(
                LogicalType.STRING, LogicalType.INT8, LogicalType.INT16, LogicalType.INT32, LogicalType.INT64,
                LogicalType.decimal(12, 2), LogicalType.decimal(38, 10), LogicalType.FLOAT32, LogicalType.FLOAT64,
                LogicalType.BOOLEAN, LogicalType.DATE, LogicalType.TIME,
                LogicalType.timestamp(TimePrecision.SECONDS, false), LogicalType.timestamp(TimePrecision.MILLIS, false),
                LogicalType.TIMESTAMP, LogicalType.timestamp(TimePrecision.NANOS, false),
                LogicalType.timestamp(TimePrecision.SECONDS, true), LogicalType.timestamp(TimePrecision.MILLIS, true),
                LogicalType.TIMESTAMP_TZ, LogicalType.timestamp(TimePrecision.NANOS, true),
                LogicalType.arrayOf(LogicalType.STRING),
                LogicalType.arrayOf(LogicalType.arrayOf(LogicalType.decimal(5, 1))),
                LogicalType.struct(Field.of("city", LogicalType.STRING, true), Field.of("zip", LogicalType.INT32, false)),
                LogicalType.arrayOf(LogicalType.struct(Field.of("sku", LogicalType.STRING, true),
                        Field.of("at", LogicalType.TIMESTAMP_TZ, false),
                        Field.of("tags", LogicalType.arrayOf(LogicalType.STRING), true))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyType")
    void logicalToArrowToLogicalIsIdentityForRequiredAndNullableFields(LogicalType type) {
        Schema schema = Schema.of(Field.of("required_col", type, true), Field.of("nullable_col", type, false));
        org.apache.arrow.vector.types.pojo.Schema arrow = schema.toArrow();
        assertFalse(arrow.getFields().get(0).isNullable());
        assertTrue(arrow.getFields().get(1).isNullable());
        assertEquals(schema, Schema.fromArrow(arrow));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyType")
    void arrowCreatesVectorsForTheSchemaAndTheirSchemaReadsBackTheSame(LogicalType type) {
        Schema schema = Schema.of(Field.of("a", type, true), Field.of("b", type, false));
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot root = VectorSchemaRoot.create(schema.toArrow(), allocator)) {
            root.allocateNew();
            assertEquals(schema, Schema.fromArrow(root.getSchema()));
        }
    }

    @Test
    void mapsLogicalTypesToTheDocumentedArrowTypes() {
        assertEquals(ArrowType.Utf8.INSTANCE, ArrowTypes.toArrowType(LogicalType.STRING));
        assertEquals(new ArrowType.Int(8, true), ArrowTypes.toArrowType(LogicalType.INT8));
        assertEquals(new ArrowType.Int(64, true), ArrowTypes.toArrowType(LogicalType.INT64));
        assertEquals(new ArrowType.Decimal(12, 2, 128), ArrowTypes.toArrowType(LogicalType.decimal(12, 2)));
        assertEquals(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE),
                ArrowTypes.toArrowType(LogicalType.FLOAT32));
        assertEquals(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE),
                ArrowTypes.toArrowType(LogicalType.FLOAT64));
        assertEquals(ArrowType.Bool.INSTANCE, ArrowTypes.toArrowType(LogicalType.BOOLEAN));
        assertEquals(new ArrowType.Date(DateUnit.DAY), ArrowTypes.toArrowType(LogicalType.DATE));
        assertEquals(new ArrowType.Time(TimeUnit.MICROSECOND, 64), ArrowTypes.toArrowType(LogicalType.TIME));
        assertEquals(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null),
                ArrowTypes.toArrowType(LogicalType.TIMESTAMP));
        assertEquals(new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC"),
                ArrowTypes.toArrowType(LogicalType.timestamp(TimePrecision.MILLIS, true)));
        assertEquals(ArrowType.List.INSTANCE, ArrowTypes.toArrowType(LogicalType.arrayOf(LogicalType.INT8)));
        assertEquals(ArrowType.Struct.INSTANCE,
                ArrowTypes.toArrowType(LogicalType.struct(Field.of("a", LogicalType.INT8, false))));
    }

    @Test
    void anArrayBecomesAListWithOneNullableChildNamedItem() {
        org.apache.arrow.vector.types.pojo.Field f = ArrowTypes.toArrow(
                Field.of("tags", LogicalType.arrayOf(LogicalType.STRING), true));
        assertEquals("tags", f.getName());
        assertFalse(f.isNullable());
        assertEquals(1, f.getChildren().size());
        org.apache.arrow.vector.types.pojo.Field item = f.getChildren().get(0);
        assertEquals(ArrowTypes.ELEMENT_NAME, item.getName());
        assertEquals("item", item.getName());
        assertTrue(item.isNullable());
        assertEquals(ArrowType.Utf8.INSTANCE, item.getType());
    }

    @Test
    void aStructBecomesAStructWithOneChildPerFieldKeepingNullability() {
        org.apache.arrow.vector.types.pojo.Field f = ArrowTypes.toArrow(Field.of("address", LogicalType.struct(
                Field.of("city", LogicalType.STRING, true), Field.of("zip", LogicalType.INT32, false)), false));
        assertTrue(f.isNullable());
        assertEquals(List.of("city", "zip"), f.getChildren().stream().map(c -> c.getName()).toList());
        assertFalse(f.getChildren().get(0).isNullable());
        assertTrue(f.getChildren().get(1).isNullable());
    }

    @Test
    void readsUtcLikeZonesAsTimestampsWithZone() {
        for (String zone : List.of("UTC", "Z", "+00:00", "Etc/UTC")) {
            Field f = ArrowTypes.fromArrow(arrowField("at", new ArrowType.Timestamp(TimeUnit.NANOSECOND, zone)));
            assertEquals(LogicalType.timestamp(TimePrecision.NANOS, true), f.type(), zone);
        }
    }

    @Test
    void readsANonNullableArrowFieldAsRequired() {
        Field f = ArrowTypes.fromArrow(new org.apache.arrow.vector.types.pojo.Field("id",
                FieldType.notNullable(new ArrowType.Int(16, true)), null));
        assertEquals(Field.of("id", LogicalType.INT16, true), f);
    }

    static Stream<org.apache.arrow.vector.types.pojo.Field> unsupportedFields() {
        return Stream.of(
                arrowField("u32", new ArrowType.Int(32, false)),
                arrowField("half", new ArrowType.FloatingPoint(FloatingPointPrecision.HALF)),
                arrowField("blob", ArrowType.Binary.INSTANCE),
                arrowField("large_text", ArrowType.LargeUtf8.INSTANCE),
                arrowField("day_ms", new ArrowType.Date(DateUnit.MILLISECOND)),
                arrowField("madrid", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "Europe/Madrid")),
                arrowField("wide", new ArrowType.Decimal(40, 2, 256)),
                arrowField("millis_of_day", new ArrowType.Time(TimeUnit.MILLISECOND, 32)),
                arrowField("interval", new ArrowType.Interval(org.apache.arrow.vector.types.IntervalUnit.DAY_TIME)),
                mapField("attributes"),
                new org.apache.arrow.vector.types.pojo.Field("coded", new FieldType(true, new ArrowType.Int(32, true),
                        new DictionaryEncoding(1L, false, new ArrowType.Int(32, true))), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupportedFields")
    void refusesUnsupportedArrowTypesNamingTheField(org.apache.arrow.vector.types.pojo.Field field) {
        org.apache.arrow.vector.types.pojo.Schema arrow = new org.apache.arrow.vector.types.pojo.Schema(
                List.of(arrowField("ok", ArrowType.Utf8.INSTANCE), field));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schema.fromArrow(arrow));
        assertTrue(e.getMessage().startsWith("field '" + field.getName() + "' has Arrow type "), e.getMessage());
        assertTrue(e.getMessage().contains("not support"), e.getMessage());
    }

    @Test
    void refusalOfAZonedTimestampNamesTheZone() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArrowTypes.fromArrow(
                arrowField("at", new ArrowType.Timestamp(TimeUnit.MICROSECOND, "Europe/Madrid"))));
        assertTrue(e.getMessage().contains("zone 'Europe/Madrid' is not supported"), e.getMessage());
    }

    @Test
    void refusalOfAnUnsupportedTypeInsideAStructNamesThePath() {
        org.apache.arrow.vector.types.pojo.Field address = new org.apache.arrow.vector.types.pojo.Field("address",
                FieldType.nullable(ArrowType.Struct.INSTANCE),
                List.of(arrowField("city", ArrowType.Utf8.INSTANCE), arrowField("zip", new ArrowType.Int(16, false))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArrowTypes.fromArrow(address));
        assertTrue(e.getMessage().startsWith("field 'address.zip' "), e.getMessage());
    }

    @Test
    void refusalOfAnUnsupportedListElementNamesThePath() {
        org.apache.arrow.vector.types.pojo.Field blobs = new org.apache.arrow.vector.types.pojo.Field("blobs",
                FieldType.nullable(ArrowType.List.INSTANCE), List.of(arrowField("item", ArrowType.Binary.INSTANCE)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArrowTypes.fromArrow(blobs));
        assertTrue(e.getMessage().startsWith("field 'blobs[]' "), e.getMessage());
    }

    @Test
    void refusesAStructWithoutFields() {
        org.apache.arrow.vector.types.pojo.Field empty = new org.apache.arrow.vector.types.pojo.Field("empty",
                FieldType.nullable(ArrowType.Struct.INSTANCE), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArrowTypes.fromArrow(empty));
        assertTrue(e.getMessage().contains("field 'empty'"), e.getMessage());
        assertTrue(e.getMessage().contains("a struct needs at least one field"), e.getMessage());
    }

    @Test
    void timestampPrecisionMapsToTheArrowUnitOfTheSameResolution() {
        assertEquals(TimeUnit.SECOND, ArrowTypes.toArrowUnit(TimePrecision.SECONDS));
        assertEquals(TimeUnit.MILLISECOND, ArrowTypes.toArrowUnit(TimePrecision.MILLIS));
        assertEquals(TimeUnit.MICROSECOND, ArrowTypes.toArrowUnit(TimePrecision.MICROS));
        assertEquals(TimeUnit.NANOSECOND, ArrowTypes.toArrowUnit(TimePrecision.NANOS));
    }

    @Test
    void schemaToStringListsFieldsWithTypesAndRequiredness() {
        Schema s = Schema.of(Field.of("id", LogicalType.INT64, true), Field.of("name", LogicalType.STRING, false));
        assertEquals("Schema[id int64 not null, name string]", s.toString());
    }

    @Test
    void schemaRejectsTwoFieldsOfOneNameNamingBothPositions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schema.of(
                Field.of("a", LogicalType.STRING, false), Field.of("b", LogicalType.STRING, false),
                Field.of("a", LogicalType.INT8, false)));
        assertEquals("field 'a' is declared twice, at positions 1 and 3", e.getMessage());
    }

    @Test
    void schemaFindsFieldsByName() {
        Schema s = Schema.of(Field.of("id", LogicalType.INT64, true), Field.of("name", LogicalType.STRING, false));
        assertEquals(1, s.indexOf("name"));
        assertEquals(-1, s.indexOf("missing"));
        assertEquals(LogicalType.STRING, s.field("name").orElseThrow().type());
        assertTrue(s.field("missing").isEmpty());
        assertEquals(List.of("id", "name"), s.fieldNames());
        assertEquals(2, s.size());
        assertTrue(s.primaryKey().isEmpty());
    }

    @Test
    void schemaCopiesItsFieldList() {
        List<Field> fields = new ArrayList<>(List.of(Field.of("a", LogicalType.STRING, false)));
        Schema s = new Schema(fields);
        fields.add(Field.of("b", LogicalType.STRING, false));
        assertEquals(1, s.size());
    }

    private static org.apache.arrow.vector.types.pojo.Field arrowField(String name, ArrowType type) {
        return new org.apache.arrow.vector.types.pojo.Field(name, FieldType.nullable(type), null);
    }

    private static org.apache.arrow.vector.types.pojo.Field mapField(String name) {
        org.apache.arrow.vector.types.pojo.Field key = new org.apache.arrow.vector.types.pojo.Field("key",
                FieldType.notNullable(ArrowType.Utf8.INSTANCE), null);
        org.apache.arrow.vector.types.pojo.Field value = arrowField("value", ArrowType.Utf8.INSTANCE);
        org.apache.arrow.vector.types.pojo.Field entries = new org.apache.arrow.vector.types.pojo.Field("entries",
                FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(key, value));
        return new org.apache.arrow.vector.types.pojo.Field(name, FieldType.nullable(new ArrowType.Map(false)),
                List.of(entries));
    }
}
