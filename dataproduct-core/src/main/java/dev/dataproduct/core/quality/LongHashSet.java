package dev.dataproduct.core.quality;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A set of longs in one primitive array with open addressing and linear probing: 8 bytes per slot,
 * grown at 60% load, so memory is proportional to the number of distinct values.
 *
 * <p>Capacities are powers of two up to {@value #SHAVE_FROM} slots and {@value #SHAVE} slots short of
 * one above, so that a large array is a little under 2, 4, 8... MiB rather than just over: G1 stores an
 * object of half a region or more in whole regions of its own, and an array of exactly 4 MiB plus
 * its header would take two 4 MiB regions, half of them empty. The home slot is taken from the
 * high bits of the mixed value by multiplication (any capacity), not by a mask.
 */
final class LongHashSet {
    private static final int SHAVE_FROM = 4096;
    private static final int SHAVE = 64;

    private long[] slots;
    private int capacity;
    private int limit;
    private int size;
    private boolean hasZero;

    LongHashSet() {
        this(64);
    }

    LongHashSet(int expected) {
        int pow = Integer.highestOneBit(Math.max(16, (int) Math.min(1 << 30, expected * 2L)) - 1) << 1;
        allocate(pow);
    }

    private void allocate(int pow) {
        capacity = pow > SHAVE_FROM ? pow - SHAVE : pow;
        slots = new long[capacity];
        limit = (int) (capacity * 0.6);
    }

    /** @return the home slot of a value: the high 32 bits of its mix, scaled to the capacity */
    private static int home(long value, int capacity) {
        return (int) (((Hashing.mix(value) >>> 32) * capacity) >>> 32);
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
        int i = probe(value);
        if (slots[i] == value) {
            return false;
        }
        slots[i] = value;
        if (++size > limit) {
            grow();
        }
        return true;
    }

    boolean contains(long value) {
        return value == 0 ? hasZero : slots[probe(value)] == value;
    }

    /** The slot that holds a non-zero value, or the empty slot where it would go (linear probing). */
    private int probe(long value) {
        int cap = capacity;
        int i = home(value, cap);
        long[] s = slots;
        while (s[i] != value && s[i] != 0) {
            if (++i == cap) {
                i = 0;
            }
        }
        return i;
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
        int pow = Integer.bitCount(capacity) == 1 ? capacity : capacity + SHAVE;
        allocate(pow * 2);
        int cap = capacity;
        long[] s = slots;
        for (long v : old) {
            if (v != 0) {
                int i = home(v, cap);
                while (s[i] != 0) {
                    if (++i == cap) {
                        i = 0;
                    }
                }
                s[i] = v;
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
