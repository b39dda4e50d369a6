package dev.dataproduct.core.metric;

import dev.dataproduct.api.error.InvalidRequestException;
import dev.dataproduct.api.metric.Dimension;
import dev.dataproduct.api.metric.TimeGrain;
import dev.dataproduct.api.schema.LogicalType;
import java.time.LocalDate;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Codes for the values of one group of a query, row by row: dense ids from a dictionary for
 * strings and integers, the epoch day of the bucket start for dates and times (so that buckets sort
 * and shift as numbers), 0 and 1 for booleans, {@link #NULL} for no value.
 */
final class KeyColumn {
    static final int NULL = Integer.MIN_VALUE;
    private static final int CACHE = 1024;

    enum Kind { STRING, LONG, DAY, BOOL }

    final Kind kind;
    private final String dimension;
    private final TimeGrain grain;
    private final BytesIntMap strings;
    private final LongIntMap longs;
    private final int[] cachedDay = new int[CACHE];
    private final int[] cachedBucket = new int[CACHE];
    private final Buffers buffers = new Buffers();

    /**
     * @param dimension the dimension grouped by
     * @param grain the grain of a time dimension (day for a categorical date)
     */
    KeyColumn(Dimension dimension, TimeGrain grain) {
        this.dimension = dimension.name();
        this.grain = grain;
        LogicalType t = dimension.valueType();
        kind = t.equals(LogicalType.STRING) ? Kind.STRING : t.equals(LogicalType.INT64) ? Kind.LONG
                : t.equals(LogicalType.BOOLEAN) ? Kind.BOOL : Kind.DAY;
        strings = kind == Kind.STRING ? new BytesIntMap() : null;
        longs = kind == Kind.LONG ? new LongIntMap() : null;
        java.util.Arrays.fill(cachedDay, NULL);
    }

    /** Writes the code of each of the first {@code n} rows of the vector into {@code codes}. */
    void encode(FieldVector v, int n, int[] codes) {
        switch (kind) {
            case STRING -> {
                if (!(v instanceof VarCharVector s)) {
                    throw mismatch(v);
                }
                buffers.loadStrings(s, n);
                int[] off = buffers.offsets;
                byte[] bytes = buffers.bytes;
                boolean noNulls = s.getNullCount() == 0;
                for (int i = 0; i < n; i++) {
                    codes[i] = !noNulls && s.isNull(i) ? NULL : strings.idOf(bytes, off[i], off[i + 1] - off[i]);
                }
            }
            case LONG -> {
                if (!(v instanceof BaseIntVector ints)) {
                    throw mismatch(v);
                }
                for (int i = 0; i < n; i++) {
                    codes[i] = v.isNull(i) ? NULL : longs.idOf(ints.getValueAsLong(i));
                }
            }
            case BOOL -> {
                if (!(v instanceof BitVector b)) {
                    throw mismatch(v);
                }
                for (int i = 0; i < n; i++) {
                    codes[i] = b.isNull(i) ? NULL : b.get(i);
                }
            }
            case DAY -> days(v, n, codes);
        }
    }

    private void days(FieldVector v, int n, int[] codes) {
        if (v instanceof DateDayVector d) {
            for (int i = 0; i < n; i++) {
                codes[i] = d.isNull(i) ? NULL : bucket(d.get(i));
            }
        } else if (v instanceof TimeStampVector ts) {
            long perDay = perDay(((ArrowType.Timestamp) v.getField().getType()).getUnit());
            buffers.loadLongs(ts, n);
            long[] at = buffers.longs;
            boolean noNulls = ts.getNullCount() == 0;
            for (int i = 0; i < n; i++) {
                codes[i] = !noNulls && ts.isNull(i) ? NULL : bucket((int) Math.floorDiv(at[i], perDay));
            }
        } else {
            throw mismatch(v);
        }
    }

    private static long perDay(org.apache.arrow.vector.types.TimeUnit unit) {
        return switch (unit) {
            case SECOND -> 86_400L;
            case MILLISECOND -> 86_400_000L;
            case MICROSECOND -> 86_400_000_000L;
            case NANOSECOND -> 86_400_000_000_000L;
        };
    }

    /** Rows come mostly in time order or from few days: a small cache spares a calendar per row. */
    private int bucket(int day) {
        if (grain == TimeGrain.DAY) {
            return day;
        }
        int slot = day & (CACHE - 1);
        if (cachedDay[slot] == day) {
            return cachedBucket[slot];
        }
        int b = (int) grain.truncate(LocalDate.ofEpochDay(day)).toEpochDay();
        cachedDay[slot] = day;
        cachedBucket[slot] = b;
        return b;
    }

    private InvalidRequestException mismatch(FieldVector v) {
        String expected = switch (kind) {
            case STRING -> "string";
            case LONG -> "integer";
            case BOOL -> "boolean";
            case DAY -> "date or timestamp";
        };
        return new InvalidRequestException("the dimension '" + dimension + "' has " + v.getField().getType()
                + " values where its definition says " + expected + "; declare its type with "
                + "Dimension.categorical(name, type, expr)");
    }

    /** @return the value of a code, for results: a String, Long, Boolean or LocalDate; null for {@link #NULL} */
    Object value(int code) {
        if (code == NULL) {
            return null;
        }
        return switch (kind) {
            case STRING -> strings.string(code);
            case LONG -> longs.key(code);
            case BOOL -> code == 1;
            case DAY -> LocalDate.ofEpochDay(code);
        };
    }

    /** Orders codes by their values, nulls last; strings by code point, as SQL engines do. */
    int compare(int a, int b) {
        if (a == b) {
            return 0;
        }
        if (a == NULL || b == NULL) {
            return a == NULL ? 1 : -1;
        }
        return switch (kind) {
            case STRING -> java.util.Arrays.compareUnsigned(strings.bytes(a), strings.bytes(b));
            case LONG -> Long.compare(longs.key(a), longs.key(b));
            case BOOL, DAY -> Integer.compare(a, b);
        };
    }
}
