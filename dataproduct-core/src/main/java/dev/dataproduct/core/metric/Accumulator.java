package dev.dataproduct.core.metric;

import dev.dataproduct.api.error.InvalidRequestException;
import dev.dataproduct.api.metric.Aggregation;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import dev.dataproduct.core.expr.Selection;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * The state of one {@link Leaf} in every group, in primitive arrays indexed by group id: a count
 * of values, and a sum, minimum or maximum in a double; for a distinct count, the set of
 * (group, value id) pairs. States of several groups merge, which is how a bucket of a coarser grain
 * or a window of buckets is computed from finer ones.
 */
final class Accumulator {
    final Aggregation aggregation;
    private final String measure;
    long[] counts = new long[64];
    double[] values;
    private LongIntMap pairs;
    private LongIntMap distinctLongs;
    private BytesIntMap distinctStrings;
    private Map<Object, Integer> distinctOthers;
    private final Buffers buffers = new Buffers();
    /** Whether the last {@link #merge} was over no value, so null (counts never are). */
    boolean mergedNull;
    /** Per group, the ids of its distinct values, built once scanning is over. */
    private int[][] distinctByGroup;

    Accumulator(Leaf leaf) {
        this.aggregation = leaf.measure().aggregation();
        this.measure = leaf.measure().name();
        if (aggregation == Aggregation.COUNT_DISTINCT) {
            pairs = new LongIntMap();
        } else if (aggregation != Aggregation.COUNT) {
            values = new double[64];
            if (aggregation == Aggregation.MIN) {
                Arrays.fill(values, Double.NaN);
            } else if (aggregation == Aggregation.MAX) {
                Arrays.fill(values, Double.NEGATIVE_INFINITY);
            }
        }
    }

    void ensure(int groups) {
        if (groups <= counts.length) {
            return;
        }
        int cap = Math.max(groups, counts.length * 2);
        int old = counts.length;
        counts = Arrays.copyOf(counts, cap);
        if (values != null) {
            values = Arrays.copyOf(values, cap);
            if (aggregation == Aggregation.MIN) {
                Arrays.fill(values, old, cap, Double.NaN);
            } else if (aggregation == Aggregation.MAX) {
                Arrays.fill(values, old, cap, Double.NEGATIVE_INFINITY);
            }
        }
    }

    /**
     * Adds the values of the selected rows.
     *
     * @param v the measure's values
     * @param groups the group of each row
     * @param rows the rows that count, or null for the first {@code n}
     * @param n the rows of the batch
     */
    void add(FieldVector v, int[] groups, Selection rows, int n) {
        switch (aggregation) {
            case COUNT -> count(v, groups, rows, n);
            case COUNT_DISTINCT -> distinct(v, groups, rows, n);
            default -> numbers(v, groups, rows, n);
        }
    }

    private void count(FieldVector v, int[] groups, Selection rows, int n) {
        long[] c = counts;
        boolean noNulls = v.getNullCount() == 0;
        for (int i = first(rows, n); i >= 0; i = next(rows, i, n)) {
            if (noNulls || !v.isNull(i)) {
                c[groups[i]]++;
            }
        }
    }

    private void numbers(FieldVector v, int[] groups, Selection rows, int n) {
        if (!Buffers.isNumber(v)) {
            throw new InvalidRequestException("the measure '" + measure + "' aggregates " + aggregation.label()
                    + " over " + v.getField().getType() + " values; it needs numbers");
        }
        buffers.loadDoubles(v, n);
        double[] x = buffers.doubles;
        long[] c = counts;
        double[] s = values;
        boolean noNulls = v.getNullCount() == 0;
        if (rows == null && noNulls) {
            // the common case, kept free of per-row checks
            switch (aggregation) {
                case MIN -> {
                    for (int i = 0; i < n; i++) {
                        int g = groups[i];
                        c[g]++;
                        s[g] = least(s[g], x[i]);
                    }
                }
                case MAX -> {
                    for (int i = 0; i < n; i++) {
                        int g = groups[i];
                        c[g]++;
                        s[g] = Math.max(s[g], x[i]);
                    }
                }
                default -> {
                    for (int i = 0; i < n; i++) {
                        int g = groups[i];
                        c[g]++;
                        s[g] += x[i];
                    }
                }
            }
            return;
        }
        for (int i = first(rows, n); i >= 0; i = next(rows, i, n)) {
            if (noNulls || !v.isNull(i)) {
                fold(c, s, groups[i], x[i]);
            }
        }
    }

    private void fold(long[] c, double[] s, int g, double x) {
        c[g]++;
        switch (aggregation) {
            case MIN -> s[g] = least(s[g], x);
            case MAX -> s[g] = Math.max(s[g], x);
            default -> s[g] += x;
        }
    }

    private void distinct(FieldVector v, int[] groups, Selection rows, int n) {
        boolean noNulls = v.getNullCount() == 0;
        for (int i = first(rows, n); i >= 0; i = next(rows, i, n)) {
            if (noNulls || !v.isNull(i)) {
                pairs.idOf(((long) groups[i] << 32) | (valueId(v, i) & 0xFFFFFFFFL));
            }
        }
    }

    private int valueId(FieldVector v, int i) {
        if (v instanceof VarCharVector s) {
            if (distinctStrings == null) {
                distinctStrings = new BytesIntMap();
            }
            return distinctStrings.idOf(s, i);
        }
        long key;
        if (v instanceof BaseIntVector ints) {
            key = ints.getValueAsLong(i);
        } else if (v instanceof DateDayVector d) {
            key = d.get(i);
        } else if (v instanceof TimeStampVector t) {
            key = t.get(i);
        } else if (v instanceof BitVector b) {
            key = b.get(i);
        } else if (v instanceof Float8Vector f) {
            key = doubleKey(f.get(i));
        } else if (v instanceof Float4Vector f) {
            key = doubleKey(f.get(i));
        } else {
            // decimals and rarer types: by value, boxed, off the common path
            if (distinctOthers == null) {
                distinctOthers = new HashMap<>();
            }
            Object value = v.getObject(i);
            Object k = value instanceof java.math.BigDecimal d ? d.stripTrailingZeros() : value;
            return distinctOthers.computeIfAbsent(k, x -> distinctOthers.size());
        }
        if (distinctLongs == null) {
            distinctLongs = new LongIntMap();
        }
        return distinctLongs.idOf(key);
    }

    /**
     * The smaller of two values in SQL's order of doubles, where NaN is greater than every number
     * (as in DuckDB and PostgreSQL): a minimum is NaN only when every value is. {@code Math.max}
     * already follows that order; {@code Math.min} does not. A state starts at NaN, so that a
     * group of NaNs stays NaN.
     */
    static double least(double a, double b) {
        if (Double.isNaN(a)) {
            return b;
        }
        return Double.isNaN(b) ? a : Math.min(a, b);
    }

    /** -0.0 and 0.0 are one value, and every NaN another, as in SQL engines. */
    private static long doubleKey(double x) {
        return x == 0 ? 0L : Double.doubleToLongBits(x);
    }

    private static int first(Selection rows, int n) {
        return rows == null ? (n > 0 ? 0 : -1) : rows.nextSelected(0);
    }

    private static int next(Selection rows, int i, int n) {
        if (rows == null) {
            return i + 1 < n ? i + 1 : -1;
        }
        return i + 1 < n ? rows.nextSelected(i + 1) : -1;
    }

    /**
     * Adds a constant for each selected row: a measure of a literal, such as the 1 of a row count.
     *
     * @param x the constant
     * @param groups the group of each row
     * @param rows the rows that count, or null for the first {@code n}
     * @param n the rows of the batch
     */
    void addConstant(double x, int[] groups, Selection rows, int n) {
        long[] c = counts;
        if (aggregation == Aggregation.COUNT) {
            for (int i = first(rows, n); i >= 0; i = next(rows, i, n)) {
                c[groups[i]]++;
            }
        } else if (aggregation == Aggregation.COUNT_DISTINCT) {
            for (int i = first(rows, n); i >= 0; i = next(rows, i, n)) {
                pairs.idOf((long) groups[i] << 32);
            }
        } else {
            for (int i = first(rows, n); i >= 0; i = next(rows, i, n)) {
                fold(c, values, groups[i], x);
            }
        }
    }

    /** Groups the distinct pairs by group, once, before states are merged. */
    void finishScan(int groupCount) {
        if (pairs == null) {
            return;
        }
        int[] sizes = new int[groupCount];
        for (int id = 0; id < pairs.size(); id++) {
            sizes[(int) (pairs.key(id) >>> 32)]++;
        }
        distinctByGroup = new int[groupCount][];
        for (int g = 0; g < groupCount; g++) {
            distinctByGroup[g] = new int[sizes[g]];
            sizes[g] = 0;
        }
        for (int id = 0; id < pairs.size(); id++) {
            long k = pairs.key(id);
            int g = (int) (k >>> 32);
            distinctByGroup[g][sizes[g]++] = (int) k;
        }
        pairs = null;
    }

    /**
     * The merged state of some groups.
     *
     * @param groups group ids
     * @param from the first index in {@code groups}
     * @param to the index past the last
     * @param seen scratch space for distinct counts, as large as the values seen, its entries below
     *     {@code stamp}
     * @param stamp a number not in {@code seen} yet
     * @return the aggregate as a double; see {@link #mergedNull} for whether it is null
     */
    double merge(int[] groups, int from, int to, int[] seen, int stamp) {
        mergedNull = false;
        if (aggregation == Aggregation.COUNT_DISTINCT) {
            if (to - from == 1) {
                return distinctByGroup[groups[from]].length;
            }
            long n = 0;
            for (int k = from; k < to; k++) {
                for (int value : distinctByGroup[groups[k]]) {
                    if (seen[value] != stamp) {
                        seen[value] = stamp;
                        n++;
                    }
                }
            }
            return n;
        }
        long c = 0;
        double s = aggregation == Aggregation.MIN ? Double.NaN
                : aggregation == Aggregation.MAX ? Double.NEGATIVE_INFINITY : 0;
        for (int k = from; k < to; k++) {
            int g = groups[k];
            c += counts[g];
            if (values != null && counts[g] > 0) {
                s = aggregation == Aggregation.MIN ? least(s, values[g])
                        : aggregation == Aggregation.MAX ? Math.max(s, values[g]) : s + values[g];
            }
        }
        if (aggregation == Aggregation.COUNT) {
            return c;
        }
        if (c == 0) {
            mergedNull = true;
            return 0;
        }
        return aggregation == Aggregation.AVERAGE ? s / c : s;
    }

    /** @return how many distinct values were seen, the size scratch space for {@link #merge} needs */
    int distinctValues() {
        int n = 1;
        if (distinctStrings != null) {
            n = Math.max(n, distinctStrings.size());
        }
        if (distinctLongs != null) {
            n = Math.max(n, distinctLongs.size());
        }
        if (distinctOthers != null) {
            n = Math.max(n, distinctOthers.size());
        }
        return n;
    }
}
