package dev.dataproduct.core.join;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.schema.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Rows of the join tests cut into batches of random sizes, so that either side spans several batches. */
final class RandomBatches {
    private RandomBatches() {
    }

    /**
     * @param rows the rows, values in the schema's field order, null for a null
     * @param largest the most rows of one batch
     * @param held where the batches go, for the test to close
     * @return the rows as a dataset of batches of 1 to {@code largest} rows
     */
    static Dataset of(String name, Schema schema, List<Object[]> rows, SplittableRandom random, int largest,
                      BufferAllocator allocator, List<VectorSchemaRoot> held) {
        List<VectorSchemaRoot> parts = new ArrayList<>();
        int at = 0;
        while (at < rows.size()) {
            int size = Math.min(rows.size() - at, 1 + random.nextInt(largest));
            List<Map<String, Object>> maps = new ArrayList<>();
            for (Object[] row : rows.subList(at, at + size)) {
                Map<String, Object> m = new HashMap<>();
                for (int c = 0; c < row.length; c++) {
                    if (row[c] != null) {
                        m.put(schema.fields().get(c).name(), row[c]);
                    }
                }
                maps.add(m);
            }
            parts.add(BatchBuilder.fromRows(schema, maps, allocator));
            at += size;
        }
        held.addAll(parts);
        return Dataset.of(name, schema, parts);
    }
}
