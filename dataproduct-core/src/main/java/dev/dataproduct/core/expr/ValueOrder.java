package dev.dataproduct.core.expr;

/**
 * The one order of values that every part of the runtime compares with: the expression evaluator,
 * the compiled predicate kernels, the per-row rules and the min/max metrics of the quality engine.
 * It is SQL's, as DuckDB and PostgreSQL define it:
 *
 * <ul>
 *   <li>floating point: {@code -0.0 = 0.0}; NaN equals NaN and is greater than every other value,
 *       {@code +Infinity} included;</li>
 *   <li>strings: by Unicode code point (equivalently by UTF-8 bytes, unsigned), not by UTF-16
 *       unit, so a supplementary character sorts after {@code U+FFFF} as it does in SQL engines.</li>
 * </ul>
 */
public final class ValueOrder {
    private ValueOrder() {
    }

    /**
     * Compares two doubles the SQL way.
     *
     * @param a a value
     * @param b a value
     * @return negative, zero or positive as {@code a} is less than, equal to or greater than {@code b}
     */
    public static int compare(double a, double b) {
        if (a < b) {
            return -1;
        }
        if (a > b) {
            return 1;
        }
        if (a == b) {
            return 0;  // -0.0 == 0.0 here
        }
        // at least one NaN: NaN is the greatest value and equals itself
        boolean an = a != a;
        boolean bn = b != b;
        return an == bn ? 0 : an ? 1 : -1;
    }

    /**
     * Compares two strings by code point.
     *
     * @param a a string
     * @param b a string
     * @return negative, zero or positive as {@code a} sorts before, with or after {@code b}
     */
    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // UTF-16 order differs from code point order only where one side is a surrogate
                boolean xs = Character.isSurrogate(x);
                boolean ys = Character.isSurrogate(y);
                if (xs != ys) {
                    return xs ? 1 : -1;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /**
     * Compares two UTF-8 byte ranges; the order of unsigned UTF-8 bytes is the code point order.
     *
     * @return negative, zero or positive as the first range sorts before, with or after the second
     */
    public static int compareUtf8(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
        return java.util.Arrays.compareUnsigned(a, aFrom, aTo, b, bFrom, bTo);
    }
}
