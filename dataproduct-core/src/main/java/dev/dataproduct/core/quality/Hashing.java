package dev.dataproduct.core.quality;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * 64-bit hashes of values, stable across JVMs and runs (they are stored in serialized states).
 * Zero is never returned, so that open-addressing tables can use it for an empty slot.
 */
final class Hashing {
    /** The hash of a null in a key of several columns. */
    static final long NULL = 0x5bd1e9955bd1e995L;
    private static final long C1 = 0x9E3779B97F4A7C15L;
    private static final long C2 = 0xC2B2AE3D27D4EB4FL;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Hashing() {
    }

    /** @return a well-mixed, non-zero hash of a 64-bit value */
    static long mix(long x) {
        long z = x * C1;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return z == 0 ? C2 : z;
    }

    /** @return the hash of a range of bytes */
    static long bytes(byte[] data, int from, int to) {
        long h = C2 ^ (to - from);
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = Long.rotateLeft((h ^ (long) LONGS.get(data, i)) * C1, 29);
        }
        long tail = 0;
        for (int shift = 0; i < to; i++, shift += 8) {
            tail |= (data[i] & 0xFFL) << shift;
        }
        return mix(h ^ tail * C2);
    }

    /** @return the hash of a text, equal to {@link #bytes} of its UTF-8 bytes */
    static long text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return bytes(b, 0, b.length);
    }

    /** @return the hash of a double, equal for 0.0 and -0.0 and for every NaN */
    static long number(double d) {
        return mix(Double.doubleToLongBits(d == 0.0 ? 0.0 : d));
    }

    /** @return a hash combining a running hash with the hash of one more part */
    static long combine(long running, long part) {
        return mix(running * 31 + part);
    }
}
