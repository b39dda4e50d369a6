package dev.dataproduct.core.quality;

import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.core.expr.BoundedMatcher;
import dev.dataproduct.core.expr.ValueOrder;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A per-row rule on one column, compiled once per plan: a {@link Metric.MissingCount missing} rule
 * (null or one of the missing values) or an {@link Metric.InvalidCount invalid} rule (a present
 * value outside the {@link Metric.Validity validity}). Immutable; the matcher for patterns is
 * passed in by the state that owns it.
 */
final class RowRule {
    final Metric metric;
    final int column;
    private final boolean missing;
    private final TextSet values;
    final Pattern pattern;
    private final AsciiPattern ascii;
    private final double min;
    private final double max;
    private final int minLength;
    private final int maxLength;

    RowRule(Metric.MissingCount m, int column, ColumnData.Kind kind) {
        this.metric = m;
        this.column = column;
        this.missing = true;
        this.values = m.missingValues().isEmpty() ? null : new TextSet(m.missingValues(), kind);
        this.pattern = null;
        this.ascii = null;
        this.min = Double.NaN;
        this.max = Double.NaN;
        this.minLength = -1;
        this.maxLength = -1;
    }

    RowRule(Metric.InvalidCount m, int column, ColumnData.Kind kind) {
        Metric.Validity v = m.validity();
        this.metric = m;
        this.column = column;
        this.missing = false;
        this.values = v.allowedValues().isEmpty() ? null : new TextSet(v.allowedValues(), kind);
        this.pattern = v.pattern().map(Pattern::compile).orElse(null);
        this.ascii = kind == ColumnData.Kind.STRING ? v.pattern().map(AsciiPattern::compile).orElse(null) : null;
        this.min = v.min().orElse(Double.NaN);
        this.max = v.max().orElse(Double.NaN);
        this.minLength = v.minLength().orElse(-1);
        this.maxLength = v.maxLength().orElse(-1);
    }

    /**
     * Finds the failing rows of a batch.
     *
     * @param failures where failing rows are counted and sampled, or null
     * @param mask where failing rows are marked, or null
     */
    void scan(ColumnData d, long base, BoundedMatcher matcher, Failures failures, BitSet mask) {
        int n = d.n;
        if (!missing && d.nulls == n) {
            return;
        }
        for (int i = 0; i < n; i++) {
            boolean fails;
            try {
                fails = d.valid(i) ? failsPresent(d, i, matcher) : missing;
            } catch (Undecided e) {
                // not shown to be valid: it fails, and the check reports why
                fails = true;
                if (failures != null) {
                    failures.error(e.getMessage());
                }
            }
            if (fails) {
                if (failures != null) {
                    failures.add(base + i, d.valid(i) ? d.hash(i) : Hashing.NULL, d, i);
                }
                if (mask != null) {
                    mask.set(i);
                }
            }
        }
        if (failures != null) {
            failures.flush();
        }
    }

    /**
     * @return a rough cost of evaluating the rule on one value, in units of a comparison of two
     *     numbers: a pattern match costs most, a set lookup needs a hash, a length a count
     */
    int cost() {
        int c = 0;
        c += pattern == null ? 0 : ascii != null ? 2 : 12;
        c += values != null ? 3 : 0;
        c += !Double.isNaN(min) || !Double.isNaN(max) ? 1 : 0;
        c += minLength >= 0 || maxLength >= 0 ? 1 : 0;
        return Math.max(1, c);
    }

    /** @return whether the rule fails on a null */
    boolean failsOnNull() {
        return missing;
    }

    /**
     * @return whether the rule fails on a non-null row; a function of the row's value only
     * @throws Undecided if the rule's pattern cannot be decided on the value
     */
    boolean failsPresent(ColumnData d, int i, BoundedMatcher matcher) {
        return missing ? values != null && values.contains(d, i) : invalid(d, i, matcher);
    }

    private boolean invalid(ColumnData d, int i, BoundedMatcher matcher) {
        if (values != null && !values.contains(d, i)) {
            return true;
        }
        if (!Double.isNaN(min) || !Double.isNaN(max)) {
            double x = d.number(i);
            if (!Double.isNaN(min) && ValueOrder.compare(x, min) < 0
                    || !Double.isNaN(max) && ValueOrder.compare(x, max) > 0) {
                return true;
            }
        }
        if (minLength >= 0 || maxLength >= 0) {
            int len = d.codePoints(i);
            if (minLength >= 0 && len < minLength || maxLength >= 0 && len > maxLength) {
                return true;
            }
        }
        if (pattern == null) {
            return false;
        }
        if (ascii != null) {
            int m = ascii.matches(d.bytes, d.offsets[i], d.offsets[i + 1]);
            if (m != AsciiPattern.UNDECIDED) {
                return m == 0;
            }
        }
        CharSequence text = d.chars(i);
        int m = matcher.matches(text);
        if (m == BoundedMatcher.UNDECIDED) {
            throw new Undecided(BoundedMatcher.reason(pattern.pattern(), text.length()));
        }
        return m == 0;
    }

    /** A rule that cannot be decided on a value (its pattern ran past its budget); the message has no value. */
    static final class Undecided extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Undecided(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Values given as text, compared with a column's values as text: by 64-bit hash of the UTF-8
     * bytes for strings (no string per row), as numbers for integers and floats (floats in
     * {@link ValueOrder}: {@code -0.0} is {@code 0.0}, every NaN is NaN), as text otherwise.
     */
    private static final class TextSet {
        private final ColumnData.Kind kind;
        private final LongHashSet hashes = new LongHashSet();
        private final Set<String> texts = new HashSet<>();

        TextSet(List<String> values, ColumnData.Kind kind) {
            this.kind = kind;
            for (String s : values) {
                if (kind == ColumnData.Kind.STRING) {
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    hashes.add(Hashing.bytes(b, 0, b.length));
                } else if (kind == ColumnData.Kind.INT) {
                    try {
                        long v = Long.parseLong(s);
                        if (Long.toString(v).equals(s)) {
                            hashes.add(v);
                        }
                    } catch (NumberFormatException e) {
                        // no integer is written this way
                    }
                } else if (kind == ColumnData.Kind.FLOAT) {
                    try {
                        hashes.add(floatKey(Double.parseDouble(s.strip())));
                    } catch (NumberFormatException e) {
                        // not a number: no float equals it
                    }
                } else {
                    texts.add(s);
                }
            }
        }

        /** @return a key equal for values equal in {@link ValueOrder} */
        private static long floatKey(double x) {
            return Hashing.number(x);
        }

        boolean contains(ColumnData d, int i) {
            if (kind == ColumnData.Kind.STRING) {
                return hashes.contains(Hashing.bytes(d.bytes, d.offsets[i], d.offsets[i + 1]));
            } else if (kind == ColumnData.Kind.INT) {
                return hashes.contains(d.longs[i]);
            } else if (kind == ColumnData.Kind.FLOAT) {
                return hashes.contains(floatKey(d.doubles[i]));
            }
            return texts.contains(d.text(i));
        }
    }
}
