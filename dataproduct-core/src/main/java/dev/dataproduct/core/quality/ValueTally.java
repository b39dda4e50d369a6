package dev.dataproduct.core.quality;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The distinct values of a column with their number of rows and first row position, in primitive
 * arrays with open addressing. Integer values are kept as they are; other values by 64-bit hash
 * with their text beside (needed to look them up in a reference column of another type). Memory is
 * proportional to the distinct values.
 */
final class ValueTally {
    private final boolean keepText;
    long[] keys;
    long[] counts;
    long[] firsts;
    String[] texts;
    private int mask;
    int size;

    ValueTally(boolean keepText) {
        this.keepText = keepText;
        allocate(1024);
    }

    private void allocate(int cap) {
        keys = new long[cap];
        counts = new long[cap];
        firsts = new long[cap];
        texts = keepText ? new String[cap] : null;
        mask = cap - 1;
    }

    /** @return the slot of a new value, whose text the caller sets, or -1 */
    int add(long key, long count, long first) {
        int i = (int) Hashing.mix(key) & mask;
        while (counts[i] != 0) {
            if (keys[i] == key) {
                counts[i] += count;
                firsts[i] = Math.min(firsts[i], first);
                return -1;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        counts[i] = count;
        firsts[i] = first;
        if (++size > (mask + 1) * 0.6) {
            grow();
            return find(key);
        }
        return i;
    }

    private int find(long key) {
        int i = (int) Hashing.mix(key) & mask;
        while (keys[i] != key || counts[i] == 0) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        long[] k = keys;
        long[] c = counts;
        long[] f = firsts;
        String[] t = texts;
        allocate(k.length * 2);
        size = 0;
        for (int i = 0; i < k.length; i++) {
            if (c[i] != 0) {
                int slot = add(k[i], c[i], f[i]);
                if (t != null) {
                    texts[slot] = t[i];
                }
            }
        }
    }

    void merge(ValueTally o, long shift) {
        for (int i = 0; i < o.keys.length; i++) {
            if (o.counts[i] != 0) {
                int slot = add(o.keys[i], o.counts[i], o.firsts[i] + shift);
                if (slot >= 0 && keepText) {
                    texts[slot] = o.texts[i];
                }
            }
        }
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(size);
        for (int i = 0; i < keys.length; i++) {
            if (counts[i] != 0) {
                out.writeLong(keys[i]);
                out.writeLong(counts[i]);
                out.writeLong(firsts[i]);
                if (keepText) {
                    ColumnAcc.writeBytes(out, texts[i].getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }

    void read(DataInput in) throws IOException {
        int n = in.readInt();
        for (int k = 0; k < n; k++) {
            int slot = add(in.readLong(), in.readLong(), in.readLong());
            if (keepText) {
                texts[slot] = new String(ColumnAcc.readBytes(in), StandardCharsets.UTF_8);
            }
        }
    }
}
