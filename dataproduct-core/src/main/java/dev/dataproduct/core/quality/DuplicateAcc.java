package dev.dataproduct.core.quality;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The state of a duplicate count: the rows with a key (not every key column null) and the set of
 * 64-bit hashes of their keys. Duplicates = keyed rows - distinct keys, exact up to 64-bit hash
 * collisions (about n² / 2⁶⁵ expected collisions for n distinct keys: 3·10⁻⁶ for 10 million);
 * memory is proportional to the distinct keys, not the rows. The set is split into
 * {@value #PARTS} tables by the top bits of the hash, so that merging two large states works on one
 * cache-sized table at a time. Repeated keys found within one state
 * are sampled; keys repeated only across merged states are counted but not sampled.
 */
final class DuplicateAcc {
    final int[] columns;
    private static final int PARTS = 256;

    long keyedRows;
    private final LongHashSet[] keys = new LongHashSet[PARTS];
    final Failures failures = new Failures();

    DuplicateAcc(int[] columns) {
        this.columns = columns;
        for (int p = 0; p < PARTS; p++) {
            keys[p] = new LongHashSet(16);
        }
    }

    /** @return whether the key hash was new */
    private boolean add(long h) {
        return keys[(int) (h >>> 56)].add(h);
    }

    void update(ColumnData[] data, long base) {
        if (columns.length == 1) {
            ColumnData d = data[columns[0]];
            int n = d.n;
            if (d.kind.longs()) {
                long[] v = d.longs;
                for (int i = 0; i < n; i++) {
                    if (d.valid(i)) {
                        long h = Hashing.mix(v[i]);
                        keyedRows++;
                        if (!add(h)) {
                            failures.add(base + i, h, d, i);
                        }
                    }
                }
            } else {
                for (int i = 0; i < n; i++) {
                    if (d.valid(i)) {
                        long h = d.hash(i);
                        keyedRows++;
                        if (!add(h)) {
                            failures.add(base + i, h, d, i);
                        }
                    }
                }
            }
            failures.flush();
            return;
        }
        ColumnData first = data[columns[0]];
        Failures.Labeler labeler = row -> {
            StringBuilder sb = new StringBuilder("(");
            for (int c = 0; c < columns.length; c++) {
                sb.append(c == 0 ? "" : ", ").append(data[columns[c]].label(row));
            }
            return sb.append(')').toString();
        };
        for (int i = 0; i < first.n; i++) {
            long h = 0x2545F4914F6CDD1DL;
            boolean any = false;
            for (int column : columns) {
                ColumnData d = data[column];
                if (d.valid(i)) {
                    any = true;
                    h = Hashing.combine(h, d.hash(i));
                } else {
                    h = Hashing.combine(h, Hashing.NULL);
                }
            }
            if (any) {
                keyedRows++;
                if (!add(h)) {
                    failures.add(base + i, h, labeler, i);
                }
            }
        }
        failures.flush();
    }

    long duplicates() {
        long distinct = 0;
        for (LongHashSet part : keys) {
            distinct += part.size();
        }
        return keyedRows - distinct;
    }

    void merge(DuplicateAcc o, long shift) {
        keyedRows += o.keyedRows;
        for (int p = 0; p < PARTS; p++) {
            if (o.keys[p].size() > keys[p].size()) {
                LongHashSet bigger = new LongHashSet(o.keys[p].size() + keys[p].size());
                bigger.addAll(o.keys[p]);
                bigger.addAll(keys[p]);
                keys[p] = bigger;
            } else {
                keys[p].addAll(o.keys[p]);
            }
        }
        failures.merge(o.failures, shift);
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(keyedRows);
        for (LongHashSet part : keys) {
            part.write(out);
        }
        failures.write(out);
    }

    void read(DataInput in) throws IOException {
        keyedRows = in.readLong();
        for (int p = 0; p < PARTS; p++) {
            keys[p] = LongHashSet.read(in);
        }
        failures.read(in);
    }
}
