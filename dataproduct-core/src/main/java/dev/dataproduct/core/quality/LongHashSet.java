package dev.dataproduct.core.quality;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A set of longs in one primitive array with open addressing and linear probing: 8 bytes per slot,
 * grown at 60% load, so memory is proportional to the number of distinct values.
 */
final class LongHashSet {
    private long[] slots;
    private int mask;
    private int size;
    private boolean hasZero;

    LongHashSet() {
        this(64);
    }

    LongHashSet(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, (int) Math.min(1 << 30, expected * 2L)) - 1) << 1;
        slots = new long[cap];
        mask = cap - 1;
    }

    /** @return whether the value was not in the set before */
    boolean add(long value) {
        if (value == 0) {
            if (hasZero) {
                return false;
            }
            hasZero = true;
            size++;
            return true;
        }
        int i = (int) Hashing.mix(value) & mask;
        long[] s = slots;
        while (true) {
            long v = s[i];
            if (v == value) {
                return false;
            }
            if (v == 0) {
                s[i] = value;
                if (++size > (mask + 1) * 0.6) {
                    grow();
                }
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    boolean contains(long value) {
        if (value == 0) {
            return hasZero;
        }
        int i = (int) Hashing.mix(value) & mask;
        while (true) {
            long v = slots[i];
            if (v == value) {
                return true;
            }
            if (v == 0) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    void addAll(LongHashSet other) {
        if (other.hasZero) {
            add(0);
        }
        for (long v : other.slots) {
            if (v != 0) {
                add(v);
            }
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        mask = slots.length - 1;
        for (long v : old) {
            if (v != 0) {
                int i = (int) Hashing.mix(v) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = v;
            }
        }
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(size);
        if (hasZero) {
            out.writeLong(0);
        }
        for (long v : slots) {
            if (v != 0) {
                out.writeLong(v);
            }
        }
    }

    static LongHashSet read(DataInput in) throws IOException {
        int n = in.readInt();
        LongHashSet set = new LongHashSet(n);
        for (int i = 0; i < n; i++) {
            set.add(in.readLong());
        }
        return set;
    }
}
