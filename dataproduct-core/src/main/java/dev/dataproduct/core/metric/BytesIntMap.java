package dev.dataproduct.core.metric;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.vector.VarCharVector;

/**
 * Dense ids for the strings of {@code utf8} vectors, looked up by their bytes straight from the
 * vector's buffers: no {@code String} per row. Each distinct string's bytes are kept once, in one
 * growing pool.
 */
final class BytesIntMap {
    private int[] slots;
    private int[] hashes;
    private int mask;
    private int size;
    private byte[] pool = new byte[1024];
    private int poolEnd;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private byte[] scratch = new byte[64];

    BytesIntMap() {
        slots = new int[64];
        hashes = new int[64];
        Arrays.fill(slots, -1);
        mask = 63;
    }

    /** @return the id of the string at a row of the vector (which must not be null there) */
    int idOf(VarCharVector v, int row) {
        long start = v.getOffsetBuffer().getInt((long) row * 4);
        int len = (int) (v.getOffsetBuffer().getInt((long) (row + 1) * 4) - start);
        if (len > scratch.length) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        v.getDataBuffer().getBytes(start, scratch, 0, len);
        return idOf(scratch, 0, len);
    }

    /** @return the id of the string of {@code len} bytes at {@code from} in {@code bytes} */
    int idOf(byte[] bytes, int from, int len) {
        int h = hash(bytes, from, len);
        int i = h & mask;
        while (true) {
            int id = slots[i];
            if (id < 0) {
                return add(i, h, bytes, from, len);
            }
            if (hashes[i] == h && Arrays.equals(pool, starts[id], ends[id], bytes, from, from + len)) {
                return id;
            }
            i = (i + 1) & mask;
        }
    }

    private static int hash(byte[] b, int from, int len) {
        int h = 0x811C9DC5;
        for (int i = from, end = from + len; i < end; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        return h ^ (h >>> 15);
    }

    private int add(int slot, int h, byte[] bytes, int from, int len) {
        int id = size++;
        if (poolEnd + len > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolEnd + len));
        }
        System.arraycopy(bytes, from, pool, poolEnd, len);
        if (id == starts.length) {
            starts = Arrays.copyOf(starts, id * 2);
            ends = Arrays.copyOf(ends, id * 2);
        }
        starts[id] = poolEnd;
        ends[id] = poolEnd + len;
        poolEnd += len;
        slots[slot] = id;
        hashes[slot] = h;
        if (size * 2 > slots.length) {
            grow();
        }
        return id;
    }

    private void grow() {
        int cap = slots.length * 2;
        int[] s = new int[cap];
        int[] hs = new int[cap];
        Arrays.fill(s, -1);
        int m = cap - 1;
        for (int j = 0; j < slots.length; j++) {
            if (slots[j] >= 0) {
                int i = hashes[j] & m;
                while (s[i] >= 0) {
                    i = (i + 1) & m;
                }
                s[i] = slots[j];
                hs[i] = hashes[j];
            }
        }
        slots = s;
        hashes = hs;
        mask = m;
    }

    /** @return the bytes of the string with an id */
    byte[] bytes(int id) {
        return Arrays.copyOfRange(pool, starts[id], ends[id]);
    }

    String string(int id) {
        return new String(pool, starts[id], ends[id] - starts[id], StandardCharsets.UTF_8);
    }

    int size() {
        return size;
    }
}
