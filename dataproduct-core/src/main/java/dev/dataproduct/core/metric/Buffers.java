package dev.dataproduct.core.metric;

import java.nio.ByteOrder;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * A batch's values copied out of their Arrow buffers into reused Java arrays, a buffer at a time:
 * the hot loops then read plain arrays, with no bounds or null check per value.
 */
final class Buffers {
    double[] doubles = new double[0];
    long[] longs = new long[0];
    int[] offsets = new int[0];
    byte[] bytes = new byte[0];

    /** @return whether {@code v} holds numbers {@link #loadDoubles} reads */
    static boolean isNumber(FieldVector v) {
        return v instanceof Float8Vector || v instanceof Float4Vector || v instanceof BaseIntVector
                || v instanceof DecimalVector;
    }

    /** Loads the first n values of a numeric vector into {@link #doubles} (nulls: any value). */
    void loadDoubles(FieldVector v, int n) {
        if (doubles.length < n) {
            doubles = new double[Math.max(n, doubles.length * 2)];
        }
        double[] d = doubles;
        if (v instanceof Float8Vector) {
            v.getDataBuffer().nioBuffer(0, n * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(d, 0, n);
        } else if (v instanceof BigIntVector) {
            loadLongs(v, n);
            for (int i = 0; i < n; i++) {
                d[i] = longs[i];
            }
        } else if (v instanceof IntVector) {
            java.nio.IntBuffer b = v.getDataBuffer().nioBuffer(0, n * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
            for (int i = 0; i < n; i++) {
                d[i] = b.get(i);
            }
        } else if (v instanceof Float4Vector) {
            java.nio.FloatBuffer b = v.getDataBuffer().nioBuffer(0, n * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            for (int i = 0; i < n; i++) {
                d[i] = b.get(i);
            }
        } else if (v instanceof DecimalVector dec) {
            double scale = Math.pow(10, dec.getScale());
            for (int i = 0; i < n; i++) {
                d[i] = dec.isNull(i) ? 0 : dec.getObject(i).unscaledValue().doubleValue() / scale;
            }
        } else {
            BaseIntVector ints = (BaseIntVector) v;
            for (int i = 0; i < n; i++) {
                d[i] = v.isNull(i) ? 0 : ints.getValueAsLong(i);
            }
        }
    }

    /** Loads the first n values of a vector of 8-byte values (int64, timestamps) into {@link #longs}. */
    void loadLongs(FieldVector v, int n) {
        if (longs.length < n) {
            longs = new long[Math.max(n, longs.length * 2)];
        }
        v.getDataBuffer().nioBuffer(0, n * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(longs, 0, n);
    }

    /** Loads the offsets and bytes of the first n strings into {@link #offsets} and {@link #bytes}. */
    void loadStrings(VarCharVector v, int n) {
        if (offsets.length < n + 1) {
            offsets = new int[Math.max(n + 1, offsets.length * 2)];
        }
        v.getOffsetBuffer().nioBuffer(0, (n + 1) * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(offsets, 0, n + 1);
        int len = offsets[n] - offsets[0];
        if (bytes.length < offsets[n]) {
            bytes = new byte[Math.max(offsets[n], bytes.length * 2)];
        }
        if (len > 0) {
            v.getDataBuffer().nioBuffer(offsets[0], len).get(bytes, offsets[0], len);
        }
    }
}
