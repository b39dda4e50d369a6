package dev.dataproduct.core.snapshot;

/**
 * A set of key hashes without boxing, so that an upsert checks every row of a large snapshot
 * against the keys of a small increment cheaply. Open addressing with linear probing; zero is kept
 * aside because it marks a free slot.
 */
final class LongHashSet {
    private long[] slots;
    private int size;
    private boolean hasZero;

    LongHashSet(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        slots = new long[capacity];
    }

    void add(long value) {
        if (value == 0) {
            hasZero = true;
            return;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = (int) (value ^ (value >>> 32)) & mask;
        while (slots[i] != 0) {
            if (slots[i] == value) {
                return;
            }
            i = (i + 1) & mask;
        }
        slots[i] = value;
        size++;
    }

    boolean contains(long value) {
        if (value == 0) {
            return hasZero;
        }
        int mask = slots.length - 1;
        int i = (int) (value ^ (value >>> 32)) & mask;
        while (slots[i] != 0) {
            if (slots[i] == value) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    boolean isEmpty() {
        return size == 0 && !hasZero;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        size = 0;
        for (long v : old) {
            if (v != 0) {
                add(v);
            }
        }
    }
}
