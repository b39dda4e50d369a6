package dev.dataproduct.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The indexed, lazily labelled summary counts exactly like the plain Misra–Gries summary. */
class HeavyHittersTest {

    @Test
    void breaksTiesOfCountsByCodePointOrder() {
        HeavyHitters summary = new HeavyHitters();
        summary.add(1L, "\uD83D\uDE00", 3);
        summary.add(2L, "\uFFFF", 3);
        assertEquals(List.of(new ValueCount("\uFFFF", 3), new ValueCount("\uD83D\uDE00", 3)), summary.top(2));
    }

    @Test
    void keepsTheSameCountersAndLabelsAsAPlainMisraGriesSummary() {
        for (long seed : new long[] {1, 7, 42, 20261121}) {
            Random random = new Random(seed);
            HeavyHitters summary = new HeavyHitters();
            Reference reference = new Reference();
            int distinct = 1 + random.nextInt(5000);
            for (int batch = 0; batch < 20; batch++) {
                long[] values = new long[1 + random.nextInt(3000)];
                for (int row = 0; row < values.length; row++) {
                    // skewed: a few values often, many values rarely
                    values[row] = random.nextInt(4) == 0 ? random.nextInt(8) : random.nextInt(distinct);
                    long key = Hashing.mix(values[row]);
                    int slot = summary.add(key);
                    if (slot >= 0) {
                        summary.defer(slot, row);
                    }
                    reference.add(key, "v" + values[row]);
                }
                summary.flush(row -> "v" + values[row]);
                assertEquals(reference.top(), summary.top(HeavyHitters.CAPACITY), "seed " + seed + ", batch " + batch);
            }
        }
    }

    @Test
    void survivesAWriteAndReadAndAMerge() throws IOException {
        HeavyHitters a = new HeavyHitters();
        HeavyHitters b = new HeavyHitters();
        for (int i = 0; i < 1000; i++) {
            int slot = a.add(Hashing.mix(i % 10));
            if (slot >= 0) {
                a.label(slot, "a" + i % 10);
            }
            slot = b.add(Hashing.mix(i % 7));
            if (slot >= 0) {
                b.label(slot, "a" + i % 7);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        a.write(new DataOutputStream(bytes));
        HeavyHitters read = new HeavyHitters();
        read.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(a.top(HeavyHitters.CAPACITY), read.top(HeavyHitters.CAPACITY));
        read.merge(b);
        // the index is rebuilt after a merge: adding a kept value counts it, it does not take a slot
        assertEquals(-1, read.add(Hashing.mix(3)));
        assertEquals(new ValueCount("a3", 100 + 143 + 1), read.top(1).get(0));
    }

    @Test
    void refusesToReportLabelsThatWereNotMade() {
        HeavyHitters summary = new HeavyHitters();
        summary.defer(summary.add(Hashing.mix(1)), 0);
        assertThrows(IllegalStateException.class, () -> summary.top(1));
    }

    /** The summary as it was: a linear scan of the keys, the label made when a value takes a slot. */
    private static final class Reference {
        private final long[] keys = new long[HeavyHitters.CAPACITY];
        private final long[] counts = new long[HeavyHitters.CAPACITY];
        private final String[] labels = new String[HeavyHitters.CAPACITY];
        private int size;

        void add(long key, String label) {
            for (int i = 0; i < size; i++) {
                if (keys[i] == key) {
                    counts[i]++;
                    return;
                }
            }
            if (size < keys.length) {
                keys[size] = key;
                counts[size] = 1;
                labels[size++] = label;
                return;
            }
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (counts[i] > 1) {
                    keys[kept] = keys[i];
                    counts[kept] = counts[i] - 1;
                    labels[kept++] = labels[i];
                }
            }
            size = kept;
        }

        List<ValueCount> top() {
            List<ValueCount> all = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                all.add(new ValueCount(labels[i], counts[i]));
            }
            all.sort(java.util.Comparator.comparingLong((ValueCount v) -> -v.count()).thenComparing(ValueCount::value));
            return all;
        }
    }
}
