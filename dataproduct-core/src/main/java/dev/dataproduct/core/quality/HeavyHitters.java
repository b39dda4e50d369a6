package dev.dataproduct.core.quality;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The most frequent values of a stream in bounded memory (Misra–Gries summary of {@value #CAPACITY}
 * counters, keyed by a 64-bit hash of the value, with the value's text kept beside). A value seen
 * more than n / ({@value #CAPACITY} + 1) times out of n is always kept; every count is a lower
 * bound, short of the true count by at most n / ({@value #CAPACITY} + 1). Two summaries merge into
 * one with the same guarantee over both streams.
 */
final class HeavyHitters {
    static final int CAPACITY = 64;

    private final long[] keys = new long[CAPACITY];
    private final long[] counts = new long[CAPACITY];
    private final String[] labels = new String[CAPACITY];
    private int size;
    private int last;

    /**
     * Counts one occurrence of a value.
     *
     * @return the slot whose label the caller must set (the value is new), or -1
     */
    int add(long key) {
        if (size > 0 && keys[last] == key) {
            counts[last]++;
            return -1;
        }
        for (int i = 0; i < size; i++) {
            if (keys[i] == key) {
                counts[i]++;
                last = i;
                return -1;
            }
        }
        if (size < CAPACITY) {
            keys[size] = key;
            counts[size] = 1;
            last = size;
            return size++;
        }
        // full: the new value and one occurrence of every kept value cancel out
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (counts[i] > 1) {
                keys[kept] = keys[i];
                counts[kept] = counts[i] - 1;
                labels[kept] = labels[i];
                kept++;
            }
        }
        Arrays.fill(labels, kept, size, null);
        size = kept;
        last = 0;
        return -1;
    }

    /** Counts {@code weight} occurrences of a value with a known label. */
    void add(long key, String label, long weight) {
        List<Entry> all = entries();
        all.add(new Entry(key, label, weight));
        reduce(all);
    }

    void label(int slot, String label) {
        labels[slot] = label;
    }

    void merge(HeavyHitters other) {
        List<Entry> all = entries();
        all.addAll(other.entries());
        reduce(all);
    }

    /** Sums equal keys and keeps the largest counts, less the first count that does not fit. */
    private void reduce(List<Entry> all) {
        java.util.LinkedHashMap<Long, Entry> byKey = new java.util.LinkedHashMap<>();
        for (Entry e : all) {
            byKey.merge(e.key, e, (a, b) -> new Entry(a.key, a.label != null ? a.label : b.label, a.count + b.count));
        }
        List<Entry> sorted = new ArrayList<>(byKey.values());
        sorted.sort(Comparator.comparingLong((Entry e) -> -e.count));
        long cut = sorted.size() > CAPACITY ? sorted.get(CAPACITY).count : 0;
        size = 0;
        last = 0;
        Arrays.fill(labels, null);
        for (Entry e : sorted) {
            if (size == CAPACITY || e.count - cut <= 0) {
                break;
            }
            keys[size] = e.key;
            counts[size] = e.count - cut;
            labels[size] = e.label;
            size++;
        }
    }

    private List<Entry> entries() {
        List<Entry> out = new ArrayList<>(size + 1);
        for (int i = 0; i < size; i++) {
            out.add(new Entry(keys[i], labels[i], counts[i]));
        }
        return out;
    }

    /** @return up to {@code n} values with their counts, most frequent first */
    List<ValueCount> top(int n) {
        List<Entry> all = entries();
        all.sort(Comparator.comparingLong((Entry e) -> -e.count).thenComparing(e -> String.valueOf(e.label)));
        List<ValueCount> out = new ArrayList<>();
        for (Entry e : all) {
            if (out.size() == n) {
                break;
            }
            out.add(new ValueCount(e.label == null ? "?" : e.label, e.count));
        }
        return out;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeLong(keys[i]);
            out.writeLong(counts[i]);
            out.writeUTF(labels[i] == null ? "?" : labels[i]);
        }
    }

    void read(DataInput in) throws IOException {
        size = in.readInt();
        for (int i = 0; i < size; i++) {
            keys[i] = in.readLong();
            counts[i] = in.readLong();
            labels[i] = in.readUTF();
        }
    }

    private record Entry(long key, String label, long count) {
    }
}
