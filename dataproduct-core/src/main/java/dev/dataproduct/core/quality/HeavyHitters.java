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
 *
 * <p>A small hash index maps a key to its slot, so an update costs O(1) expected time whatever the
 * number of distinct values. A value's text is made only when the value takes a slot, and then
 * lazily: the slot remembers the row of the current batch ({@link #defer}), and {@link #flush} makes
 * the labels of the slots still held at the end of the batch, so a failing row costs no text.
 */
final class HeavyHitters {
    static final int CAPACITY = 64;
    /** Size of the hash index from key to slot: a power of two, four times the capacity. */
    private static final int INDEX = 256;

    private final long[] keys = new long[CAPACITY];
    private final long[] counts = new long[CAPACITY];
    private final String[] labels = new String[CAPACITY];
    /** For a slot taken in the current batch whose label is not made yet: the row to make it from, else -1. */
    private final int[] pending = new int[CAPACITY];
    /** Open addressing (linear probing) from a key to its slot + 1; 0 is empty. Rebuilt when slots move. */
    private final byte[] index = new byte[INDEX];
    private int size;
    private int last;
    private boolean anyPending;

    /**
     * Counts one occurrence of a value, in O(1) expected time: one index probe, plus (at most once
     * per {@value #CAPACITY} + 1 occurrences) the decrement of every counter.
     *
     * @return the slot whose label the caller must set or {@link #defer} (the value is new), or -1
     */
    int add(long key) {
        return add(key, 1);
    }

    /**
     * Counts {@code weight} occurrences of a value (weighted Misra–Gries): when every counter is
     * taken, the new value and every kept value lose the same amount, the smaller of the new weight
     * and the smallest counter, so the guarantee over the total weight is that of unit updates.
     *
     * @param weight at least 1
     * @return the slot whose label the caller must set or {@link #defer} (the value is new), or -1
     */
    int add(long key, long weight) {
        if (size > 0 && keys[last] == key) {
            counts[last] += weight;
            return -1;
        }
        int i = home(key);
        int s;
        while ((s = index[i]) != 0) {
            if (keys[s - 1] == key) {
                counts[s - 1] += weight;
                last = s - 1;
                return -1;
            }
            i = (i + 1) & (INDEX - 1);
        }
        long w = weight;
        if (size == CAPACITY) {
            long min = Long.MAX_VALUE;
            for (int k = 0; k < size; k++) {
                min = Math.min(min, counts[k]);
            }
            long cut = Math.min(w, min);
            int kept = 0;
            for (int k = 0; k < size; k++) {
                if (counts[k] > cut) {
                    keys[kept] = keys[k];
                    counts[kept] = counts[k] - cut;
                    labels[kept] = labels[k];
                    pending[kept] = pending[k];
                    kept++;
                }
            }
            Arrays.fill(labels, kept, size, null);
            size = kept;
            last = 0;
            reindex();
            w -= cut;
            if (w == 0) {
                return -1;
            }
            i = home(key);
            while (index[i] != 0) {
                i = (i + 1) & (INDEX - 1);
            }
        }
        keys[size] = key;
        counts[size] = w;
        labels[size] = null;
        pending[size] = -1;
        index[i] = (byte) (size + 1);
        last = size;
        return size++;
    }

    private static int home(long key) {
        return (int) ((key ^ (key >>> 32)) * 0x9E3779B97F4A7C15L >>> 56);
    }

    private void reindex() {
        Arrays.fill(index, (byte) 0);
        for (int k = 0; k < size; k++) {
            int i = home(keys[k]);
            while (index[i] != 0) {
                i = (i + 1) & (INDEX - 1);
            }
            index[i] = (byte) (k + 1);
        }
    }

    /** Leaves the label of a slot just taken to be made from a row of the current batch, by {@link #flush}. */
    void defer(int slot, int row) {
        pending[slot] = row;
        anyPending = true;
    }

    /**
     * Makes the labels left by {@link #defer} from the rows of the current batch, which must still be
     * the batch the labeler reads: at most {@value #CAPACITY} labels per batch, for the values still kept.
     */
    void flush(Failures.Labeler labeler) {
        if (!anyPending) {
            return;
        }
        for (int k = 0; k < size; k++) {
            if (pending[k] >= 0) {
                labels[k] = labeler.label(pending[k]);
                pending[k] = -1;
            }
        }
        anyPending = false;
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
            pending[size] = -1;
            size++;
        }
        reindex();
    }

    private List<Entry> entries() {
        if (anyPending) {
            throw new IllegalStateException("labels of the last batch were not made (flush)");
        }
        List<Entry> out = new ArrayList<>(size + 1);
        for (int i = 0; i < size; i++) {
            out.add(new Entry(keys[i], labels[i], counts[i]));
        }
        return out;
    }

    /** @return up to {@code n} values with their counts, most frequent first */
    List<ValueCount> top(int n) {
        List<Entry> all = entries();
        all.sort(Comparator.comparingLong((Entry e) -> -e.count).thenComparing(e -> String.valueOf(e.label),
                dev.dataproduct.core.expr.ValueOrder::compare));
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
        if (anyPending) {
            throw new IllegalStateException("labels of the last batch were not made (flush)");
        }
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
            pending[i] = -1;
        }
        last = 0;
        anyPending = false;
        reindex();
    }

    private record Entry(long key, String label, long count) {
    }
}
