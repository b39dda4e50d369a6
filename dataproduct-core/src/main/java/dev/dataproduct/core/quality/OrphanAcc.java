package dev.dataproduct.core.quality;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The state of an orphan count: a tally of the referencing column's distinct values (rows and first
 * row of each), resolved against the reference column when reporting. The state needs no reference
 * while folding batches, so it merges across threads and runs; resolving is exact up to 64-bit hash
 * collisions.
 */
final class OrphanAcc {
    final Metric.OrphanCount metric;
    final int column;
    private final boolean ints;
    final ValueTally tally;

    OrphanAcc(Metric.OrphanCount metric, int column, ColumnData.Kind kind) {
        this.metric = metric;
        this.column = column;
        this.ints = kind == ColumnData.Kind.INT;
        this.tally = new ValueTally(!ints);
    }

    void update(ColumnData d, long base) {
        int n = d.n;
        for (int i = 0; i < n; i++) {
            if (d.valid(i)) {
                long key = ints ? d.longs[i] : d.hash(i);
                int slot = tally.add(key, 1, base + i);
                if (slot >= 0 && !ints) {
                    tally.texts[slot] = d.text(i);
                }
            }
        }
    }

    void merge(OrphanAcc o, long shift) {
        tally.merge(o.tally, shift);
    }

    /** The values of a reference column, as keys comparable with a referencing column's. */
    static final class ReferenceKeys {
        final boolean sameClass;
        final LongHashSet keys;

        private ReferenceKeys(boolean sameClass, LongHashSet keys) {
            this.sameClass = sameClass;
            this.keys = keys;
        }

        /**
         * Reads the reference column once.
         *
         * @throws IllegalArgumentException if the context has no such dataset or it has no such column
         */
        static ReferenceKeys build(Metric.OrphanCount m, Field referencing, Map<String, Dataset> references) {
            Dataset ref = references.get(m.referenceDataset());
            if (ref == null) {
                throw new IllegalArgumentException("reference check " + m.describe() + " needs dataset '"
                        + m.referenceDataset() + "', which the evaluation context does not provide (it has "
                        + references.keySet() + ")");
            }
            Field refField = ref.schema().field(m.referenceColumn()).orElseThrow(() -> new IllegalArgumentException(
                    "reference check " + m.describe() + ": dataset '" + m.referenceDataset() + "' has no column '"
                            + m.referenceColumn() + "' (columns: " + ref.schema().fieldNames() + ")"));
            boolean same = typeClass(refField.type()).equals(typeClass(referencing.type()));
            ColumnData d = new ColumnData(refField);
            LongHashSet keys = new LongHashSet(1024);
            try (BatchCursor cursor = ref.open()) {
                while (cursor.next()) {
                    VectorSchemaRoot batch = cursor.batch();
                    FieldVector v = batch.getVector(m.referenceColumn());
                    d.load(v, batch.getRowCount());
                    for (int i = 0; i < d.n; i++) {
                        if (d.valid(i)) {
                            keys.add(!same ? Hashing.text(d.text(i))
                                    : d.kind == ColumnData.Kind.INT ? d.longs[i] : d.hash(i));
                        }
                    }
                }
            }
            return new ReferenceKeys(same, keys);
        }

        private static String typeClass(LogicalType t) {
            return t instanceof LogicalType.IntegerType ? "integer" : t.typeName();
        }

        /** @return whether the value of a referencing row (given as key and text) is a reference value */
        boolean contains(long key, String text) {
            return keys.contains(sameClass ? key : Hashing.text(text));
        }
    }

    /** The orphan rows found by resolving a tally. */
    record Resolved(long count, List<Long> positions, List<String> first, List<ValueCount> frequent) {
    }

    Resolved resolve(ReferenceKeys refs, boolean sensitive) {
        long count = 0;
        List<long[]> found = new ArrayList<>();   // {slot, first position, count}
        for (int i = 0; i < tally.keys.length; i++) {
            if (tally.counts[i] != 0 && !refs.contains(tally.keys[i], text(i))) {
                count += tally.counts[i];
                found.add(new long[] {i, tally.firsts[i], tally.counts[i]});
            }
        }
        found.sort(Comparator.comparingLong(a -> a[1]));
        List<Long> positions = new ArrayList<>();
        List<String> first = new ArrayList<>();
        for (long[] f : found) {
            if (positions.size() < Failures.POSITIONS) {
                positions.add(f[1]);
            }
            if (first.size() < Failures.FIRST) {
                first.add(label((int) f[0], sensitive));
            }
        }
        found.sort(Comparator.comparingLong((long[] a) -> -a[2]).thenComparingLong(a -> a[1]));
        List<ValueCount> frequent = new ArrayList<>();
        for (long[] f : found.subList(0, Math.min(Failures.FIRST, found.size()))) {
            frequent.add(new ValueCount(label((int) f[0], sensitive), f[2]));
        }
        return new Resolved(count, positions, first, frequent);
    }

    private String text(int slot) {
        return ints ? Long.toString(tally.keys[slot]) : tally.texts[slot];
    }

    private String label(int slot, boolean sensitive) {
        if (sensitive) {
            return ColumnData.RESTRICTED;
        }
        String s = text(slot);
        return Texts.shorten(s, 100);
    }
}
