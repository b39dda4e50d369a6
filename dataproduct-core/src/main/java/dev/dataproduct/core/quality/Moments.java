package dev.dataproduct.core.quality;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * The sum, mean and spread of the non-null values of one numeric column, mergeable.
 *
 * <p>Integers are summed exactly, in 128 bits held in two longs (SQL's HUGEINT sum: {@code 2^53 + 1}
 * stays {@code 2^53 + 1}, {@code Long.MAX_VALUE + Long.MIN_VALUE} is {@code -1}); 2^63 values of
 * 2^63 fit. Floats are summed with Neumaier's compensation in two parts, values of magnitude
 * {@code 2^480} and above scaled down by {@code 2^-544} (exact: a power of two) and the others as
 * they are, so that no partial sum overflows while the exact sum of the finite values is finite;
 * NaN and infinities are counted apart and decide the result as IEEE addition would (any NaN, or
 * both infinities, give NaN; else an infinity gives itself). The mean is the sum divided by the
 * count, computed in the same scaled parts, so it is finite whenever the values are.
 *
 * <p>The spread is M2, the sum of squared deviations from the mean, computed per batch (floats
 * around the batch's mean in a second pass, integers from shifted sums in doubles) and merged
 * with Chan et al.'s formula; it is kept as a double times {@code 2^m2Exp} so that the squares of
 * deviations of values near {@code Double.MAX_VALUE} do not overflow either. A NaN or infinite
 * value makes the standard deviation NaN.
 */
final class Moments {
    private static final double BIG = 0x1p480;
    private static final int SCALE = 544;

    private final boolean integers;
    /** Values summed (finite values for floats). */
    long finite;
    // integers: the exact sum, two's complement over 128 bits
    long sumHi;
    long sumLo;
    // floats: compensated sums of the small values and of the scaled big values
    double smallS;
    double smallC;
    double bigS;
    double bigC;
    long nans;
    long posInf;
    long negInf;
    /** M2 = m2 * 2^m2Exp (m2Exp even). */
    double m2;
    int m2Exp;

    Moments(boolean integers) {
        this.integers = integers;
    }

    /**
     * Folds in the valid values of a batch of integers, in one pass that the JIT keeps simple: the
     * exact sum as the sums of the signed high and unsigned low 32-bit halves (neither can
     * overflow in a batch of fewer than 2^31 rows), combined into 128 bits once per batch; M2 from
     * sums of deviations from the batch's first value, taken in doubles so they cannot wrap.
     */
    void addLongs(long[] v, long[] valid, boolean all, int n) {
        int first = 0;
        while (first < n && !(all || (valid[first >>> 6] >>> first & 1L) != 0)) {
            first++;
        }
        if (first == n) {
            return;
        }
        long exactShift = v[first];
        double shift = exactShift;
        long high = 0;
        long low = 0;
        double s1 = 0;
        double s2 = 0;
        long nb = 0;
        for (int i = first; i < n; i++) {
            if (all || (valid[i >>> 6] >>> i & 1L) != 0) {
                long x = v[i];
                high += x >> 32;
                low += x & 0xFFFFFFFFL;
                long d = x - exactShift;
                // exact while the difference fits a long (always, unless the batch spans more than 2^63)
                double dx = ((x ^ exactShift) & (x ^ d)) < 0 ? (double) x - shift : (double) d;
                s1 += dx;
                s2 += dx * dx;
                nb++;
            }
        }
        // high * 2^32 + low, in 128 bits
        long hi = high >> 32;
        long lo = high << 32;
        long sum = lo + low;
        hi += Long.compareUnsigned(sum, lo) < 0 ? 1 : 0;
        lo = sum;
        double meanB = toDouble(hi, lo, nb);
        double m2b = Math.max(0, s2 - s1 * s1 / nb);
        double meanA = mean();
        long na = finite;
        long t = sumLo + lo;
        sumHi += hi + (Long.compareUnsigned(t, sumLo) < 0 ? 1 : 0);
        sumLo = t;
        chan(na, meanA, nb, meanB, m2b, 0);
    }

    /** Folds in the valid values of a batch of doubles. */
    void addDoubles(double[] v, long[] valid, boolean all, int n) {
        double ss = 0;
        double sc = 0;
        double bs = 0;
        double bc = 0;
        long nb = 0;
        long big = 0;
        long seen = 0;
        for (int i = 0; i < n; i++) {
            if (all || (valid[i >>> 6] >>> i & 1L) != 0) {
                seen++;
                double x = v[i];
                if (x - x != 0) {
                    // NaN or an infinity
                    if (x != x) {
                        nans++;
                    } else if (x > 0) {
                        posInf++;
                    } else {
                        negInf++;
                    }
                    continue;
                }
                nb++;
                if (Math.abs(x) < BIG) {
                    double t = ss + x;
                    sc += Math.abs(ss) >= Math.abs(x) ? (ss - t) + x : (x - t) + ss;
                    ss = t;
                } else {
                    big++;
                    double y = Math.scalb(x, -SCALE);
                    double t = bs + y;
                    bc += Math.abs(bs) >= Math.abs(y) ? (bs - t) + y : (y - t) + bs;
                    bs = t;
                }
            }
        }
        if (nb == 0) {
            return;
        }
        double meanB = mean(ss + sc, bs + bc, nb);
        // deviations of values of 2^480 and more are squared scaled down, so the squares stay finite
        int k = big > 0 || Math.abs(meanB) >= BIG ? SCALE : 0;
        double m = Math.scalb(meanB, -k);
        double s2 = 0;
        if (k == 0 && nb == seen) {
            // the usual case, every value finite and not huge: no test and no scaling per value
            for (int i = 0; i < n; i++) {
                if (all || (valid[i >>> 6] >>> i & 1L) != 0) {
                    double dx = v[i] - m;
                    s2 += dx * dx;
                }
            }
        } else {
            double scale = Math.scalb(1.0, -k);
            for (int i = 0; i < n; i++) {
                if (all || (valid[i >>> 6] >>> i & 1L) != 0) {
                    double x = v[i];
                    if (x - x == 0) {
                        double dx = x * scale - m;
                        s2 += dx * dx;
                    }
                }
            }
        }
        double meanA = mean();
        long na = finite;
        double[] small = twoSum(smallS, smallC, ss, sc);
        smallS = small[0];
        smallC = small[1];
        double[] b = twoSum(bigS, bigC, bs, bc);
        bigS = b[0];
        bigC = b[1];
        chan(na, meanA, nb, meanB, s2, 2 * k);
    }

    /** @return the compensated sum (s, c) of two compensated sums */
    private static double[] twoSum(double s1, double c1, double s2, double c2) {
        double t = s1 + s2;
        double c = Math.abs(s1) >= Math.abs(s2) ? (s1 - t) + s2 : (s2 - t) + s1;
        return new double[] {t, c1 + c2 + c};
    }

    /**
     * Chan et al.'s update of (count, M2) with a part of {@code nb} values of mean {@code meanB} and
     * M2 {@code m2b * 2^m2bExp}; the sums are already added, {@link #finite} is not yet.
     */
    private void chan(long na, double meanA, long nb, double meanB, double m2b, int m2bExp) {
        long total = na + nb;
        if (na == 0) {
            m2 = m2b;
            m2Exp = m2bExp;
        } else {
            int k = Math.abs(meanA) >= BIG || Math.abs(meanB) >= BIG ? SCALE : 0;
            double delta = Math.scalb(meanB, -k) - Math.scalb(meanA, -k);
            double between = delta * delta * ((double) na * nb / total);
            addM2(m2b, m2bExp);
            addM2(between, 2 * k);
        }
        finite = total;
    }

    private void addM2(double x, int exp) {
        int e = Math.max(m2Exp, exp);
        m2 = Math.scalb(m2, m2Exp - e) + Math.scalb(x, exp - e);
        m2Exp = e;
    }

    void merge(Moments o) {
        if (o.finite > 0) {
            double meanA = mean();
            long na = finite;
            long s = sumLo + o.sumLo;
            sumHi += o.sumHi + (Long.compareUnsigned(s, sumLo) < 0 ? 1 : 0);
            sumLo = s;
            double[] small = twoSum(smallS, smallC, o.smallS, o.smallC);
            smallS = small[0];
            smallC = small[1];
            double[] b = twoSum(bigS, bigC, o.bigS, o.bigC);
            bigS = b[0];
            bigC = b[1];
            chan(na, meanA, o.finite, o.mean(), o.m2, o.m2Exp);
        }
        nans += o.nans;
        posInf += o.posInf;
        negInf += o.negInf;
    }

    private static double mean(double small, double big, long n) {
        return Math.scalb(big / n, SCALE) + small / n;
    }

    private static double toDouble(long hi, long lo, long divisor) {
        if (hi == lo >> 63 && Math.abs(lo) <= 1L << 53) {
            return (double) lo / divisor;  // lo is exact as a double: one rounding
        }
        return new BigDecimal(int128(hi, lo)).divide(BigDecimal.valueOf(divisor), MathContext.DECIMAL128).doubleValue();
    }

    private static BigInteger int128(long hi, long lo) {
        return BigInteger.valueOf(hi).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(lo)));
    }

    /** @return the exact sum of an integer column */
    BigInteger exactSum() {
        return int128(sumHi, sumLo);
    }

    private boolean nonFinite() {
        return nans > 0 || posInf > 0 && negInf > 0;
    }

    /** @return the sum, correctly rounded for integers; NaN or an infinity as IEEE addition gives them */
    double sum() {
        if (integers) {
            return hiLoDouble();
        }
        if (nonFinite()) {
            return Double.NaN;
        }
        if (posInf > 0 || negInf > 0) {
            return posInf > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return Math.scalb(bigS + bigC, SCALE) + (smallS + smallC);
    }

    private double hiLoDouble() {
        return sumHi == sumLo >> 63 ? (double) sumLo : exactSum().doubleValue();
    }

    /** @return the mean of the values summed (NaN if none), before NaN and infinities are considered */
    private double mean() {
        if (finite == 0) {
            return Double.NaN;
        }
        return integers ? toDouble(sumHi, sumLo, finite) : mean(smallS + smallC, bigS + bigC, finite);
    }

    /** @return the mean of all values */
    double meanOfAll() {
        if (integers) {
            return mean();
        }
        if (nonFinite()) {
            return Double.NaN;
        }
        if (posInf > 0 || negInf > 0) {
            return posInf > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return mean();
    }

    /** @return the sample standard deviation (n - 1); NaN for fewer than two values or a non-finite one */
    double stddev() {
        if (finite < 2 || nans > 0 || posInf > 0 || negInf > 0) {
            return Double.NaN;
        }
        return Math.scalb(Math.sqrt(Math.max(0, m2) / (finite - 1)), m2Exp / 2);
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(finite);
        out.writeLong(sumHi);
        out.writeLong(sumLo);
        out.writeDouble(smallS);
        out.writeDouble(smallC);
        out.writeDouble(bigS);
        out.writeDouble(bigC);
        out.writeLong(nans);
        out.writeLong(posInf);
        out.writeLong(negInf);
        out.writeDouble(m2);
        out.writeInt(m2Exp);
    }

    void read(DataInput in) throws IOException {
        finite = in.readLong();
        sumHi = in.readLong();
        sumLo = in.readLong();
        smallS = in.readDouble();
        smallC = in.readDouble();
        bigS = in.readDouble();
        bigC = in.readDouble();
        nans = in.readLong();
        posInf = in.readLong();
        negInf = in.readLong();
        m2 = in.readDouble();
        m2Exp = in.readInt();
    }
}
