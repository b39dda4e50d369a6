package dev.dataproduct.core.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** Copies of selected rows are the same values whether they are sliced (one run) or copied (gaps). */
class SelectionTest {

    private static VectorSchemaRoot batch(BufferAllocator allocator, int rows) {
        BigIntVector n = new BigIntVector("n", allocator);
        VarCharVector s = new VarCharVector("s", allocator);
        for (int i = 0; i < rows; i++) {
            if (i % 5 == 2) {
                n.setNull(i);
                s.setNull(i);
            } else {
                n.setSafe(i, i * 10L);
                s.setSafe(i, ("v" + i).getBytes(StandardCharsets.UTF_8));
            }
        }
        n.setValueCount(rows);
        s.setValueCount(rows);
        return new VectorSchemaRoot(List.<FieldVector>of(n, s));
    }

    @Test
    void aRunOfRowsOutlivesItsSourceAndLeavesItUnchanged() {
        for (int[] run : new int[][] {{0, 20}, {3, 17}, {9, 10}, {8, 16}}) {
            try (BufferAllocator allocator = new RootAllocator()) {
                VectorSchemaRoot source = batch(allocator, 20);
                BitSet bits = new BitSet();
                bits.set(run[0], run[1]);
                VectorSchemaRoot copy = Selection.of(bits, 20).copyRows(source, source.getSchema(), allocator);
                try (copy) {
                    // the source is closed first, as the read path closes the policy's view before the copy
                    assertEquals(20, source.getRowCount());
                    assertEquals("v1", source.getVector("s").getObject(1).toString());
                    source.close();
                    assertEquals(run[1] - run[0], copy.getRowCount());
                    for (int k = 0; k < copy.getRowCount(); k++) {
                        int row = run[0] + k;
                        Object n = copy.getVector("n").getObject(k);
                        Object s = copy.getVector("s").getObject(k);
                        if (row % 5 == 2) {
                            assertNull(n, "row " + row);
                            assertNull(s, "row " + row);
                        } else {
                            assertEquals(row * 10L, n, "row " + row);
                            assertEquals("v" + row, s.toString(), "row " + row);
                        }
                    }
                }
            }
        }
    }

    @Test
    void rowsWithGapsAreCopiedInOrder() {
        try (BufferAllocator allocator = new RootAllocator(); VectorSchemaRoot source = batch(allocator, 12)) {
            BitSet bits = new BitSet();
            bits.set(1);
            bits.set(4, 7);
            bits.set(11);
            try (VectorSchemaRoot copy = Selection.of(bits, 12).copyRows(source, source.getSchema(), allocator)) {
                assertEquals(5, copy.getRowCount());
                assertEquals(List.of("v1", "v4", "v5", "v6", "v11"), List.of(0, 1, 2, 3, 4).stream()
                        .map(k -> copy.getVector("s").getObject(k).toString()).toList());
                assertEquals(40L, copy.getVector("n").getObject(1));
            }
        }
    }
}
