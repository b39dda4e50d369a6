package dev.dataproduct.core.join;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Copies chosen rows of a column into an output column: {@code rows[i]} of the source becomes row
 * {@code i} of the target, and {@code -1} a null. Fixed-width columns are copied buffer to buffer,
 * others value by value.
 */
final class Gather {
    private Gather() {
    }

    /**
     * @param source the column read, or {@code null} when every row is null
     * @param rows the source row of each target row, {@code -1} for null
     * @param n the number of target rows
     * @param target an empty column of the same type; allocated here
     */
    static void gather(FieldVector source, int[] rows, int n, FieldVector target) {
        if (target instanceof BaseFixedWidthVector fixed && !(target instanceof BitVector)) {
            gatherFixed(source, rows, n, fixed);
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

    private static void gatherFixed(FieldVector source, int[] rows, int n, BaseFixedWidthVector target) {
        target.allocateNew(Math.max(n, 1));
        ArrowBuf tv = target.getValidityBuffer();
        tv.setZero(0, tv.capacity());
        if (source != null) {
            int w = target.getTypeWidth();
            ArrowBuf sv = source.getValidityBuffer();
            boolean nullable = source.getNullCount() > 0;
            boolean complete = !nullable;
            for (int i = 0; i < n && complete; i++) {
                complete = rows[i] >= 0;
            }
            // the rows index the source's own rows, so raw addresses stay within its buffers
            long sd = source.getDataBuffer().memoryAddress();
            long td = target.getDataBuffer().memoryAddress();
            switch (w) {
                case 8 -> {
                    for (int i = 0; i < n; i++) {
                        int r = rows[i];
                        if (r >= 0) {
                            MemoryUtil.putLong(td + 8L * i, MemoryUtil.getLong(sd + 8L * r));
                        }
                    }
                }
                case 4 -> {
                    for (int i = 0; i < n; i++) {
                        int r = rows[i];
                        if (r >= 0) {
                            MemoryUtil.putInt(td + 4L * i, MemoryUtil.getInt(sd + 4L * r));
                        }
                    }
                }
                default -> {
                    for (int i = 0; i < n; i++) {
                        int r = rows[i];
                        if (r >= 0) {
                            MemoryUtil.copyMemory(sd + (long) w * r, td + (long) w * i, w);
                        }
                    }
                }
            }
            if (complete) {
                tv.setOne(0L, (n + 7) / 8);
            } else {
                for (int i = 0; i < n; i++) {
                    int r = rows[i];
                    if (r >= 0 && (!nullable || BitVectorHelper.get(sv, r) != 0)) {
                        BitVectorHelper.setBit(tv, i);
                    }
                }
            }
        }
        target.setValueCount(n);
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
