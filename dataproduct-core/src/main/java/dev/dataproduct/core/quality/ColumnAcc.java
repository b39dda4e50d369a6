package dev.dataproduct.core.quality;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * The state of the column metrics of one column: null count, and as the plan needs them the simple
 * statistics (count, min, max, sum, mean and M2 merged with Chan's formula), a HyperLogLog sketch,
 * a KLL sketch and the failing rows of null checks. {@link #update} reads the column once per
 * purpose with tight loops over primitive arrays.
 */
final class ColumnAcc {
    static final int HLL_LG_K = 12;
    static final int KLL_K = 200;
    private static final int CACHE = 4096;

    final QualityPlan.ColumnSpec spec;
    long nulls;
    long count;
    // statistics of the non-null values; longs for integer and temporal columns, doubles otherwise
    long lmin = Long.MAX_VALUE;
    long lmax = Long.MIN_VALUE;
    double dmin = Double.NaN;
    double dmax = Double.NaN;
    double sum;
    double mean;
    double m2;
    final Failures nullFailures;
    HllSketch hll;
    KllDoublesSketch kll;
    private long[] seen;
    private double[] scratch = new double[0];

    ColumnAcc(QualityPlan.ColumnSpec spec) {
        this.spec = spec;
        this.nullFailures = spec.nullFailures ? new Failures() : null;
        if (spec.hll) {
            hll = new HllSketch(HLL_LG_K, TgtHllType.HLL_8);
            seen = new long[CACHE];
        }
        if (spec.kll) {
            kll = KllDoublesSketch.newHeapInstance(KLL_K);
        }
    }

    void update(ColumnData d, long base) {
        int n = d.n;
        nulls += d.nulls;
        if (spec.stats && d.nulls < n) {
            if (d.kind.longs()) {
                statsOfLongs(d);
            } else {
                statsOfDoubles(d.doubles(), d);
            }
        }
        count += n - d.nulls;
        if (nullFailures != null && d.nulls > 0) {
            nullFailures.addSame(d.nulls, Hashing.NULL, "null");
            for (int i = 0; i < n && nullFailures.wantsPositions(); i++) {
                if (!d.valid(i)) {
                    nullFailures.position(base + i, "null");
                }
            }
        }
        if (hll != null && d.nulls < n) {
            distinct(d);
        }
        if (kll != null && d.nulls < n) {
            quantiles(d);
        }
    }

    private void statsOfLongs(ColumnData d) {
        long[] v = d.longs;
        long[] valid = d.validity;
        int n = d.n;
        int first = 0;
        while (!d.valid(first)) {
            first++;
        }
        long shift = v[first];
        long mn = Long.MAX_VALUE;
        long mx = Long.MIN_VALUE;
        double s1 = 0;
        double s2 = 0;
        boolean all = d.noNulls();
        // the JIT unswitches the loop on 'all': no validity test when there are no nulls
        for (int i = first; i < n; i++) {
            if (all || (valid[i >>> 6] >>> i & 1L) != 0) {
                long x = v[i];
                mn = Math.min(mn, x);
                mx = Math.max(mx, x);
                double dx = (double) (x - shift);
                s1 += dx;
                s2 += dx * dx;
            }
        }
        lmin = Math.min(lmin, mn);
        lmax = Math.max(lmax, mx);
        combine(n - d.nulls, shift, s1, s2);
    }

    private void statsOfDoubles(double[] v, ColumnData d) {
        long[] valid = d.validity;
        int n = d.n;
        int first = 0;
        while (!d.valid(first)) {
            first++;
        }
        double shift = v[first];
        double mn = Double.POSITIVE_INFINITY;
        double mx = Double.NEGATIVE_INFINITY;
        double s1 = 0;
        double s2 = 0;
        boolean all = d.noNulls();
        // the JIT unswitches the loop on 'all': no validity test when there are no nulls
        for (int i = first; i < n; i++) {
            if (all || (valid[i >>> 6] >>> i & 1L) != 0) {
                double x = v[i];
                mn = Math.min(mn, x);
                mx = Math.max(mx, x);
                double dx = x - shift;
                s1 += dx;
                s2 += dx * dx;
            }
        }
        dmin = count == 0 ? mn : Math.min(dmin, mn);
        dmax = count == 0 ? mx : Math.max(dmax, mx);
        combine(n - d.nulls, shift, s1, s2);
    }

    /** Folds a batch given as shifted sums (one pass, no division per value) into count, mean and M2. */
    private void combine(long nb, double shift, double s1, double s2) {
        double meanB = shift + s1 / nb;
        double m2B = Math.max(0, s2 - s1 * s1 / nb);
        chan(nb, meanB, m2B);
        sum += shift * nb + s1;
    }

    /** Chan et al.'s parallel update of (count, mean, M2); {@link #count} is not changed. */
    private void chan(long nb, double meanB, double m2B) {
        if (nb == 0) {
            return;
        }
        long na = count;
        long total = na + nb;
        double delta = meanB - mean;
        mean = na == 0 ? meanB : mean + delta * nb / total;
        m2 = na == 0 ? m2B : m2 + m2B + delta * delta * ((double) na * nb / total);
    }

    private void distinct(ColumnData d) {
        long[] cache = seen;
        HllSketch sketch = hll;
        int n = d.n;
        if (d.kind.longs()) {
            long[] v = d.longs;
            boolean all = d.noNulls();
            long[] valid = d.validity;
            for (int i = 0; i < n; i++) {
                if (all || (valid[i >>> 6] >>> i & 1L) != 0) {
                    long h = Hashing.mix(v[i]);
                    int slot = (int) h & (CACHE - 1);
                    if (cache[slot] != h) {
                        cache[slot] = h;
                        sketch.update(h);
                    }
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                if (d.valid(i)) {
                    long h = d.hash(i);
                    int slot = (int) h & (CACHE - 1);
                    if (cache[slot] != h) {
                        cache[slot] = h;
                        sketch.update(h);
                    }
                }
            }
        }
    }

    private void quantiles(ColumnData d) {
        double[] v = d.doubles();
        if (d.noNulls()) {
            kll.update(v, 0, d.n);
            return;
        }
        if (scratch.length < d.n) {
            scratch = new double[d.n];
        }
        int k = 0;
        for (int i = 0; i < d.n; i++) {
            if (d.valid(i)) {
                scratch[k++] = v[i];
            }
        }
        kll.update(scratch, 0, k);
    }

    void merge(ColumnAcc o, long shift) {
        if (spec.stats && o.count > 0) {
            if (count == 0) {
                dmin = o.dmin;
                dmax = o.dmax;
            } else {
                dmin = Math.min(dmin, o.dmin);
                dmax = Math.max(dmax, o.dmax);
            }
            lmin = Math.min(lmin, o.lmin);
            lmax = Math.max(lmax, o.lmax);
            chan(o.count, o.mean, o.m2);
            sum += o.sum;
        }
        nulls += o.nulls;
        count += o.count;
        if (nullFailures != null) {
            nullFailures.merge(o.nullFailures, shift);
        }
        if (hll != null) {
            Union u = new Union(HLL_LG_K);
            u.update(hll);
            u.update(o.hll);
            hll = u.getResult(TgtHllType.HLL_8);
            Arrays.fill(seen, 0);
        }
        if (kll != null) {
            kll.merge(o.kll);
        }
    }

    /** @return the estimated number of distinct values (the register-based estimate, the same after merges) */
    double distinctEstimate() {
        return hll.isEmpty() ? 0 : hll.getCompositeEstimate();
    }

    double quantile(double rank) {
        return kll.isEmpty() ? Double.NaN : kll.getQuantile(rank);
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(nulls);
        out.writeLong(count);
        out.writeLong(lmin);
        out.writeLong(lmax);
        out.writeDouble(dmin);
        out.writeDouble(dmax);
        out.writeDouble(sum);
        out.writeDouble(mean);
        out.writeDouble(m2);
        if (nullFailures != null) {
            nullFailures.write(out);
        }
        if (hll != null) {
            writeBytes(out, hll.toCompactByteArray());
        }
        if (kll != null) {
            writeBytes(out, kll.toByteArray());
        }
    }

    void read(DataInput in) throws IOException {
        nulls = in.readLong();
        count = in.readLong();
        lmin = in.readLong();
        lmax = in.readLong();
        dmin = in.readDouble();
        dmax = in.readDouble();
        sum = in.readDouble();
        mean = in.readDouble();
        m2 = in.readDouble();
        if (nullFailures != null) {
            nullFailures.read(in);
        }
        if (hll != null) {
            hll = HllSketch.heapify(readBytes(in)).copyAs(TgtHllType.HLL_8);
        }
        if (kll != null) {
            kll = KllDoublesSketch.heapify(Memory.wrap(readBytes(in)));
        }
    }

    static void writeBytes(DataOutput out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    static byte[] readBytes(DataInput in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }
}
