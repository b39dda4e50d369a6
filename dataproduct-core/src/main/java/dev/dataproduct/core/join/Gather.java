package dev.dataproduct.core.join;

import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;

/**
 * Copies chosen rows of a column into an output column: {@code rows[i]} of the source becomes row
 * {@code i} of the target, and {@code -1} a null. Fixed-width columns are copied buffer to buffer,
 * others value by value.
 */
final class Gather {
    private Gather() {
    }

    /**
     * What the caller knows of a gather's input, so that it is not found by a pass over it.
     *
     * @param sourceHasNulls whether the source column may hold a null (its null count is more than 0)
     * @param everyRow whether no target row is {@code -1}
     */
    record Known(boolean sourceHasNulls, boolean everyRow) {
    }

    /**
     * @param source the column read, or {@code null} when every row is null
     * @param rows the source row of each target row, {@code -1} for null
     * @param n the number of target rows
     * @param target an empty column of the same type; allocated here
     */
    static void gather(FieldVector source, int[] rows, int n, FieldVector target) {
        gather(source, rows, n, target, null);
    }

    /**
     * Like {@link #gather(FieldVector, int[], int, FieldVector)}, trusting what the caller knows.
     *
     * @param known what the caller knows of the source and the rows, or {@code null} to find it out
     */
    static void gather(FieldVector source, int[] rows, int n, FieldVector target, Known known) {
        if (target instanceof BaseFixedWidthVector fixed && !(target instanceof BitVector)) {
            gatherFixed(source, rows, n, fixed, known);
            return;
        }
        target.setInitialCapacity(n);
        target.allocateNew();
        for (int i = 0; i < n; i++) {
            int r = rows[i];
            if (r < 0 || source == null) {
                target.setNull(i);
            } else {
                target.copyFromSafe(r, i, source);
            }
        }
        target.setValueCount(n);
    }

    private static void gatherFixed(FieldVector source, int[] rows, int n, BaseFixedWidthVector target,
                                    Known known) {
        int w = target.getTypeWidth();
        BufferAllocator allocator = target.getAllocator();
        // buffers of our own, not allocateNew's: it zeroes them, a pass over memory every value overwrites
        try (ArrowBuf data = allocator.buffer(Math.max(8L, (long) w * n));
             ArrowBuf validity = allocator.buffer(Math.max(8L, ((n + 63L) >>> 6) << 3))) {
            long td = data.memoryAddress();
            long nulls;
            if (source == null) {
                MemoryUtil.setMemory(td, (long) w * n, (byte) 0);
                validity.setZero(0, validity.capacity());
                nulls = n;
            } else {
                copyValues(source, rows, n, w, td);
                nulls = validity(source, rows, n, validity, known);
            }
            target.loadFieldBuffers(new ArrowFieldNode(n, (int) nulls), List.of(validity, data));
        }
    }

    /** Writes each target row's value, zero for a row without a source row (never stale memory). */
    private static void copyValues(FieldVector source, int[] rows, int n, int w, long td) {
        // the rows index the source's own rows, so raw addresses stay within its buffers
        long sd = source.getDataBuffer().memoryAddress();
        switch (w) {
            case 8 -> {
                for (int i = 0; i < n; i++) {
                    int r = rows[i];
                    MemoryUtil.putLong(td + 8L * i, r >= 0 ? MemoryUtil.getLong(sd + 8L * r) : 0L);
                }
            }
            case 4 -> {
                for (int i = 0; i < n; i++) {
                    int r = rows[i];
                    MemoryUtil.putInt(td + 4L * i, r >= 0 ? MemoryUtil.getInt(sd + 4L * r) : 0);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    int r = rows[i];
                    if (r >= 0) {
                        MemoryUtil.copyMemory(sd + (long) w * r, td + (long) w * i, w);
                    } else {
                        MemoryUtil.setMemory(td + (long) w * i, w, (byte) 0);
                    }
                }
            }
        }
    }

    /** Writes the target's validity bits; returns its null count. */
    private static long validity(FieldVector source, int[] rows, int n, ArrowBuf validity, Known known) {
        boolean nullable = known == null ? source.getNullCount() > 0 : known.sourceHasNulls();
        boolean complete = !nullable;
        if (known == null || !known.everyRow()) {
            for (int i = 0; i < n && complete; i++) {
                complete = rows[i] >= 0;
            }
        }
        if (complete) {
            long bytes = (n + 7) / 8;
            validity.setOne(0L, bytes);
            validity.setZero(bytes, validity.capacity() - bytes);
            return 0;
        }
        validity.setZero(0, validity.capacity());
        ArrowBuf sv = source.getValidityBuffer();
        long nulls = n;
        for (int i = 0; i < n; i++) {
            int r = rows[i];
            if (r >= 0 && (!nullable || BitVectorHelper.get(sv, r) != 0)) {
                BitVectorHelper.setBit(validity, i);
                nulls--;
            }
        }
        return nulls;
    }

    /**
     * Like {@link #gather}, taking each row from the first source, or where it has none
     * ({@code -1}) from the second: the key columns of a full join.
     */
    static void coalesce(FieldVector first, int[] firstRows, FieldVector second, int[] secondRows, int n,
                         FieldVector target) {
        target.setInitialCapacity(n);
        target.allocateNew();
        for (int i = 0; i < n; i++) {
            if (firstRows[i] >= 0 && first != null) {
                target.copyFromSafe(firstRows[i], i, first);
            } else if (secondRows[i] >= 0 && second != null) {
                target.copyFromSafe(secondRows[i], i, second);
            } else {
                target.setNull(i);
            }
        }
        target.setValueCount(n);
    }
}
