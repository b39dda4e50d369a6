package dev.dataproduct.api.schema;

/**
 * A number written in plain decimal notation, taken apart in one pass over its text without
 * building the number: its sign, its significant digits and a power of ten. Knowing how many
 * digits a value has and where its point is lets a reader refuse a value that cannot fit its type
 * before doing work that grows with the exponent ({@code 1e999999999}) or the digit count.
 *
 * <p>The value is {@code ±significant × 10^exponent}, where {@code significant} has no leading or
 * trailing zeros (and is empty for zero). Only ASCII digits count as digits.
 */
final class NumberText {
    /** Exponents are saturated here: far beyond any type, far from overflowing a {@code long}. */
    private static final long EXPONENT_LIMIT = 1_000_000_000_000_000L;

    private final String text;
    private final boolean negative;
    private final int intStart;
    private final int intLength;
    private final int fracStart;
    private final int first;
    private final int count;
    private final long exponent;

    private NumberText(String text, boolean negative, int intStart, int intLength, int fracStart, int first,
                       int count, long exponent) {
        this.text = text;
        this.negative = negative;
        this.intStart = intStart;
        this.intLength = intLength;
        this.fracStart = fracStart;
        this.first = first;
        this.count = count;
        this.exponent = exponent;
    }

    /**
     * @param text the text, already stripped
     * @param decimal {@code true} to allow a point and an exponent, {@code false} for an integer
     * @return the parts, or {@code null} if the text is not a number in that notation
     */
    static NumberText scan(String text, boolean decimal) {
        int n = text.length();
        int i = 0;
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int intStart = i;
        i = digitsFrom(text, i);
        int intLength = i - intStart;
        int fracStart = i;
        int fracLength = 0;
        if (decimal && i < n && text.charAt(i) == '.') {
            fracStart = ++i;
            i = digitsFrom(text, i);
            fracLength = i - fracStart;
        }
        if (intLength + fracLength == 0) {
            return null;
        }
        long exponent = 0;
        if (decimal && i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                negativeExponent = text.charAt(i) == '-';
                i++;
            }
            int start = i;
            for (; i < n && isDigit(text.charAt(i)); i++) {
                exponent = Math.min(EXPONENT_LIMIT, exponent * 10 + (text.charAt(i) - '0'));
            }
            if (i == start) {
                return null;
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        if (i != n) {
            return null;
        }
        int total = intLength + fracLength;
        int first = 0;
        while (first < total && digit(text, intStart, intLength, fracStart, first) == '0') {
            first++;
        }
        int last = total - 1;
        while (last >= first && digit(text, intStart, intLength, fracStart, last) == '0') {
            last--;
        }
        int count = last - first + 1;
        // the digit at virtual position k is worth 10^(intLength - 1 - k) before the exponent
        long power = count == 0 ? 0 : (long) intLength - 1 - last + exponent;
        return new NumberText(text, negative, intStart, intLength, fracStart, first, Math.max(count, 0), power);
    }

    private static int digitsFrom(String text, int i) {
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static char digit(String text, int intStart, int intLength, int fracStart, int k) {
        return k < intLength ? text.charAt(intStart + k) : text.charAt(fracStart + k - intLength);
    }

    boolean isZero() {
        return count == 0;
    }

    boolean negative() {
        return negative;
    }

    /** @return how many significant digits the value has */
    int significantDigits() {
        return count;
    }

    /** @return the power of ten of the last significant digit */
    long exponent() {
        return exponent;
    }

    /** @return digits before the point of the value written plainly (0 or less if it is below 1) */
    long integerDigits() {
        return count + exponent;
    }

    /** @return digits after the point the value needs when written plainly */
    long fractionDigits() {
        return Math.max(0, -exponent);
    }

    /** @return the power of ten of the leading digit: the value is about {@code d.ddd × 10^magnitude} */
    long magnitude() {
        return count - 1 + exponent;
    }

    /** @return the significant digits, which callers only ask for once they know there are few */
    String significant() {
        StringBuilder sb = new StringBuilder(count);
        for (int k = first; k < first + count; k++) {
            sb.append(digit(text, intStart, intLength, fracStart, k));
        }
        return sb.toString();
    }

    /** @return the significant digits as a number, for at most 18 of them */
    long unscaled() {
        long v = 0;
        for (int k = first; k < first + count; k++) {
            v = v * 10 + (digit(text, intStart, intLength, fracStart, k) - '0');
        }
        return v;
    }

    /** @return the magnitude of an integer of at most 18 digits (the exponent is then 0 or more) */
    long longValue() {
        long v = unscaled();
        for (long e = 0; e < exponent; e++) {
            v *= 10;
        }
        return v;
    }
}
