package dev.dataproduct.core.join;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FloatingPointVector;

/**
 * The distinct keys of a join's build side in an open-addressing table of primitive arrays: no
 * object per key or per row. A key of one integer-like column is kept in the slot itself, so a
 * probe compares two longs; other keys keep their hash in the slot and their parts in columnar
 * arrays, compared part by part when the hashes agree.
 */
final class KeyTable {
    /** How the values of one key column are read and kept. */
    enum Kind { LONG, WIDE, BYTES }

    private final Kind[] kinds;
    private final boolean exact;
    // slot p holds its key (or hash) at 2p and its key id + 1 at 2p + 1 (0: empty): one cache line per probe
    private long[] slots;
    private int mask;
    private int size;
    private long[] keyHash = new long[1024];
    private final long[] firstKey = new long[CHUNK];
    private int[] direct;
    private long directMin;
    /** Whether each key added to the direct index got its offset from the smallest as its id. */
    private boolean offsetIds = true;
    private boolean sequential;
    private long[] hashes = new long[0];
    // per part: LONG keeps 1 long per key, WIDE 2; BYTES keeps offsets into a byte pool
    private final long[][] longs;
    private final byte[][] pools;
    private final int[] poolSize;

    KeyTable(Kind[] kinds) {
        this.kinds = kinds.clone();
        this.exact = kinds.length == 1 && kinds[0] == Kind.LONG;
        longs = new long[kinds.length][];
        pools = new byte[kinds.length][];
        poolSize = new int[kinds.length];
        for (int p = 0; p < kinds.length; p++) {
            longs[p] = new long[kinds[p] == Kind.LONG ? 1024 : 2048];
            pools[p] = kinds[p] == Kind.BYTES ? new byte[4096] : null;
        }
        slots = new long[4096];
        mask = 2047;
    }

    /**
     * @param v a key column
     * @return how it is read
     * @throws IllegalArgumentException if its values cannot be compared exactly
     */
    static Kind kindOf(FieldVector v) {
        if (v instanceof BitVector) {
            return Kind.LONG;
        }
        if (v instanceof FloatingPointVector) {
            throw new IllegalArgumentException("key column '" + v.getName() + "' is floating point");
        }
        if (v instanceof BaseFixedWidthVector f) {
            int w = f.getTypeWidth();
            if (w == 1 || w == 2 || w == 4 || w == 8) {
                return Kind.LONG;
            }
            if (w == 16) {
                return Kind.WIDE;
            }
        }
        if (v instanceof BaseVariableWidthVector || v instanceof BaseLargeVariableWidthVector) {
            return Kind.BYTES;
        }
        throw new IllegalArgumentException("key column '" + v.getName() + "' has type " + v.getField().getType()
                + ", which a join cannot compare");
    }

    static Kind[] kindsOf(List<FieldVector> vectors) {
        return vectors.stream().map(KeyTable::kindOf).toArray(Kind[]::new);
    }

    int size() {
        return size;
    }

    /** @return the heap bytes the table holds, for the build side's memory limit */
    long bytes() {
        long b = (long) slots.length * 8 + (long) keyHash.length * 8 + (direct == null ? 0 : direct.length * 4L);
        for (int p = 0; p < kinds.length; p++) {
            b += (long) longs[p].length * 8 + (pools[p] == null ? 0 : pools[p].length);
        }
        return b;
    }

    /**
     * Hashes the keys of a batch, part by part over all rows (for a directly indexed key, only
     * finds its nulls: it is looked up by value).
     *
     * @param keys the key columns of the batch, in the key's order
     * @param n the rows
     * @param h receives each row's hash
     * @param nulls receives whether a row has a null key part
     */
    void hash(List<FieldVector> keys, int n, long[] h, boolean[] nulls) {
        Arrays.fill(nulls, 0, n, false);
        if (direct != null) {
            // a directly indexed key is found by its value: only its nulls are needed
            FieldVector v = keys.get(0);
            if (v.getNullCount() > 0) {
                for (int i = 0; i < n; i++) {
                    nulls[i] = v.isNull(i);
                }
            }
            return;
        }
        for (int p = 0; p < keys.size(); p++) {
            FieldVector v = keys.get(p);
            boolean first = p == 0;
            boolean nullable = v.getNullCount() > 0;
            for (int i = 0; i < n; i++) {
                if (nullable && v.isNull(i)) {
                    nulls[i] = true;
                    continue;
                }
                long x = partHash(v, kinds[p], i);
                h[i] = first ? x : mix(h[i] * 0x9E3779B97F4A7C15L + x);
            }
        }
    }

    private static long partHash(FieldVector v, Kind kind, int row) {
        switch (kind) {
            case LONG:
                return mix(longAt(v, row));
            case WIDE: {
                ArrowBuf d = v.getDataBuffer();
                return mix(d.getLong(16L * row) * 31 + d.getLong(16L * row + 8));
            }
            default: {
                long start = start(v, row);
                long end = start(v, row + 1);
                ArrowBuf d = v.getDataBuffer();
                long x = end - start;
                long i = start;
                for (; i + 8 <= end; i += 8) {
                    x = (x ^ d.getLong(i)) * 0x100000001B3L;
                    x ^= x >>> 29;
                }
                for (; i < end; i++) {
                    x = (x ^ d.getByte(i)) * 0x100000001B3L;
                }
                return mix(x);
            }
        }
    }

    private static long start(FieldVector v, int row) {
        return v instanceof BaseLargeVariableWidthVector ? v.getOffsetBuffer().getLong(8L * row)
                : v.getOffsetBuffer().getInt(4L * row);
    }

    /** The integer-like value of a fixed-width column (booleans as 0 or 1). */
    static long longAt(FieldVector v, int row) {
        if (v instanceof BitVector b) {
            return b.get(row);
        }
        ArrowBuf d = v.getDataBuffer();
        switch (((BaseFixedWidthVector) v).getTypeWidth()) {
            case 1:
                return d.getByte(row);
            case 2:
                return d.getShort(2L * row);
            case 4:
                return d.getInt(4L * row);
            default:
                return d.getLong(8L * row);
        }
    }

    /** A bijective 64-bit finaliser: every input bit affects every output bit. */
    static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }

    /**
     * @param keys the key columns of a batch
     * @param row a row without a null key part
     * @param h its hash
     * @return the id of its key, or -1 if the table does not hold it
     */
    int find(List<FieldVector> keys, int row, long h) {
        if (direct != null) {
            long at = longAt(keys.get(0), row) - directMin;
            return at < 0 || at >= direct.length ? -1 : direct[(int) at] - 1;
        }
        long k = exact ? longAt(keys.get(0), row) : h;
        int pos = (int) h & mask;
        while (true) {
            long id = slots[2 * pos + 1];
            if (id == 0) {
                return -1;
            }
            if (slots[2 * pos] == k && (exact || same((int) id - 1, keys, row))) {
                return (int) id - 1;
            }
            pos = (pos + 1) & mask;
        }
    }

    /**
     * Finds the keys of a whole batch. The first slot of every row is read in one loop of
     * independent loads, so that the processor overlaps their cache misses; only rows whose first
     * slot holds another key walk on.
     *
     * @param keys the key columns of the batch
     * @param n the rows
     * @param h the rows' hashes
     * @param nulls whether a row has a null key part
     * @param out receives each row's key id, or -1 for a null or unknown key
     */
    void findAll(List<FieldVector> keys, int n, long[] h, boolean[] nulls, int[] out) {
        // chunks small enough that the slots loaded by the first loop are still cached in the second
        for (int from = 0; from < n; from += CHUNK) {
            findChunk(keys, from, Math.min(n, from + CHUNK), h, nulls, out);
        }
    }

    private static final int CHUNK = 256;

    /**
     * Indexes the keys directly by value, without hashing, when the key is one integer column whose
     * values lie within a range at most four times the rows (surrogate keys of a dimension,
     * typically): a lookup then reads one int of an array of that range instead of a slot of the
     * larger hash table, and none when the keys were added in ascending order without a gap (their
     * ids are then their offsets). When the column holds each key of its range once, in ascending
     * row order and without a null, the table holds them all at once, with no index: see
     * {@link #sequential()}. Call before adding any key.
     *
     * @param column the build side's key column
     * @param n its rows
     */
    void indexDirectlyIfDense(FieldVector column, int n) {
        if (!exact || size != 0 || n == 0) {
            return;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        boolean nullable = column.getNullCount() > 0;
        boolean ascending = !nullable;
        long previous = longAt(column, 0) - 1;
        for (int i = 0; i < n; i++) {
            if (!nullable || !column.isNull(i)) {
                long v = longAt(column, i);
                min = Math.min(min, v);
                max = Math.max(max, v);
                ascending &= v == previous + 1;
                previous = v;
            }
        }
        long range = max - min + 1;
        if (min > max || range <= 0 || range > 4L * n + 1024 || range > Integer.MAX_VALUE - 8) {
            return;
        }
        directMin = min;
        if (ascending) {
            // every key of the range once, in row order: row r holds key min + r, whose id is r
            direct = new int[0];
            size = n;
            sequential = true;
            return;
        }
        direct = new int[(int) range];
    }

    /**
     * @return whether the keys are one of each value of a range in ascending row order, without a
     *     null (a dimension's surrogate keys in key order): a key's id is its row, and the table holds
     *     them without any key being added
     */
    boolean sequential() {
        return sequential;
    }

    /**
     * Finds the keys of a whole batch.
     *
     * @param keys the key columns of the batch
     * @param n the rows
     * @param nulls receives whether a row has a null key part
     * @param out receives each row's key id, or -1 for a null or unknown key
     */
    void lookup(List<FieldVector> keys, int n, boolean[] nulls, int[] out) {
        if (direct != null) {
            FieldVector v = keys.get(0);
            if (v.getNullCount() == 0) {
                Arrays.fill(nulls, 0, n, false);
            } else {
                for (int i = 0; i < n; i++) {
                    nulls[i] = v.isNull(i);
                }
            }
            findDirect(v, n, nulls, out);
            return;
        }
        if (hashes.length < n) {
            hashes = new long[n];
        }
        hash(keys, n, hashes, nulls);
        findAll(keys, n, hashes, nulls, out);
    }

    /**
     * Finds the keys of a batch and keeps only the rows that have one, in one pass, when that pass
     * reads nothing but the key column: its ids are offsets from the smallest key, and the column is
     * of 64-bit integers without a null.
     *
     * @param keys the key columns of the batch
     * @param n the rows
     * @param rows receives the rows whose key the table holds, in order
     * @param ids receives their key ids, at the same positions
     * @return the number of rows found, or -1 if this batch must be looked up row by row ({@link #lookup})
     */
    int matchOffsets(List<FieldVector> keys, int n, int[] rows, int[] ids) {
        FieldVector v = keys.get(0);
        if (direct == null || !offsetIds || !(v instanceof BaseFixedWidthVector f) || f.getTypeWidth() != 8
                || v instanceof BitVector || v.getNullCount() > 0) {
            return -1;
        }
        // the rows are the batch's own, so the raw address stays within its data buffer
        long address = v.getDataBuffer().memoryAddress();
        long min = directMin;
        long size = this.size;
        int count = 0;
        for (int i = 0; i < n; i++) {
            long at = MemoryUtil.getLong(address + 8L * i) - min;
            // written for every row, kept (count moves on) only for a key the table holds
            rows[count] = i;
            ids[count] = (int) at;
            count += Long.compareUnsigned(at, size) < 0 ? 1 : 0;
        }
        return count;
    }

    private void findDirect(FieldVector v, int n, boolean[] nulls, int[] out) {
        int[] index = direct;
        long min = directMin;
        long length = index.length;
        boolean wide = v instanceof BaseFixedWidthVector f && f.getTypeWidth() == 8 && !(v instanceof BitVector);
        // the rows are the batch's own, so the raw address stays within its data buffer
        long address = v.getDataBuffer().memoryAddress();
        if (offsetIds) {
            // keys added in ascending order without a gap (a dimension's surrogate keys in key order):
            // the id is the offset, and the probe skips the index's cache miss per row
            long ids = size;
            for (int i = 0; i < n; i++) {
                long at = (wide ? MemoryUtil.getLong(address + 8L * i) : longAt(v, i)) - min;
                out[i] = nulls[i] || at < 0 || at >= ids ? -1 : (int) at;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            long at = (wide ? MemoryUtil.getLong(address + 8L * i) : longAt(v, i)) - min;
            out[i] = nulls[i] || at < 0 || at >= length ? -1 : index[(int) at] - 1;
        }
    }

    private void findChunk(List<FieldVector> keys, int from, int to, long[] h, boolean[] nulls, int[] out) {
        long[] slots = this.slots;
        int mask = this.mask;
        long[] first = firstKey;
        // no branch in this loop: a mispredicted branch would discard the loads in flight
        for (int i = from; i < to; i++) {
            int pos = (int) h[i] & mask;
            first[i - from] = slots[2 * pos];
            out[i] = (int) slots[2 * pos + 1];
        }
        if (exact) {
            FieldVector v = keys.get(0);
            for (int i = from; i < to; i++) {
                int id = out[i];
                if (nulls[i] || id == 0) {
                    out[i] = -1;
                } else if (first[i - from] == longAt(v, i)) {
                    out[i] = id - 1;
                } else {
                    out[i] = find(keys, i, h[i]);
                }
            }
            return;
        }
        for (int i = from; i < to; i++) {
            int id = out[i];
            if (nulls[i] || id == 0) {
                out[i] = -1;
            } else if (first[i - from] == h[i] && same(id - 1, keys, i)) {
                out[i] = id - 1;
            } else {
                out[i] = find(keys, i, h[i]);
            }
        }
    }

    /**
     * Adds the keys of a whole batch, chunk by chunk: a first loop of independent loads brings each
     * row's first slot into the cache, so that the insertions do not wait for memory one by one.
     *
     * @param keys the key columns of the batch
     * @param start the first row added
     * @param end the row after the last
     * @param h the rows' hashes
     * @param nulls whether a row has a null key part
     * @param out receives each row's key id, or -1 for a null key
     */
    void addAll(List<FieldVector> keys, int start, int end, long[] h, boolean[] nulls, int[] out) {
        long[] first = firstKey;
        for (int from = start; from < end; from += CHUNK) {
            int to = Math.min(end, from + CHUNK);
            long[] slots = this.slots;
            int mask = this.mask;
            for (int i = from; i < to; i++) {
                first[i - from] = slots[2 * ((int) h[i] & mask) + 1];
            }
            for (int i = from; i < to; i++) {
                out[i] = nulls[i] ? -1 : findOrAdd(keys, i, h[i]);
            }
        }
    }

    /**
     * @param keys the key columns of a batch
     * @param row a row without a null key part
     * @param h its hash
     * @return the id of its key, added if new (ids are dense, from 0)
     */
    int findOrAdd(List<FieldVector> keys, int row, long h) {
        if (direct != null) {
            int at = (int) (longAt(keys.get(0), row) - directMin);
            if (direct[at] == 0) {
                // the index holds the key itself: no hash, slot or copy of its value is kept
                offsetIds &= at == size;
                direct[at] = ++size;
            }
            return direct[at] - 1;
        }
        int found = find(keys, row, h);
        if (found >= 0) {
            return found;
        }
        if ((size + 1) * 4L > slots.length) {
            grow();
        }
        int id = size++;
        if (id == keyHash.length) {
            keyHash = Arrays.copyOf(keyHash, id * 2);
        }
        keyHash[id] = h;
        store(id, keys, row);
        place(id, h, exact ? longAt(keys.get(0), row) : h);
        return id;
    }

    private void place(int id, long h, long slotValue) {
        int pos = (int) h & mask;
        while (slots[2 * pos + 1] != 0) {
            pos = (pos + 1) & mask;
        }
        slots[2 * pos + 1] = id + 1;
        slots[2 * pos] = slotValue;
    }

    private void grow() {
        int capacity = slots.length;
        slots = new long[capacity * 2];
        mask = capacity - 1;
        for (int id = 0; id < size; id++) {
            place(id, keyHash[id], exact ? longs[0][id] : keyHash[id]);
        }
    }

    private void store(int id, List<FieldVector> keys, int row) {
        for (int p = 0; p < kinds.length; p++) {
            FieldVector v = keys.get(p);
            switch (kinds[p]) {
                case LONG -> {
                    ensure(p, id + 1);
                    longs[p][id] = longAt(v, row);
                }
                case WIDE -> {
                    ensure(p, 2 * id + 2);
                    longs[p][2 * id] = v.getDataBuffer().getLong(16L * row);
                    longs[p][2 * id + 1] = v.getDataBuffer().getLong(16L * row + 8);
                }
                case BYTES -> {
                    ensure(p, 2 * id + 2);
                    long start = start(v, row);
                    int len = (int) (start(v, row + 1) - start);
                    if (poolSize[p] + len > pools[p].length) {
                        pools[p] = Arrays.copyOf(pools[p], Math.max(pools[p].length * 2, poolSize[p] + len));
                    }
                    v.getDataBuffer().getBytes(start, pools[p], poolSize[p], len);
                    longs[p][2 * id] = poolSize[p];
                    longs[p][2 * id + 1] = len;
                    poolSize[p] += len;
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private void ensure(int part, int length) {
        if (longs[part].length < length) {
            longs[part] = Arrays.copyOf(longs[part], Math.max(length, longs[part].length * 2));
        }
    }

    private boolean same(int id, List<FieldVector> keys, int row) {
        for (int p = 0; p < kinds.length; p++) {
            FieldVector v = keys.get(p);
            switch (kinds[p]) {
                case LONG -> {
                    if (longs[p][id] != longAt(v, row)) {
                        return false;
                    }
                }
                case WIDE -> {
                    if (longs[p][2 * id] != v.getDataBuffer().getLong(16L * row)
                            || longs[p][2 * id + 1] != v.getDataBuffer().getLong(16L * row + 8)) {
                        return false;
                    }
                }
                case BYTES -> {
                    long start = start(v, row);
                    int len = (int) (start(v, row + 1) - start);
                    if (longs[p][2 * id + 1] != len) {
                        return false;
                    }
                    int at = (int) longs[p][2 * id];
                    ArrowBuf d = v.getDataBuffer();
                    byte[] pool = pools[p];
                    for (int i = 0; i < len; i++) {
                        if (pool[at + i] != d.getByte(start + i)) {
                            return false;
                        }
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
        return true;
    }
}
