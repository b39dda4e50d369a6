package dev.dataproduct.ports.http;

/**
 * Decimal text of numbers written straight into a byte array, two digits at a time, for the JSON
 * writer and the generator's doubles alike: what formatting a number costs is most of what a row of
 * short values costs.
 */
final class Digits {
    /** The most bytes {@link #integer} or {@link #fewDecimals} writes. */
    static final int MAX = 24;

    /** "00" to "99": one table look-up and one division per two digits instead of two divisions. */
    private static final byte[] PAIRS = new byte[200];

    /** Powers of ten that doubles hold exactly, so that dividing by one is correctly rounded. */
    private static final double[] TENS = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000};
    private static final long[] LONG_TENS = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000};
    private static final byte[] MIN = Long.toString(Long.MIN_VALUE).getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private Digits() {
    }

    /**
     * Writes a long in decimal.
     *
     * @return the position after the last byte written
     */
    static int integer(long value, byte[] out, int at) {
        if (value == Long.MIN_VALUE) {
            System.arraycopy(MIN, 0, out, at, MIN.length);
            return at + MIN.length;
        }
        int p = at;
        long v = value;
        if (v < 0) {
            out[p++] = '-';
            v = -v;
        }
        int n = length(v);
        unsigned(v, out, p + n);
        return p + n;
    }

    /** The number of decimal digits of a non-negative long. */
    private static int length(long v) {
        if (v < 100_000) {
            // a chain of compares, most values being small: no loop, no multiplication
            return v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10_000 ? 4 : 5;
        }
        if (v < 10_000_000_000L) {
            return v < 1_000_000 ? 6 : v < 10_000_000 ? 7 : v < 100_000_000 ? 8 : v < 1_000_000_000 ? 9 : 10;
        }
        int n = 11;
        long limit = 100_000_000_000L;
        while (n < 19 && v >= limit) {
            n++;
            limit *= 10;
        }
        return n;
    }

    /** Writes the digits of a non-negative long so that the last one is just before {@code end}. */
    private static void unsigned(long v, byte[] out, int end) {
        int i = end;
        while (v > Integer.MAX_VALUE) {
            long q = v / 100;
            int r = (int) (v - q * 100);
            out[--i] = PAIRS[2 * r + 1];
            out[--i] = PAIRS[2 * r];
            v = q;
        }
        // int division by a constant is a multiplication; most counts and ids fit
        int w = (int) v;
        while (w >= 100) {
            int q = w / 100;
            int r = w - q * 100;
            out[--i] = PAIRS[2 * r + 1];
            out[--i] = PAIRS[2 * r];
            w = q;
        }
        if (w >= 10) {
            out[--i] = PAIRS[2 * w + 1];
            out[--i] = PAIRS[2 * w];
        } else {
            out[--i] = (byte) ('0' + w);
        }
    }

    /**
     * Writes a double of at most six decimals, between 0.001 and 10^7 in magnitude (the range
     * {@link Double#toString} writes without an exponent), as the fewest decimals that read back as
     * the same double: what most measured values, prices and quantities are, written without the
     * general shortest-digits search.
     *
     * @return the position after the last byte written, or -1 (nothing written) if the value needs
     *     the general algorithm
     */
    static int fewDecimals(double d, byte[] out, int at) {
        double a = Math.abs(d);
        if (!(a >= 1e-3 && a < 1e7)) {
            return -1;
        }
        for (int k = 0; k < TENS.length; k++) {
            // a * 10^k is below 10^13, so adding a half and truncating rounds it (Math.round's general
            // case costs more); a wrong candidate only fails the exact test below
            long m = (long) (a * TENS[k] + 0.5);
            // m and 10^k are exact, so m / 10^k is the double the decimal reads back as
            if (m / TENS[k] == a) {
                // an integral value matches at k = 0, so the integral part is a's own
                long whole = (long) a;
                int p = at;
                if (d < 0) {
                    out[p++] = '-';
                }
                p = integer(whole, out, p);
                out[p++] = '.';
                if (k == 0) {
                    out[p++] = '0';
                    return p;
                }
                long fraction = m - whole * LONG_TENS[k];
                // the fraction's leading zeros are digits too: write k of them, right-aligned
                int end = p + k;
                for (int i = end - 1; i >= p; i--, fraction /= 10) {
                    out[i] = (byte) ('0' + fraction % 10);
                }
                return end;
            }
        }
        return -1;
    }
}
