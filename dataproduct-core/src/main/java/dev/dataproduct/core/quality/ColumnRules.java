package dev.dataproduct.core.quality;

import java.util.Arrays;
import dev.dataproduct.core.expr.BoundedMatcher;

/**
 * The per-row rules of one column (missing values, allowed values, patterns, ranges, lengths),
 * evaluated together. A rule's outcome depends on the row's value only, so the outcomes of all the
 * column's rules are computed once per distinct value and kept in a memo: a table of values with,
 * for each, the set of rules it fails. A row then costs one hash, one
 * probe and one counter, however many rules the column has, and its failures are counted per value
 * at the end of the batch instead of per row and rule. The memo is two-way set-associative (a value
 * may sit in either slot of its pair, the one used less recently is replaced) and starts small,
 * growing up to {@value #MAX_SLOTS} slots while a batch misses it more than an eighth of its
 * size. Only the positions and first
 * values of the failing rows are recorded row by row, and only while a rule still wants them.
 *
 * <p>Where the memo does not pay (so many of a batch's rows miss it, as for a column of nearly
 * unique values, that evaluating every rule on every miss costs more than the rules cost row by
 * row, by a rough cost model of the rules), the rules run one after the other over the column for
 * the next {@value #DIRECT_BATCHES} batches, and then the memo is tried again. Both ways give the same
 * counts, positions and first values; the most frequent values are equally valid summaries (see
 * {@link HeavyHitters}). One instance per column and {@link QualityState}; not thread-safe.
 */
final class ColumnRules {
    private static final int MIN_SLOT_BITS = 12;
    private static final int MAX_SLOT_BITS = 16;
    private static final int MAX_SLOTS = 1 << MAX_SLOT_BITS;
    /** Strings longer than this many bytes are not kept in the memo; their rules run row by row. */
    private static final int MAX_KEY_BYTES = 32;
    private static final int DIRECT_BATCHES = 16;
    private static final int MISS = 1 << 30;
    private static final int TOO_LONG = -1;

    final int column;
    private final RowRule[] rules;
    private final Failures[] failures;
    private final BoundedMatcher[] matchers;
    private final int words;
    private final boolean memoizable;
    /** The rules that fail on a null: bit r of word r / 64. */
    private final long[] nullMask;
    private final long[] wanting;
    private final long[] scratch;
    private final int directCost;

    // the memo, made at the first batch that uses it
    private int slotBits;
    private byte[] recent;
    private long[] keys;
    private boolean[] filled;
    private long[] results;
    private byte[] keyBytes;
    private int[] keyLengths;
    /** Rows of the current batch per slot (0 when untouched), and one of those rows. */
    private int[] counts;
    private int[] lastRow;
    private int[] touched;
    private int touchedCount;
    private int directLeft;

    ColumnRules(int column, ColumnData.Kind kind, RowRule[] rules, Failures[] failures, BoundedMatcher[] matchers) {
        this.column = column;
        this.rules = rules;
        this.failures = failures;
        this.matchers = matchers;
        this.words = (rules.length + 63) >>> 6;
        this.memoizable = kind.longs() || kind == ColumnData.Kind.FLOAT || kind == ColumnData.Kind.STRING
                || kind == ColumnData.Kind.BOOL;
        this.nullMask = new long[words];
        for (int r = 0; r < rules.length; r++) {
            if (rules[r].failsOnNull()) {
                nullMask[r >>> 6] |= 1L << r;
            }
        }
        int cost = 0;
        for (RowRule r : rules) {
            cost += r.cost();
        }
        this.directCost = cost;
        this.wanting = new long[words];
        this.scratch = new long[words];
    }

    /** Counts and samples the failing rows of every rule of the column in one batch. */
    void scan(ColumnData d, long base) {
        if (!memoizable || directLeft > 0) {
            directLeft = Math.max(0, directLeft - 1);
            direct(d, base);
            return;
        }
        if (keys == null) {
            allocate(MIN_SLOT_BITS, d.kind == ColumnData.Kind.STRING);
        }
        int misses = memo(d, base);
        double missRate = d.n == 0 ? 0 : (double) misses / d.n;
        if (misses > (1 << slotBits) / 8 && slotBits < MAX_SLOT_BITS) {
            // many misses for the memo's size: values collide or do not fit
            allocate(Math.min(MAX_SLOT_BITS, slotBits + 2), d.kind == ColumnData.Kind.STRING);
        } else if (3 + missRate * (directCost + 3) > directCost) {
            // cost per row: direct, every rule; memo, a probe (about 3) plus on a miss every rule and a store
            directLeft = DIRECT_BATCHES;
        }
    }

    private void direct(ColumnData d, long base) {
        for (int r = 0; r < rules.length; r++) {
            rules[r].scan(d, base, matchers[r], failures[r], null);
        }
    }

    /** Makes an empty memo of {@code 1 << bits} slots (between batches: no counts are pending). */
    private void allocate(int bits, boolean strings) {
        int slots = 1 << bits;
        slotBits = bits;
        recent = new byte[slots / 2];
        keys = new long[slots];
        filled = new boolean[slots];
        results = new long[slots * words];
        counts = new int[slots];
        lastRow = new int[slots];
        touched = new int[slots];  // grown to the batch's rows: an evicted slot can be listed again
        if (strings) {
            keyBytes = new byte[slots * MAX_KEY_BYTES];
            keyLengths = new int[slots];
        }
    }

    /** @return the number of rows whose value was not in the memo */
    private int memo(ColumnData d, long base) {
        int n = d.n;
        boolean wants = updateWanting();
        int misses = 0;
        int firstNull = -1;
        if (touched.length < n) {
            touched = new int[n];
        }
        for (int i = 0; i < n; i++) {
            if (!d.valid(i)) {
                if (firstNull < 0) {
                    firstNull = i;
                }
                if (wants) {
                    wants = positions(nullMask, 0, base, d, i);
                }
                continue;
            }
            int found = lookup(d, i);
            if (found == TOO_LONG) {
                // a long string: not kept, its rules run for this row alone
                evaluate(d, i, scratch, 0);
                count(d, base, i, scratch);
                misses++;
                continue;
            }
            int at = found & ~MISS;
            if (found != at) {
                store(d, i, at);
                misses++;
            }
            if (counts[at]++ == 0) {
                touched[touchedCount++] = at;
            }
            lastRow[at] = i;
            if (wants) {
                wants = positions(results, at * words, base, d, i);
            }
        }
        if (firstNull >= 0) {
            long nulls = d.nulls;
            for (int r = 0; r < rules.length; r++) {
                if (rules[r].failsOnNull()) {
                    failures[r].addMany(nulls, Hashing.NULL, d, firstNull);
                }
            }
        }
        for (int t = 0; t < touchedCount; t++) {
            release(d, touched[t]);
        }
        touchedCount = 0;
        for (Failures f : failures) {
            f.flush();
        }
        return misses;
    }

    /**
     * Finds the value of row {@code i} in the memo.
     *
     * @return the value's slot; or its slot with {@link #MISS} set if the slot holds another value
     *     or none; or {@link #TOO_LONG} for a string too long to keep
     */
    private int lookup(ColumnData d, int i) {
        if (d.kind == ColumnData.Kind.BOOL) {
            int slot = (int) (d.longs[i >>> 6] >>> i & 1L);
            return filled[slot] ? slot : slot | MISS;
        }
        int pair;
        if (d.kind == ColumnData.Kind.STRING) {
            int from = d.offsets[i];
            int to = d.offsets[i + 1];
            int len = to - from;
            if (len > MAX_KEY_BYTES) {
                return TOO_LONG;
            }
            long key = Hashing.bytes(d.bytes, from, to);
            pair = (int) (key >>> (65 - slotBits));
            for (int slot = 2 * pair; slot < 2 * pair + 2; slot++) {
                if (filled[slot] && keys[slot] == key && keyLengths[slot] == len && Arrays.equals(keyBytes,
                        slot * MAX_KEY_BYTES, slot * MAX_KEY_BYTES + len, d.bytes, from, to)) {
                    recent[pair] = (byte) slot;
                    return slot;
                }
            }
        } else {
            long key = d.kind == ColumnData.Kind.FLOAT ? Double.doubleToLongBits(d.doubles[i]) : d.longs[i];
            pair = (int) (Hashing.mix(key) >>> (65 - slotBits));
            for (int slot = 2 * pair; slot < 2 * pair + 2; slot++) {
                if (filled[slot] && keys[slot] == key) {
                    recent[pair] = (byte) slot;
                    return slot;
                }
            }
        }
        // absent: take an empty slot of the pair, else the one used less recently
        int victim = !filled[2 * pair] ? 2 * pair : !filled[2 * pair + 1] ? 2 * pair + 1
                : (recent[pair] & 1) == 0 ? 2 * pair + 1 : 2 * pair;
        recent[pair] = (byte) victim;
        return victim | MISS;
    }

    private void store(ColumnData d, int i, int slot) {
        if (counts[slot] > 0) {
            release(d, slot);
        }
        filled[slot] = true;
        if (d.kind == ColumnData.Kind.STRING) {
            int from = d.offsets[i];
            int len = d.offsets[i + 1] - from;
            keys[slot] = Hashing.bytes(d.bytes, from, from + len);
            keyLengths[slot] = len;
            System.arraycopy(d.bytes, from, keyBytes, slot * MAX_KEY_BYTES, len);
        } else if (d.kind == ColumnData.Kind.FLOAT) {
            keys[slot] = Double.doubleToLongBits(d.doubles[i]);
        } else if (d.kind != ColumnData.Kind.BOOL) {
            keys[slot] = d.longs[i];
        }
        evaluate(d, i, results, slot * words);
    }

    /** Sets in {@code into} (from {@code at}) the bits of the rules a non-null row fails. */
    private void evaluate(ColumnData d, int i, long[] into, int at) {
        Arrays.fill(into, at, at + words, 0L);
        for (int r = 0; r < rules.length; r++) {
            boolean fails;
            try {
                fails = rules[r].failsPresent(d, i, matchers[r]);
            } catch (RowRule.Undecided e) {
                // not shown to be valid: it fails, and the check reports why
                fails = true;
                failures[r].error(e.getMessage());
            }
            if (fails) {
                into[at + (r >>> 6)] |= 1L << r;
            }
        }
    }

    /** Counts the rows of the current batch held by a slot into the failures of the rules they fail. */
    private void release(ColumnData d, int slot) {
        int c = counts[slot];
        if (c == 0) {
            return;
        }
        counts[slot] = 0;
        int at = slot * words;
        int row = lastRow[slot];
        long hash = 0;
        for (int w = 0; w < words; w++) {
            long bits = results[at + w];
            while (bits != 0) {
                int r = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (hash == 0) {
                    hash = d.hash(row);
                }
                failures[r].addMany(c, hash, d, row);
            }
        }
    }

    /** Counts one row that is not in the memo, by the rules it fails. */
    private void count(ColumnData d, long base, int i, long[] failed) {
        for (int w = 0; w < words; w++) {
            long bits = failed[w];
            while (bits != 0) {
                int r = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                failures[r].add(base + i, d.hash(i), d, i);
            }
        }
    }

    /** @return whether any rule still wants the positions of its failing rows */
    private boolean updateWanting() {
        boolean any = false;
        Arrays.fill(wanting, 0L);
        for (int r = 0; r < rules.length; r++) {
            if (failures[r].wantsPositions()) {
                wanting[r >>> 6] |= 1L << r;
                any = true;
            }
        }
        return any;
    }

    /**
     * Records the position of row {@code i} for the rules that fail it (bits of {@code failed} from
     * {@code at}) and still want positions.
     *
     * @return whether any rule still wants positions
     */
    private boolean positions(long[] failed, int at, long base, ColumnData d, int i) {
        boolean any = false;
        for (int w = 0; w < words; w++) {
            long bits = failed[at + w] & wanting[w];
            while (bits != 0) {
                int r = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                failures[r].position(base + i, d, i);
                if (!failures[r].wantsPositions()) {
                    wanting[w] &= ~(1L << r);
                }
            }
            any |= wanting[w] != 0;
        }
        return any;
    }
}
