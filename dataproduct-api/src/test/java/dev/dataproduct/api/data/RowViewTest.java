package dev.dataproduct.api.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class RowViewTest {

    static final Schema SCHEMA = Schema.of(
            Field.of("name", LogicalType.STRING, false),
            Field.of("qty", LogicalType.INT32, false),
            Field.of("ratio", LogicalType.FLOAT64, false),
            Field.of("price", LogicalType.decimal(8, 2), false),
            Field.of("flag", LogicalType.BOOLEAN, false),
            Field.of("day", LogicalType.DATE, false),
            Field.of("at", LogicalType.TIMESTAMP, false),
            Field.of("instant", LogicalType.TIMESTAMP_TZ, false));

    private static VectorSchemaRoot batch(BufferAllocator allocator) {
        return BatchBuilder.fromRows(SCHEMA, List.of(
                Map.of("name", "ana", "qty", 3, "ratio", 0.5d, "price", new BigDecimal("9.99"), "flag", true,
                        "day", LocalDate.of(2024, 1, 31), "at", LocalDateTime.of(2024, 1, 31, 10, 0),
                        "instant", Instant.parse("2024-01-31T10:00:00Z")),
                Map.of()), allocator);
    }

    @Test
    void typedGettersReturnTheValuesOfTheCurrentRow() {
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot batch = batch(allocator)) {
            RowView row = RowView.over(batch);
            assertEquals(0, row.index());
            assertEquals("ana", row.getString("name"));
            assertEquals(3L, row.getLong("qty"));
            assertEquals(3.0d, row.getDouble("qty"));
            assertEquals(0.5d, row.getDouble("ratio"));
            assertEquals(9.99d, row.getDouble("price"));
            assertEquals(new BigDecimal("9.99"), row.getDecimal("price"));
            assertTrue(row.getBoolean("flag"));
            assertEquals(LocalDate.of(2024, 1, 31), row.getDate("day"));
            assertEquals(LocalDateTime.of(2024, 1, 31, 10, 0), row.getTimestamp("at"));
            assertEquals(Instant.parse("2024-01-31T10:00:00Z"), row.getInstant("instant"));
            assertFalse(row.isNull("name"));
        }
    }

    @Test
    void getIntReadsInt32ColumnsAsInts() {
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot batch = batch(allocator)) {
            RowView row = RowView.over(batch);
            int qty = row.getInt("qty");
            assertEquals(3, qty);
            NullPointerException empty = assertThrows(NullPointerException.class, () -> row.at(1).getInt("qty"));
            assertTrue(empty.getMessage().contains("'qty'"), empty.getMessage());
        }
    }

    @Test
    void integerGettersRefuseColumnsThatAreNotIntegersInsteadOfTruncating() {
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot batch = batch(allocator)) {
            RowView row = RowView.over(batch);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> row.getLong("price"));
            assertTrue(e.getMessage().contains("getDecimal"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> row.getInt("ratio"));
        }
    }

    @Test
    void getIntRefusesAnInt64ValueBeyondTheIntRange() {
        Schema wide = Schema.of(Field.of("n", LogicalType.INT64, false));
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot batch = BatchBuilder.fromRows(wide,
                     List.of(Map.of("n", 7L), Map.of("n", 1L + Integer.MAX_VALUE)), allocator)) {
            RowView row = RowView.over(batch);
            assertEquals(7, row.getInt("n"));
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> row.at(1).getInt("n"));
            assertTrue(e.getMessage().contains("'n'") && e.getMessage().contains("row 1"), e.getMessage());
        }
    }

    @Test
    void objectGettersReturnNullForAnEmptyCell() {
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot batch = batch(allocator)) {
            RowView row = RowView.over(batch).at(1);
            assertEquals(1, row.index());
            assertTrue(row.isNull("name"));
            assertNull(row.get("qty"));
            assertNull(row.getString("name"));
            assertNull(row.getDecimal("price"));
            assertNull(row.getDate("day"));
            assertNull(row.getTimestamp("at"));
            assertNull(row.getInstant("instant"));
        }
    }

    @Test
    void primitiveGettersThrowNamingTheColumnAndRowForAnEmptyCell() {
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot batch = batch(allocator)) {
            RowView row = RowView.over(batch).at(1);
            NullPointerException e = assertThrows(NullPointerException.class, () -> row.getLong("qty"));
            assertEquals("column 'qty' holds no value in row 1", e.getMessage());
            assertThrows(NullPointerException.class, () -> row.getDouble("ratio"));
            assertThrows(NullPointerException.class, () -> row.getBoolean("flag"));
        }
    }

    @Test
    void unknownColumnIsAnIllegalArgument() {
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot batch = batch(allocator)) {
            RowView row = RowView.over(batch);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> row.get("nope"));
            assertTrue(e.getMessage().startsWith("no column 'nope' in this batch; columns are "), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> row.isNull("nope"));
        }
    }

    @Test
    void atRejectsRowsOutsideTheBatchAndKeepsThePosition() {
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot batch = batch(allocator)) {
            RowView row = RowView.over(batch);
            assertSame(row, row.at(1));
            assertThrows(IndexOutOfBoundsException.class, () -> row.at(2));
            assertThrows(IndexOutOfBoundsException.class, () -> row.at(-1));
            assertEquals(1, row.index());
        }
    }

    @Test
    void toMapAndToStringShowEveryColumnInOrder() {
        Schema schema = Schema.of(Field.of("b", LogicalType.STRING, false), Field.of("a", LogicalType.INT64, false),
                Field.of("tags", LogicalType.arrayOf(LogicalType.STRING), false));
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot batch = BatchBuilder.fromRows(schema,
                     List.of(Map.of("b", "x", "a", 1L, "tags", Arrays.asList("p", "q"))), allocator)) {
            RowView row = RowView.over(batch);
            assertEquals(List.of("b", "a", "tags"), List.copyOf(row.toMap().keySet()));
            assertEquals("Row 0 {b=x, a=1, tags=[p, q]}", row.toString());
            assertThrows(UnsupportedOperationException.class, () -> ((List<?>) row.get("tags")).add(null));
        }
    }

    @Test
    void rejectsNullBatch() {
        assertThrows(NullPointerException.class, () -> RowView.over(null));
    }
}
