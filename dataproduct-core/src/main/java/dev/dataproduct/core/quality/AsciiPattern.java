package dev.dataproduct.core.quality;

/**
 * A regular expression of the shape data checks use most (a sequence of literals, character
 * classes, {@code .}, {@code \d}, {@code \w}, {@code \s}, each with an optional quantifier
 * {@code ?}, {@code *}, {@code +}, {@code {n}}, {@code {n,}}, {@code {n,m}}, optionally anchored with
 * {@code ^} and {@code $}), compiled into a small automaton that tests a whole value of ASCII bytes
 * without a matcher: a fixed-length pattern such as {@code SKU-\d{6}} is one length test and one
 * table lookup per byte, any other shape a simulation over at most 63 positions held in one
 * {@code long}. Its answers are those of {@link java.util.regex.Matcher#matches()} with default flags;
 * a value with a byte outside ASCII is not decided here (see {@link #matches}), nor is a pattern of
 * any other shape ({@link #compile} gives null). Immutable.
 */
final class AsciiPattern {
    static final int UNDECIDED = -1;
    private static final int MAX_POSITIONS = 63;

    /** Per position, the ASCII bytes it accepts: bits 0-63 and 64-127. */
    private final long[] low;
    private final long[] high;
    /** Per position, the positions that may take the next byte once it has taken one. */
    private final long[] follow;
    private final long first;
    /** The positions after which the rest of the pattern may match nothing. */
    private final long acceptAfter;
    private final boolean acceptEmpty;
    /** The fixed length if every position is taken exactly once, else -1. */
    private final int fixed;

    private AsciiPattern(long[] low, long[] high, long[] follow, long first, long acceptAfter, boolean acceptEmpty,
                         int fixed) {
        this.low = low;
        this.high = high;
        this.follow = follow;
        this.first = first;
        this.acceptAfter = acceptAfter;
        this.acceptEmpty = acceptEmpty;
        this.fixed = fixed;
    }

    /**
     * Tests a value given as bytes.
     *
     * @return 1 if the whole value matches, 0 if not, {@link #UNDECIDED} if the value has a byte
     *     outside ASCII (the caller asks {@link java.util.regex.Matcher})
     */
    int matches(byte[] bytes, int from, int to) {
        if (fixed >= 0) {
            if (to - from != fixed) {
                for (int k = from; k < to; k++) {
                    if (bytes[k] < 0) {
                        return UNDECIDED;
                    }
                }
                return 0;
            }
            for (int p = 0; p < fixed; p++) {
                int c = bytes[from + p];
                if (c < 0) {
                    return UNDECIDED;
                }
                if (!accepts(p, c)) {
                    // the value so far is ASCII, so byte p is character p: nothing after can make it match
                    return 0;
                }
            }
            return 1;
        }
        if (from == to) {
            return acceptEmpty ? 1 : 0;
        }
        long current = first;
        long took = 0;
        for (int k = from; k < to; k++) {
            int c = bytes[k];
            if (c < 0) {
                return UNDECIDED;
            }
            took = 0;
            long next = 0;
            for (long bits = current; bits != 0; bits &= bits - 1) {
                int p = Long.numberOfTrailingZeros(bits);
                if (accepts(p, c)) {
                    took |= 1L << p;
                    next |= follow[p];
                }
            }
            if (took == 0) {
                return 0;  // an ASCII prefix no position takes: nothing after can make it match
            }
            current = next;
        }
        return (took & acceptAfter) != 0 ? 1 : 0;
    }

    private boolean accepts(int p, int c) {
        return c < 64 ? (low[p] >>> c & 1L) != 0 : (high[p] >>> (c - 64) & 1L) != 0;
    }

    // ---- compilation ----------------------------------------------------------------------------

    /**
     * @param regex a Java regular expression
     * @return the compiled pattern, or null if the expression has another shape (groups,
     *     alternatives, flags, lazy or possessive quantifiers, Unicode classes, other escapes)
     */
    static AsciiPattern compile(String regex) {
        try {
            return new Parser(regex).parse();
        } catch (IllegalArgumentException notSimple) {
            return null;
        }
    }

    /** Parses into atoms (a byte class with a count range), then lays the atoms out as positions. */
    private static final class Parser {
        private final String s;
        private int at;
        private final java.util.List<long[]> classes = new java.util.ArrayList<>();
        private final java.util.List<int[]> counts = new java.util.ArrayList<>();

        Parser(String s) {
            this.s = s;
        }

        AsciiPattern parse() {
            if (s.startsWith("^")) {
                at = 1;
            }
            int end = s.length();
            if (end > at && s.endsWith("$") && !escaped(end - 1)) {
                end--;
            }
            while (at < end) {
                long[] cls = atom();
                int[] count = quantifier(end);
                classes.add(cls);
                counts.add(count);
            }
            return layout();
        }

        private boolean escaped(int index) {
            int backslashes = 0;
            for (int k = index - 1; k >= 0 && s.charAt(k) == '\\'; k--) {
                backslashes++;
            }
            return backslashes % 2 == 1;
        }

        private long[] atom() {
            char c = s.charAt(at++);
            switch (c) {
                case '.': {
                    long[] any = range(0, 127);
                    clear(any, '\n');
                    clear(any, '\r');
                    return any;
                }
                case '[':
                    return bracket();
                case '\\':
                    return escape(false);
                case '(': case ')': case '|': case '{': case '}': case '*': case '+': case '?': case '^': case '$':
                case ']':
                    throw new IllegalArgumentException("not simple");
                default:
                    return single(c);
            }
        }

        private long[] bracket() {
            boolean negate = at < s.length() && s.charAt(at) == '^';
            if (negate) {
                at++;
            }
            long[] cls = new long[2];
            boolean firstItem = true;
            while (true) {
                if (at >= s.length()) {
                    throw new IllegalArgumentException("not simple");
                }
                char c = s.charAt(at++);
                if (c == ']' && !firstItem) {
                    break;
                }
                firstItem = false;
                if (c == '[' || c == '&' || c == ']') {
                    throw new IllegalArgumentException("not simple");  // nested classes, intersections
                }
                long[] item;
                int lo;
                if (c == '\\') {
                    item = escape(true);
                    lo = single(item);
                } else {
                    item = single(c);
                    lo = c;
                }
                if (lo >= 0 && at + 1 < s.length() && s.charAt(at) == '-' && s.charAt(at + 1) != ']') {
                    at++;
                    char h = s.charAt(at++);
                    int hi;
                    if (h == '\\') {
                        hi = single(escape(true));
                    } else if (h == '[') {
                        throw new IllegalArgumentException("not simple");
                    } else {
                        hi = h;
                    }
                    if (hi < 0 || hi < lo || hi > 127) {
                        throw new IllegalArgumentException("not simple");
                    }
                    item = range(lo, hi);
                }
                cls[0] |= item[0];
                cls[1] |= item[1];
            }
            if (negate) {
                cls[0] = ~cls[0];
                cls[1] = ~cls[1];
            }
            return cls;
        }

        /** After a backslash: a class escape or an escaped ASCII punctuation character. */
        private long[] escape(boolean inBracket) {
            if (at >= s.length()) {
                throw new IllegalArgumentException("not simple");
            }
            char c = s.charAt(at++);
            switch (c) {
                case 'd': return range('0', '9');
                case 'D': return not(range('0', '9'));
                case 'w': return word();
                case 'W': return not(word());
                case 's': return space();
                case 'S': return not(space());
                case 't': return single('\t');
                case 'n': return single('\n');
                case 'r': return single('\r');
                case 'f': return single('\f');
                default:
                    if (c < 128 && !Character.isLetterOrDigit(c)) {
                        return single(c);
                    }
                    throw new IllegalArgumentException("not simple");  // \b, \p{..}, \Q, back references...
            }
        }

        private int[] quantifier(int end) {
            if (at >= end) {
                return new int[] {1, 1};
            }
            char c = s.charAt(at);
            int[] q;
            if (c == '?') {
                at++;
                q = new int[] {0, 1};
            } else if (c == '*') {
                at++;
                q = new int[] {0, -1};
            } else if (c == '+') {
                at++;
                q = new int[] {1, -1};
            } else if (c == '{') {
                int close = s.indexOf('}', at);
                if (close < 0 || close >= end) {
                    throw new IllegalArgumentException("not simple");
                }
                String body = s.substring(at + 1, close);
                at = close + 1;
                if (!body.matches("\\d{1,2}(,\\d{0,2})?")) {
                    throw new IllegalArgumentException("not simple");
                }
                int comma = body.indexOf(',');
                int min = Integer.parseInt(comma < 0 ? body : body.substring(0, comma));
                int max = comma < 0 ? min
                        : comma == body.length() - 1 ? -1 : Integer.parseInt(body.substring(comma + 1));
                if (max >= 0 && max < min) {
                    throw new IllegalArgumentException("not simple");
                }
                q = new int[] {min, max};
            } else {
                return new int[] {1, 1};
            }
            if (at < end && (s.charAt(at) == '?' || s.charAt(at) == '+')) {
                throw new IllegalArgumentException("not simple");  // lazy or possessive
            }
            return q;
        }

        private AsciiPattern layout() {
            java.util.List<long[]> pos = new java.util.ArrayList<>();
            java.util.List<Boolean> optional = new java.util.ArrayList<>();
            java.util.List<Boolean> loops = new java.util.ArrayList<>();
            boolean allFixed = true;
            for (int a = 0; a < classes.size(); a++) {
                int min = counts.get(a)[0];
                int max = counts.get(a)[1];
                allFixed &= min == max;
                for (int k = 0; k < min; k++) {
                    pos.add(classes.get(a));
                    optional.add(false);
                    loops.add(false);
                }
                if (max < 0) {
                    pos.add(classes.get(a));
                    optional.add(true);
                    loops.add(true);
                } else {
                    for (int k = min; k < max; k++) {
                        pos.add(classes.get(a));
                        optional.add(true);
                        loops.add(false);
                    }
                }
                if (pos.size() > MAX_POSITIONS) {
                    throw new IllegalArgumentException("not simple");
                }
            }
            int size = pos.size();
            long[] low = new long[size];
            long[] high = new long[size];
            for (int p = 0; p < size; p++) {
                low[p] = pos.get(p)[0];
                high[p] = pos.get(p)[1];
            }
            // firstFrom[p]: the positions that may take the next byte when position p is next in line
            long[] firstFrom = new long[size + 1];
            boolean[] restOptional = new boolean[size + 1];
            restOptional[size] = true;
            for (int p = size - 1; p >= 0; p--) {
                firstFrom[p] = 1L << p | (optional.get(p) ? firstFrom[p + 1] : 0);
                restOptional[p] = optional.get(p) && restOptional[p + 1];
            }
            long[] follow = new long[size];
            long acceptAfter = 0;
            for (int p = 0; p < size; p++) {
                follow[p] = firstFrom[p + 1] | (loops.get(p) ? 1L << p : 0);
                if (restOptional[p + 1]) {
                    acceptAfter |= 1L << p;
                }
            }
            return new AsciiPattern(low, high, follow, firstFrom[0], acceptAfter, restOptional[0],
                    allFixed ? size : -1);
        }

        private static long[] single(char c) {
            if (c >= 128) {
                throw new IllegalArgumentException("not simple");
            }
            long[] cls = new long[2];
            cls[c >>> 6] |= 1L << c;
            return cls;
        }

        /** @return the one character of a single-character class, or -1 */
        private static int single(long[] cls) {
            if (Long.bitCount(cls[0]) + Long.bitCount(cls[1]) != 1) {
                return -1;
            }
            return cls[0] != 0 ? Long.numberOfTrailingZeros(cls[0]) : 64 + Long.numberOfTrailingZeros(cls[1]);
        }

        private static long[] range(int lo, int hi) {
            long[] cls = new long[2];
            for (int c = lo; c <= hi; c++) {
                cls[c >>> 6] |= 1L << c;
            }
            return cls;
        }

        private static void clear(long[] cls, char c) {
            cls[c >>> 6] &= ~(1L << c);
        }

        private static long[] not(long[] cls) {
            return new long[] {~cls[0], ~cls[1]};
        }

        private static long[] word() {
            long[] cls = range('a', 'z');
            for (long[] part : java.util.List.of(range('A', 'Z'), range('0', '9'), single('_'))) {
                cls[0] |= part[0];
                cls[1] |= part[1];
            }
            return cls;
        }

        private static long[] space() {
            long[] cls = new long[2];
            for (char c : new char[] {' ', '\t', '\n', 0x0B, '\f', '\r'}) {
                cls[0] |= 1L << c;
            }
            return cls;
        }
    }
}
