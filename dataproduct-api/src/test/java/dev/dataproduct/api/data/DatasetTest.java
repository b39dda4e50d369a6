package dev.dataproduct.api.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class DatasetTest {

    static final Schema SCHEMA = Schema.of(Field.of("sku", LogicalType.STRING, true),
            Field.of("qty", LogicalType.INT32, false));

    private static VectorSchemaRoot batch(BufferAllocator allocator, Object[]... rows) {
        try (BatchBuilder b = BatchBuilder.create(SCHEMA, allocator)) {
            for (Object[] row : rows) {
                b.addRow(row);
            }
            return b.build();
        }
    }

    @Test
    void forEachRowVisitsEveryRowOfEveryBatchInOrder() {
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot first = batch(allocator, new Object[] {"a", 1}, new Object[] {"b", null});
             VectorSchemaRoot empty = batch(allocator);
             VectorSchemaRoot second = batch(allocator, new Object[] {"c", 3})) {
            Dataset d = Dataset.of("orders", SCHEMA, List.of(first, empty, second));
            List<String> seen = new ArrayList<>();
            d.forEachRow(row -> seen.add(row.getString("sku") + "=" + row.get("qty") + "@" + row.index()));
            assertEquals(List.of("a=1@0", "b=null@1", "c=3@0"), seen);
        }
    }

    @Test
    void countRowsSumsTheRowsOfEveryBatchAndCanBeRepeated() {
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot first = batch(allocator, new Object[] {"a", 1}, new Object[] {"b", 2});
             VectorSchemaRoot second = batch(allocator, new Object[] {"c", 3})) {
            Dataset d = Dataset.of("orders", SCHEMA, List.of(first, second));
            assertEquals(3, d.countRows());
            assertEquals(3, d.countRows());
            assertEquals("orders", d.name());
            assertSame(SCHEMA, d.schema());
            assertEquals("Dataset[orders, 2 batches in memory]", d.toString());
        }
    }

    @Test
    void forEachBatchHandsOverTheBatchesInOrder() {
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot first = batch(allocator, new Object[] {"a", 1});
             VectorSchemaRoot second = batch(allocator, new Object[] {"b", 2})) {
            List<VectorSchemaRoot> seen = new ArrayList<>();
            Dataset.of("orders", SCHEMA, List.of(first, second)).forEachBatch(seen::add);
            assertEquals(2, seen.size());
            assertSame(first, seen.get(0));
            assertSame(second, seen.get(1));
        }
    }

    @Test
    void aCursorHasNoBatchBeforeTheFirstNextOrAfterTheLast() {
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot only = batch(allocator, new Object[] {"a", 1})) {
            Dataset d = Dataset.of("orders", SCHEMA, List.of(only));
            try (BatchCursor cursor = d.open()) {
                IllegalStateException before = assertThrows(IllegalStateException.class, cursor::batch);
                assertEquals("the cursor of dataset 'orders' is not on a batch", before.getMessage());
                assertTrue(cursor.next());
                assertSame(only, cursor.batch());
                assertFalse(cursor.next());
                assertFalse(cursor.next());
                assertThrows(IllegalStateException.class, cursor::batch);
            }
        }
    }

    @Test
    void aClosedCursorHasNoMoreBatchesAndClosingTwiceIsHarmless() {
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot only = batch(allocator, new Object[] {"a", 1})) {
            BatchCursor cursor = Dataset.of("orders", SCHEMA, List.of(only)).open();
            cursor.close();
            cursor.close();
            assertFalse(cursor.next());
            assertEquals(1, only.getRowCount());
        }
    }

    @Test
    void anEmptyDatasetHasNoRows() {
        Dataset d = Dataset.of("empty", SCHEMA, List.of());
        assertEquals(0, d.countRows());
        List<Map<String, Object>> rows = new ArrayList<>();
        d.forEachRow(r -> rows.add(r.toMap()));
        assertTrue(rows.isEmpty());
    }

    @Test
    void rejectsMissingNameOrSchema() {
        assertThrows(NullPointerException.class, () -> Dataset.of(null, SCHEMA, List.of()));
        assertThrows(NullPointerException.class, () -> Dataset.of("d", null, List.of()));
    }

    @Test
    void rowsKnowTheOriginTheirSourceGivesThemAndTheirPositionOtherwise() {
        try (BufferAllocator allocator = new RootAllocator();
             VectorSchemaRoot first = batch(allocator, new Object[] {"a", 1}, new Object[] {"b", 2})) {
            Dataset plain = Dataset.of("orders", SCHEMA, List.of(first));
            List<String> origins = new ArrayList<>();
            plain.forEachRow(r -> origins.add(r.origin()));
            assertEquals(List.of("row 0", "row 1"), origins);

            Dataset located = new Dataset() {
                @Override
                public String name() {
                    return "orders";
                }

                @Override
                public Schema schema() {
                    return SCHEMA;
                }

                @Override
                public BatchCursor open() {
                    BatchCursor cursor = plain.open();
                    return new BatchCursor() {
                        @Override
                        public boolean next() {
                            return cursor.next();
                        }

                        @Override
                        public VectorSchemaRoot batch() {
                            return cursor.batch();
                        }

                        @Override
                        public java.util.Optional<String> origin(int row) {
                            return java.util.Optional.of("orders.csv:" + (row + 2));
                        }

                        @Override
                        public void close() {
                            cursor.close();
                        }
                    };
                }
            };
            origins.clear();
            located.forEachRow(r -> origins.add(r.origin()));
            assertEquals(List.of("orders.csv:2", "orders.csv:3"), origins);
            assertEquals("row 1", RowView.over(first).at(1).origin());
        }
    }
}
