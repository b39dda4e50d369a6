package dev.dataproduct.core.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;

/** Gathering rows in bulk gives exactly what copying them one value at a time gives. */
class RowGatherTest {
    private static final long SEED = Long.getLong("gather.seed", 20261201L);

    @Test
    void gatheringRowsOfOneSourceEqualsCopyingThemOneByOne() {
        SplittableRandom random = new SplittableRandom(SEED);
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int round = 0; round < 200; round++) {
                int size = random.nextInt(0, 300);
                for (String type : List.of("int", "bigint", "double", "decimal", "bit", "utf8", "binary")) {
                    try (FieldVector source = vector(type, size, random, allocator);
                         FieldVector bulk = source.getField().createVector(allocator);
                         FieldVector oneByOne = source.getField().createVector(allocator)) {
                        BitSet rows = rows(size, random);
                        RowGather.gather(source, rows, size, bulk);
                        oneByOne.allocateNew();
                        int k = 0;
                        for (int row = rows.nextSetBit(0); row >= 0 && row < size; row = rows.nextSetBit(row + 1)) {
                            oneByOne.copyFromSafe(row, k++, source);
                        }
                        oneByOne.setValueCount(k);
                        assertEquals(values(oneByOne), values(bulk), "seed " + SEED + ", round " + round + ", " + type);
                    }
                }
            }
        }
    }

    @Test
    void gatheringRowsOfSeveralSourcesAndNullsTakesEachValueFromItsOwnSource() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int round = 0; round < 200; round++) {
                int size = random.nextInt(1, 200);
                for (String type : List.of("bigint", "utf8", "bit")) {
                    try (FieldVector a = vector(type, size, random, allocator);
                         FieldVector b = vector(type, size, random, allocator);
                         FieldVector bulk = a.getField().createVector(allocator)) {
                        int count = random.nextInt(0, size + 1);
                        FieldVector[] from = new FieldVector[count];
                        int[] rows = new int[count];
                        List<Object> expected = new ArrayList<>();
                        int row = 0;
                        for (int k = 0; k < count; k++) {
                            // mostly runs of consecutive rows, switching source now and then
                            row = random.nextInt(4) == 0 ? random.nextInt(size) : Math.min(row + 1, size - 1);
                            int pick = random.nextInt(5);
                            from[k] = pick == 0 ? null : pick < 3 ? a : b;
                            rows[k] = row;
                            expected.add(from[k] == null ? null : value(from[k], row));
                        }
                        RowGather.gather(from, rows, count, bulk);
                        assertEquals(expected, values(bulk), "seed " + SEED + ", round " + round + ", " + type);
                    }
                }
            }
        }
    }

    private static BitSet rows(int size, SplittableRandom random) {
        BitSet rows = new BitSet(size + 8);
        int density = random.nextInt(5);
        for (int row = 0; row < size + 8; row++) {
            // from none, through sparse and dense, to all; bits past the size must be ignored
            if (density == 4 || random.nextInt(4) < density) {
                rows.set(row);
            }
        }
        return rows;
    }

    private static FieldVector vector(String type, int size, SplittableRandom random, BufferAllocator allocator) {
        FieldVector v = switch (type) {
            case "int" -> new IntVector("v", allocator);
            case "bigint" -> new BigIntVector("v", allocator);
            case "double" -> new Float8Vector("v", allocator);
            case "decimal" -> new DecimalVector("v", allocator, 20, 3);
            case "bit" -> new BitVector("v", allocator);
            case "utf8" -> new VarCharVector("v", allocator);
            default -> new VarBinaryVector("v", allocator);
        };
        v.allocateNew();
        for (int row = 0; row < size; row++) {
            if (random.nextInt(6) == 0) {
                v.setNull(row);
                continue;
            }
            switch (type) {
                case "int" -> ((IntVector) v).setSafe(row, random.nextInt());
                case "bigint" -> ((BigIntVector) v).setSafe(row, random.nextLong());
                case "double" -> ((Float8Vector) v).setSafe(row, random.nextDouble());
                case "decimal" -> ((DecimalVector) v).setSafe(row, BigDecimal.valueOf(random.nextLong(-1_000_000_000L,
                        1_000_000_000L), 3));
                case "bit" -> ((BitVector) v).setSafe(row, random.nextInt(2));
                case "utf8" -> ((VarCharVector) v).setSafe(row, text(random).getBytes(StandardCharsets.UTF_8));
                default -> ((VarBinaryVector) v).setSafe(row, text(random).getBytes(StandardCharsets.UTF_8));
            }
        }
        v.setValueCount(size);
        return v;
    }

    private static String text(SplittableRandom random) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(0, 12);
        for (int i = 0; i < n; i++) {
            b.append(random.nextInt(10) == 0 ? 'é' : (char) ('a' + random.nextInt(26)));
        }
        return b.toString();
    }

    private static List<Object> values(FieldVector v) {
        List<Object> out = new ArrayList<>();
        for (int row = 0; row < v.getValueCount(); row++) {
            out.add(value(v, row));
        }
        return out;
    }

    private static Object value(FieldVector v, int row) {
        Object o = v.getObject(row);
        return o instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : o == null ? null
                : o.toString();
    }
}
