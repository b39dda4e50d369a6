package dev.dataproduct.ports.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decimal text of numbers written straight into a byte array, for the JSON writer and the
 * generator's doubles alike: what formatting a number costs is most of what a row of short values
 * costs. Up to eight digits are made as one word from four pairs, which depend on one another only
 * through one division, and stored at once; a call may therefore write anything in the
 * {@link #MAX} bytes from where it starts past the text it returns the end of.
 */
final class Digits {
    /** The bytes from its start that {@link #integer} or {@link #fewDecimals} may write. */
    static final int MAX = 24;

    /** "00" to "99" as two bytes of a word, the first digit in the low byte. */
    private static final long[] PAIRS = new long[100];
    /** Eight bytes at a time, the first in the lowest byte of the word. */
    private static final VarHandle WORD = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** Powers of ten that doubles hold exactly, so that dividing by one is correctly rounded. */
    private static final double[] TENS = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000};
    private static final long[] LONG_TENS = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000};
    private static final byte[] MIN = Long.toString(Long.MIN_VALUE).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final long E8 = 100_000_000L;

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[i] = ('0' + i / 10) | ('0' + i % 10) << 8;
        }
    }

    private Digits() {
    }

    /**
     * Writes a long in decimal.
     *
     * @return the position after the last digit
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
        if (v < E8) {
            return upToEight((int) v, out, p);
        }
        long high = v / E8;
        int low = (int) (v - high * E8);
        if (high < E8) {
            p = upToEight((int) high, out, p);
        } else {
            long top = high / E8;
            p = upToEight((int) top, out, p);
            p = eight((int) (high - top * E8), out, p);
        }
        return eight(low, out, p);
    }

    /** Eight digits of a value below 10^8, leading zeros included, as one word. */
    private static long word(int v) {
        int high = v / 10_000;
        int low = v - high * 10_000;
        int a = high / 100;
        int b = low / 100;
        return PAIRS[a] | PAIRS[high - a * 100] << 16 | PAIRS[b] << 32 | PAIRS[low - b * 100] << 48;
    }

    /** Writes a value below 10^8 without leading zeros. */
    private static int upToEight(int v, byte[] out, int at) {
        int n = v < 10_000 ? v < 100 ? v < 10 ? 1 : 2 : v < 1000 ? 3 : 4
                : v < 1_000_000 ? v < 100_000 ? 5 : 6 : v < 10_000_000 ? 7 : 8;
        // the leading zeros are the low bytes of the word: shift them out
        WORD.set(out, at, word(v) >>> (8 * (8 - n)));
        return at + n;
    }

    /** Writes a value below 10^8 as exactly eight digits. */
    private static int eight(int v, byte[] out, int at) {
        WORD.set(out, at, word(v));
        return at + 8;
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
        long whole = (long) a;
        int p = at;
        if (d < 0) {
            out[p++] = '-';
        }
        if (whole == a) {
            // integral: no division needed to know it
            p = upToEight((int) whole, out, p);
            out[p] = '.';
            out[p + 1] = '0';
            return p + 2;
        }
        for (int k = 1; k < TENS.length; k++) {
            // a * 10^k is below 10^13, so adding a half and truncating rounds it (Math.round's general
            // case costs more); a wrong candidate only fails the exact test below
            long m = (long) (a * TENS[k] + 0.5);
            // m and 10^k are exact, so m / 10^k is the double the decimal reads back as
            if (m / TENS[k] == a) {
                p = upToEight((int) whole, out, p);
                out[p++] = '.';
                // the fraction's k digits, leading zeros included, are the last k of its eight
                int fraction = (int) (m - whole * LONG_TENS[k]);
                WORD.set(out, p, word(fraction) >>> (8 * (8 - k)));
                return p + k;
            }
        }
        return -1;
    }
}
