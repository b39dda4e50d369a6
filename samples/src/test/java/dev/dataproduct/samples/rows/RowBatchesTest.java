package dev.dataproduct.samples.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.transform.TransformContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.Test;

class RowBatchesTest {
    static final DatasetSpec OUT = DatasetSpec.named("numbers").field("n", LogicalType.INT64, f -> f.required()).build();

    /** A transform's context over an allocator, with no inputs. */
    static TransformContext context(BufferAllocator allocator) {
        return new TransformContext() {
            @Override
            public Dataset input(String name) {
                throw new IllegalArgumentException(name);
            }

            @Override
            public Set<String> inputNames() {
                return Set.of();
            }

            @Override
            public DatasetSpec output() {
                return OUT;
            }

            @Override
            public BufferAllocator allocator() {
                return allocator;
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }
        };
    }

    /** The batches written for a number of rows, as lists of their values. */
    static List<List<Long>> write(int rows, int size) {
        List<List<Long>> batches = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator()) {
            try (RowBatches out = RowBatches.of(context(allocator), batch -> {
                BigIntVector n = (BigIntVector) batch.getVector("n");
                List<Long> values = new ArrayList<>();
                for (int i = 0; i < batch.getRowCount(); i++) {
                    values.add(n.get(i));
                }
                batches.add(values);
            }, size)) {
                for (long i = 0; i < rows; i++) {
                    out.add(i);
                }
            }
        }
        return batches;
    }

    @Test
    void handsOnFullBatchesAndTheLastPartialOneOnCloseInOrder() {
        assertEquals(List.of(List.of(0L, 1L, 2L), List.of(3L, 4L, 5L), List.of(6L)), write(7, 3));
        assertEquals(List.of(List.of(0L, 1L, 2L)), write(3, 3));
    }

    @Test
    void writesNoBatchForNoRows() {
        assertEquals(List.of(), write(0, 3));
    }
}
