package dev.dataproduct.core.expr;

import java.util.BitSet;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;

/**
 * Copies chosen rows of vectors into a new vector in bulk: the target is sized once, then values
 * are moved as bytes, each run of consecutive rows of one source in one copy. Copying value by
 * value through Arrow's {@code copyFromSafe} (a capacity check, a hole fill and an offset read per
 * value) was most of the time of a read that filters or masks rows. Fixed-width and variable-width
 * (UTF-8, binary) vectors are gathered in bulk; other types (bits, nested) value by value, with the
 * same result.
 */
public final class RowGather {
    private RowGather() {
    }

    /**
     * Copies the set rows of {@code source}, in order, into {@code out}.
     *
     * @param source the vector read; not changed
     * @param rows the rows copied (bits at or beyond {@code size} are ignored)
     * @param size the rows of the source considered
     * @param out an empty vector of the source's type; its value count is set
     */
    public static void gather(FieldVector source, BitSet rows, int size, FieldVector out) {
        int count = rows.length() <= size ? rows.cardinality() : rows.get(0, size).cardinality();
        FieldVector[] from = new FieldVector[count];
        int[] at = new int[count];
        int k = 0;
        for (int row = rows.nextSetBit(0); row >= 0 && row < size; row = rows.nextSetBit(row + 1)) {
            from[k] = source;
            at[k++] = row;
        }
        gather(from, at, count, out);
    }

    /**
     * Writes value {@code k} of {@code out} from row {@code rows[k]} of {@code from[k]}, for each
     * {@code k} below {@code count}; a null source gives a null value.
     *
     * @param from per value written, the vector it comes from (of the target's type), or null
     * @param rows per value written, the row of its source
     * @param count the values written
     * @param out an empty vector; its value count is set
     */
    public static void gather(FieldVector[] from, int[] rows, int count, FieldVector out) {
        if (sameKind(from, count, out)) {
            if (out instanceof BaseVariableWidthVector v) {
                variableWidth(from, rows, count, v);
                return;
            }
            if (out instanceof BaseFixedWidthVector f && !(out instanceof BitVector)) {
                fixedWidth(from, rows, count, f);
                return;
            }
        }
        out.allocateNew();
        for (int k = 0; k < count; k++) {
            if (from[k] == null) {
                out.setNull(k);
            } else {
                Selection.copyValue(from[k], rows[k], out, k);
            }
        }
        out.setValueCount(count);
    }

    private static boolean sameKind(FieldVector[] from, int count, FieldVector out) {
        for (int k = 0; k < count; k++) {
            if (from[k] != null && from[k].getClass() != out.getClass()) {
                return false;
            }
        }
        return true;
    }

    private static void fixedWidth(FieldVector[] from, int[] rows, int count, BaseFixedWidthVector out) {
        int width = out.getTypeWidth();
        out.allocateNew(Math.max(count, 1));
        ArrowBuf validity = out.getValidityBuffer();
        validity.setZero(0, validity.capacity());
        ArrowBuf data = out.getDataBuffer();
        int k = 0;
        while (k < count) {
            FieldVector src = from[k];
            if (src == null) {
                k++;
                continue;
            }
            // the run of values from consecutive rows of one source moves in one copy
            int end = k + 1;
            while (end < count && from[end] == src && rows[end] == rows[end - 1] + 1) {
                end++;
            }
            data.setBytes((long) k * width, src.getDataBuffer(), (long) rows[k] * width, (long) (end - k) * width);
            ArrowBuf srcValidity = src.getValidityBuffer();
            for (int i = k; i < end; i++) {
                if (BitVectorHelper.get(srcValidity, rows[i]) != 0) {
                    BitVectorHelper.setBit(validity, i);
                }
            }
            k = end;
        }
        out.setValueCount(count);
    }

    private static void variableWidth(FieldVector[] from, int[] rows, int count, BaseVariableWidthVector out) {
        long bytes = 0;
        for (int k = 0; k < count; k++) {
            if (from[k] != null) {
                // a run is copied as one range, nulls' bytes (normally none) included
                bytes += length(from[k], rows[k]);
            }
        }
        out.allocateNew(Math.max(bytes, 1), Math.max(count, 1));
        ArrowBuf validity = out.getValidityBuffer();
        validity.setZero(0, validity.capacity());
        ArrowBuf offsets = out.getOffsetBuffer();
        ArrowBuf data = out.getDataBuffer();
        int end = 0;
        offsets.setInt(0, 0);
        int k = 0;
        while (k < count) {
            FieldVector src = from[k];
            if (src == null) {
                offsets.setInt((long) (k + 1) * BaseVariableWidthVector.OFFSET_WIDTH, end);
                k++;
                continue;
            }
            int runEnd = k + 1;
            while (runEnd < count && from[runEnd] == src && rows[runEnd] == rows[runEnd - 1] + 1) {
                runEnd++;
            }
            ArrowBuf srcOffsets = src.getOffsetBuffer();
            ArrowBuf srcValidity = src.getValidityBuffer();
            // the values of a run of rows are one range of the source's data: copy it whole, then shift the offsets
            int first = srcOffsets.getInt((long) rows[k] * BaseVariableWidthVector.OFFSET_WIDTH);
            int last = srcOffsets.getInt((long) (rows[runEnd - 1] + 1) * BaseVariableWidthVector.OFFSET_WIDTH);
            data.setBytes(end, src.getDataBuffer(), first, last - first);
            int shift = end - first;
            for (int i = k; i < runEnd; i++) {
                int row = rows[i];
                if (BitVectorHelper.get(srcValidity, row) != 0) {
                    BitVectorHelper.setBit(validity, i);
                }
                offsets.setInt((long) (i + 1) * BaseVariableWidthVector.OFFSET_WIDTH,
                        srcOffsets.getInt((long) (row + 1) * BaseVariableWidthVector.OFFSET_WIDTH) + shift);
            }
            end += last - first;
            k = runEnd;
        }
        out.setLastSet(count - 1);
        out.setValueCount(count);
    }

    private static int length(FieldVector v, int row) {
        ArrowBuf offsets = v.getOffsetBuffer();
        return offsets.getInt((long) (row + 1) * BaseVariableWidthVector.OFFSET_WIDTH)
                - offsets.getInt((long) row * BaseVariableWidthVector.OFFSET_WIDTH);
    }
}
