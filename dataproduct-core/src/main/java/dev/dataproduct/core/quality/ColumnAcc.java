package dev.dataproduct.core.quality;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * The state of the column metrics of one column: null count, and as the plan needs them the simple
 * statistics (count, min, max and the {@link Moments}; a timestamp column's min and max with their
 * unit, which travels with the state through merges and bytes), a HyperLogLog sketch,
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
    /** The unit of {@link #lmin} and {@link #lmax} for a timestamp column; null before its first value. */
    TimeUnit unit;
    final Moments moments;
    final Failures nullFailures;
    HllSketch hll;
    KllDoublesSketch kll;
    long kllNans;
    private long[] seen;
    private double[] scratch = new double[0];

    ColumnAcc(QualityPlan.ColumnSpec spec) {
        this.spec = spec;
        this.nullFailures = spec.nullFailures ? new Failures() : null;
        this.moments = new Moments(ColumnData.kindOf(spec.field.type()).longs());
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
        long mn = Long.MAX_VALUE;
        long mx = Long.MIN_VALUE;
        boolean all = d.noNulls();
        // the JIT unswitches the loop on 'all': no validity test when there are no nulls
        for (int i = 0; i < n; i++) {
            if (all || (valid[i >>> 6] >>> i & 1L) != 0) {
                long x = v[i];
                mn = Math.min(mn, x);
                mx = Math.max(mx, x);
            }
        }
        if (d.kind == ColumnData.Kind.TIMESTAMP) {
            TimeUnit u = d.unit();
            if (unit == null) {
                unit = u;
            } else if (u != unit) {
                TimeUnit finer = u.ordinal() > unit.ordinal() ? u : unit;
                lmin = count == 0 ? lmin : rescale(lmin, unit, finer);
                lmax = count == 0 ? lmax : rescale(lmax, unit, finer);
                mn = rescale(mn, u, finer);
                mx = rescale(mx, u, finer);
                unit = finer;
            }
        }
        lmin = Math.min(lmin, mn);
        lmax = Math.max(lmax, mx);
        moments.addLongs(v, valid, all, n);
    }

    private static long rescale(long v, TimeUnit from, TimeUnit to) {
        return dev.dataproduct.core.expr.TimestampUnits.rescale(v, from, to);
    }

    /**
     * Min and max in {@link dev.dataproduct.core.expr.ValueOrder}: NaN is the greatest value, so it
     * is the max if present and the min only if every value is NaN.
     */
    private void statsOfDoubles(double[] v, ColumnData d) {
        long[] valid = d.validity;
        int n = d.n;
        double mn = Double.POSITIVE_INFINITY;
        double mx = Double.NEGATIVE_INFINITY;
        boolean nan = false;
        boolean number = false;
        boolean all = d.noNulls();
        for (int i = 0; i < n; i++) {
            if (all || (valid[i >>> 6] >>> i & 1L) != 0) {
                double x = v[i];
                if (x != x) {
                    nan = true;
                } else {
                    number = true;
                    // a zero of either sign equals the other: the first one met stays
                    if (x < mn) {
                        mn = x;
                    }
                    if (x > mx) {
                        mx = x;
                    }
                }
            }
        }
        if (!number) {
            mn = Double.NaN;
            mx = Double.NaN;
        } else if (nan) {
            mx = Double.NaN;
        }
        boolean first = count == 0;
        dmin = first ? mn : min(dmin, mn);
        dmax = first ? mx : max(dmax, mx);
        moments.addDoubles(v, valid, all, n);
    }

    private static double min(double a, double b) {
        return dev.dataproduct.core.expr.ValueOrder.compare(b, a) < 0 ? b : a;
    }

    private static double max(double a, double b) {
        return dev.dataproduct.core.expr.ValueOrder.compare(b, a) > 0 ? b : a;
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

    /** NaN values are counted apart: the sketch takes numbers only, and NaN sorts above them all. */
    private void quantiles(ColumnData d) {
        double[] v = d.doubles();
        if (scratch.length < d.n) {
            scratch = new double[d.n];
        }
        int k = 0;
        boolean all = d.noNulls();
        for (int i = 0; i < d.n; i++) {
            if (all || d.valid(i)) {
                double x = v[i];
                if (x != x) {
                    kllNans++;
                } else {
                    scratch[k++] = x;
                }
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
                dmin = min(dmin, o.dmin);
                dmax = max(dmax, o.dmax);
            }
            long omin = o.lmin;
            long omax = o.lmax;
            if (o.unit != null && unit != null && o.unit != unit) {
                TimeUnit finer = o.unit.ordinal() > unit.ordinal() ? o.unit : unit;
                lmin = count == 0 ? lmin : rescale(lmin, unit, finer);
                lmax = count == 0 ? lmax : rescale(lmax, unit, finer);
                omin = rescale(omin, o.unit, finer);
                omax = rescale(omax, o.unit, finer);
                unit = finer;
            } else if (unit == null) {
                unit = o.unit;
            }
            lmin = Math.min(lmin, omin);
            lmax = Math.max(lmax, omax);
            moments.merge(o.moments);
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
            kllNans += o.kllNans;
        }
    }

    /** @return the estimated number of distinct values (the register-based estimate, the same after merges) */
    double distinctEstimate() {
        return hll.isEmpty() ? 0 : hll.getCompositeEstimate();
    }

    /**
     * @return the value at a rank, as DuckDB's {@code quantile_cont} places it among the numbers and
     *     NaNs (which sort last): NaN if the rank reaches a NaN or there are no values
     */
    double quantile(double rank) {
        long numbers = kll.getN();
        long total = numbers + kllNans;
        if (total == 0 || numbers == 0 || rank * (total - 1) > numbers - 1) {
            return Double.NaN;
        }
        double r = numbers == 1 ? 0 : rank * (total - 1) / (numbers - 1);
        return kll.getQuantile(Math.min(1.0, r));
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(nulls);
        out.writeLong(count);
        out.writeLong(lmin);
        out.writeLong(lmax);
        out.writeDouble(dmin);
        out.writeDouble(dmax);
        out.writeByte(unit == null ? -1 : unit.ordinal());
        moments.write(out);
        if (nullFailures != null) {
            nullFailures.write(out);
        }
        if (hll != null) {
            writeBytes(out, hll.toCompactByteArray());
        }
        if (kll != null) {
            writeBytes(out, kll.toByteArray());
            out.writeLong(kllNans);
        }
    }

    void read(DataInput in) throws IOException {
        nulls = in.readLong();
        count = in.readLong();
        lmin = in.readLong();
        lmax = in.readLong();
        dmin = in.readDouble();
        dmax = in.readDouble();
        int u = in.readByte();
        unit = u < 0 ? null : TimeUnit.values()[u];
        moments.read(in);
        if (nullFailures != null) {
            nullFailures.read(in);
        }
        if (hll != null) {
            hll = HllSketch.heapify(readBytes(in)).copyAs(TgtHllType.HLL_8);
        }
        if (kll != null) {
            kll = KllDoublesSketch.heapify(Memory.wrap(readBytes(in)));
            kllNans = in.readLong();
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
