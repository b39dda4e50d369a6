package dev.dataproduct.core.metric;

import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.metric.GroupBy;
import dev.dataproduct.api.metric.Metric;
import dev.dataproduct.api.metric.MetricInput;
import dev.dataproduct.api.metric.TimeGrain;
import dev.dataproduct.api.metric.TimeWindow;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.expr.ExpressionEvaluator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Turns the states of a {@link Scan} into the answer: one row per group of the query's grain, in
 * order, and each metric's value computed from its leaves' states over a range of buckets (its own
 * bucket; from the start for a running total; a trailing window; since the start of a coarser
 * period; or a bucket shifted back by an offset).
 */
final class Answer {
    private static final long ALL_FROM = Long.MIN_VALUE;
    private static final long ALL_TO = Long.MAX_VALUE;

    private final Scan scan;
    private final QueryPlan plan;
    private final ExpressionEvaluator evaluator;
    private final BufferAllocator allocator;
    /** Groups sorted by key group, then bucket; {@code starts[k]..starts[k+1]} are key group k's. */
    private int[] sorted;
    private int[] sortedBuckets;
    private int[] starts;
    private int[] seen;
    private int stamp;

    Answer(Scan scan, ExpressionEvaluator evaluator, BufferAllocator allocator) {
        this.scan = scan;
        this.plan = scan.plan;
        this.evaluator = evaluator;
        this.allocator = allocator;
    }

    /** The rows of the answer: a key group and a bucket each, with the range of days it covers. */
    private record Rows(int[] keyGroup, int[] bucket, long[] from, long[] to, boolean[] none) {
        int size() {
            return keyGroup.length;
        }
    }

    /** A metric's values for the rows; {@code nulls[i]} where row i has none. */
    private record Values(double[] values, boolean[] nulls) {
    }

    VectorSchemaRoot build() {
        index();
        Rows rows = rows();
        List<FieldVector> vectors = new ArrayList<>();
        try {
            for (int j = 0; j < scan.keys.length; j++) {
                vectors.add(keyVector(j, rows));
            }
            plan.axis.ifPresent(a -> vectors.add(dayVector(a.column(), rows.bucket())));
            for (String m : plan.query.metrics()) {
                Values v = metric(m, rows, Optional.empty());
                vectors.add(metricVector(m, v));
            }
            VectorSchemaRoot out = new VectorSchemaRoot(vectors);
            out.setRowCount(rows.size());
            return out;
        } catch (RuntimeException e) {
            vectors.forEach(FieldVector::close);
            throw e;
        }
    }

    private void index() {
        int n = scan.groupCount();
        int keyGroups = scan.buckets == null ? n : 0;
        Integer[] order = new Integer[n];
        for (int g = 0; g < n; g++) {
            order[g] = g;
            keyGroups = Math.max(keyGroups, scan.keyGroupOf(g) + 1);
        }
        Arrays.sort(order, (a, b) -> {
            int c = Integer.compare(scan.keyGroupOf(a), scan.keyGroupOf(b));
            return c != 0 ? c : Integer.compare(scan.bucketOf(a), scan.bucketOf(b));
        });
        sorted = new int[n];
        sortedBuckets = new int[n];
        starts = new int[keyGroups + 1];
        for (int i = 0; i < n; i++) {
            sorted[i] = order[i];
            sortedBuckets[i] = scan.bucketOf(order[i]);
            starts[scan.keyGroupOf(order[i]) + 1]++;
        }
        for (int k = 0; k < keyGroups; k++) {
            starts[k + 1] += starts[k];
        }
        int values = 1;
        for (Accumulator a : scan.accumulators) {
            values = Math.max(values, a.distinctValues());
        }
        seen = new int[values];
    }

    /** One row per (key group, bucket at the query's grain), ordered by the groups' values, nulls last. */
    private Rows rows() {
        Optional<TimeGrain> grain = plan.axis.flatMap(GroupBy::grain);
        LongIntMap out = new LongIntMap();
        for (int i = 0; i < sorted.length; i++) {
            int b = sortedBuckets[i];
            int bucket = grain.isEmpty() || b == KeyColumn.NULL ? b
                    : (int) grain.get().truncate(LocalDate.ofEpochDay(b)).toEpochDay();
            out.idOf(((long) scan.keyGroupOf(sorted[i]) << 32) | (bucket & 0xFFFFFFFFL));
        }
        int n = out.size();
        Integer[] order = new Integer[n];
        int[][] codes = new int[n][];
        for (int r = 0; r < n; r++) {
            order[r] = r;
            codes[r] = scan.keyCodes((int) (out.key(r) >>> 32));
        }
        Arrays.sort(order, (a, b) -> {
            for (int j = 0; j < scan.keys.length; j++) {
                int c = scan.keys[j].compare(codes[a][j], codes[b][j]);
                if (c != 0) {
                    return c;
                }
            }
            int ba = (int) out.key(a);
            int bb = (int) out.key(b);
            return ba == bb ? 0 : ba == KeyColumn.NULL ? 1 : bb == KeyColumn.NULL ? -1 : Integer.compare(ba, bb);
        });
        int[] keyGroup = new int[n];
        int[] bucket = new int[n];
        long[] from = new long[n];
        long[] to = new long[n];
        boolean[] none = new boolean[n];
        for (int r = 0; r < n; r++) {
            long k = out.key(order[r]);
            keyGroup[r] = (int) (k >>> 32);
            bucket[r] = (int) k;
            if (grain.isEmpty()) {
                from[r] = ALL_FROM;
                to[r] = ALL_TO;
            } else if (bucket[r] == KeyColumn.NULL) {
                from[r] = KeyColumn.NULL;
                to[r] = KeyColumn.NULL + 1L;
            } else {
                from[r] = bucket[r];
                to[r] = grain.get().plus(LocalDate.ofEpochDay(bucket[r]), 1).toEpochDay();
            }
        }
        return new Rows(keyGroup, bucket, from, to, none);
    }

    private Values metric(String name, Rows rows, Optional<Expr> inherited) {
        Metric m = plan.model.metric(name).orElseThrow();
        Optional<Expr> filter = QueryPlan.and(inherited, m.filter());
        if (m instanceof Metric.Simple s) {
            return leaf(plan.leaf(s.measure(), filter), rows);
        }
        if (m instanceof Metric.Cumulative c) {
            return leaf(plan.leaf(c.measure(), filter), cumulative(c, rows));
        }
        if (m instanceof Metric.Ratio r) {
            Values num = metric(r.numerator(), rows, filter);
            Values den = metric(r.denominator(), rows, filter);
            int n = rows.size();
            double[] v = new double[n];
            boolean[] nulls = new boolean[n];
            for (int i = 0; i < n; i++) {
                nulls[i] = num.nulls[i] || den.nulls[i] || den.values[i] == 0;
                v[i] = nulls[i] ? 0 : num.values[i] / den.values[i];
            }
            return new Values(v, nulls);
        }
        return derived((Metric.Derived) m, rows, filter);
    }

    private Values derived(Metric.Derived d, Rows rows, Optional<Expr> filter) {
        int n = rows.size();
        List<FieldVector> inputs = new ArrayList<>();
        try {
            for (MetricInput in : d.inputs()) {
                Values v = metric(in.metric(), in.offset().map(o -> shifted(o, rows)).orElse(rows), filter);
                Float8Vector vector = new Float8Vector(in.alias(), allocator);
                inputs.add(filled(vector, n, i -> v.nulls[i], i -> vector.set(i, v.values[i])));
            }
            try (VectorSchemaRoot root = new VectorSchemaRoot(inputs)) {
                inputs = List.of();
                root.setRowCount(n);
                try (FieldVector result = evaluator.evaluate(d.expr(), root, d.name(), allocator)) {
                    double[] v = new double[n];
                    boolean[] nulls = new boolean[n];
                    for (int i = 0; i < n; i++) {
                        Object x = result.getObject(i);
                        nulls[i] = !(x instanceof Number) || rows.none[i];
                        v[i] = nulls[i] ? 0 : ((Number) x).doubleValue();
                    }
                    return new Values(v, nulls);
                }
            }
        } finally {
            inputs.forEach(FieldVector::close);
        }
    }

    /** The same rows, each bucket moved back by the offset: the value for March is February's. */
    private Rows shifted(TimeWindow offset, Rows rows) {
        TimeGrain grain = plan.axis.flatMap(GroupBy::grain).orElseThrow();
        int n = rows.size();
        int[] bucket = new int[n];
        long[] from = new long[n];
        long[] to = new long[n];
        boolean[] none = rows.none.clone();
        for (int i = 0; i < n; i++) {
            if (rows.bucket[i] == KeyColumn.NULL) {
                none[i] = true;
                bucket[i] = KeyColumn.NULL;
                continue;
            }
            LocalDate b = offset.grain().plus(LocalDate.ofEpochDay(rows.bucket[i]), -offset.count());
            bucket[i] = (int) b.toEpochDay();
            from[i] = bucket[i];
            to[i] = grain.plus(b, 1).toEpochDay();
        }
        return new Rows(rows.keyGroup, bucket, from, to, none);
    }

    /** The same rows, each range widened back to where the metric starts accumulating. */
    private Rows cumulative(Metric.Cumulative c, Rows rows) {
        int n = rows.size();
        long[] from = new long[n];
        boolean[] none = rows.none.clone();
        for (int i = 0; i < n; i++) {
            if (rows.bucket[i] == KeyColumn.NULL) {
                none[i] = true;
                continue;
            }
            if (c.window().isPresent()) {
                TimeWindow w = c.window().get();
                from[i] = w.grain().plus(LocalDate.ofEpochDay(rows.to[i]), -w.count()).toEpochDay();
            } else if (c.grainToDate().isPresent()) {
                from[i] = c.grainToDate().get().truncate(LocalDate.ofEpochDay(rows.bucket[i])).toEpochDay();
            } else {
                from[i] = KeyColumn.NULL + 1L;
            }
        }
        return new Rows(rows.keyGroup, rows.bucket, from, rows.to, none);
    }

    private Values leaf(Leaf leaf, Rows rows) {
        Accumulator a = scan.accumulators[plan.leaves.get(leaf)];
        int n = rows.size();
        double[] v = new double[n];
        boolean[] nulls = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (rows.none[i]) {
                nulls[i] = true;
                continue;
            }
            int k = rows.keyGroup[i];
            int lo = k + 1 < starts.length ? starts[k] : 0;
            int hi = k + 1 < starts.length ? starts[k + 1] : 0;
            int first = lowerBound(lo, hi, rows.from[i]);
            int last = lowerBound(first, hi, rows.to[i]);
            if (++stamp == Integer.MAX_VALUE) {
                Arrays.fill(seen, 0);
                stamp = 1;
            }
            v[i] = a.merge(sorted, first, last, seen, stamp);
            nulls[i] = a.mergedNull;
        }
        return new Values(v, nulls);
    }

    /** @return the first index in [lo, hi) whose bucket is at least {@code day} */
    private int lowerBound(int lo, int hi, long day) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sortedBuckets[mid] < day) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private FieldVector keyVector(int j, Rows rows) {
        KeyColumn key = scan.keys[j];
        String name = plan.keys.get(j).column();
        int n = rows.size();
        int[] codes = new int[n];
        for (int i = 0; i < n; i++) {
            codes[i] = scan.keyCodes(rows.keyGroup[i])[j];
        }
        switch (key.kind) {
            case DAY:
                return dayVector(name, codes);
            case STRING: {
                VarCharVector v = new VarCharVector(name, allocator);
                return filled(v, n, i -> codes[i] == KeyColumn.NULL, i -> v.setSafe(i,
                        ((String) key.value(codes[i])).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
            case LONG: {
                BigIntVector v = new BigIntVector(name, allocator);
                return filled(v, n, i -> codes[i] == KeyColumn.NULL, i -> v.set(i, (Long) key.value(codes[i])));
            }
            default: {
                BitVector v = new BitVector(name, allocator);
                return filled(v, n, i -> codes[i] == KeyColumn.NULL, i -> v.set(i, codes[i]));
            }
        }
    }

    /** Allocates a vector of n values, null where {@code isNull}, set by {@code set} elsewhere. */
    private static <V extends FieldVector> V filled(V v, int n, java.util.function.IntPredicate isNull,
                                                     java.util.function.IntConsumer set) {
        try {
            v.setInitialCapacity(n);
            v.allocateNew();
            for (int i = 0; i < n; i++) {
                if (isNull.test(i)) {
                    v.setNull(i);
                } else {
                    set.accept(i);
                }
            }
            v.setValueCount(n);
            return v;
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
    }

    private FieldVector dayVector(String name, int[] days) {
        DateDayVector v = new DateDayVector(name, allocator);
        return filled(v, days.length, i -> days[i] == KeyColumn.NULL, i -> v.set(i, days[i]));
    }

    private FieldVector metricVector(String name, Values values) {
        int n = values.values.length;
        if (QueryPlan.typeOf(plan.model, name).equals(LogicalType.INT64)) {
            BigIntVector v = new BigIntVector(name, allocator);
            return filled(v, n, i -> values.nulls[i], i -> v.set(i, (long) values.values[i]));
        }
        Float8Vector v = new Float8Vector(name, allocator);
        return filled(v, n, i -> values.nulls[i], i -> v.set(i, values.values[i]));
    }
}
