package dev.dataproduct.core.quality;

import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.TextValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * One column of the current batch, copied out of its Arrow buffers with bulk reads into reused
 * primitive arrays (values, validity words, string offsets and bytes), so that the kernels loop over
 * plain arrays without boxing or bounds-checked buffer reads. One instance per column and state;
 * not thread-safe.
 */
final class ColumnData implements Failures.Labeler {
    static final String RESTRICTED = "<restricted>";
    private static final int MAX_LABEL = 100;
    /** The powers of ten that doubles hold exactly. */
    private static final double[] EXACT_POWERS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** How the values are held. */
    enum Kind {
        INT, FLOAT, DECIMAL, BOOL, DATE, TIME, TIMESTAMP, STRING, OTHER;

        /** @return whether the values are held as longs */
        boolean longs() {
            return this == INT || this == DATE || this == TIME || this == TIMESTAMP;
        }

        boolean numeric() {
            return this == INT || this == FLOAT || this == DECIMAL;
        }

        boolean temporal() {
            return this == DATE || this == TIME || this == TIMESTAMP;
        }
    }

    final String name;
    final Kind kind;
    final boolean sensitive;
    private final int width;
    private final int scale;
    private final boolean withZone;
    private TimeUnit unit = TimeUnit.MICROSECOND;

    int n;
    int nulls;
    long[] validity = new long[0];
    long[] longs = new long[0];
    double[] doubles = new double[0];
    int[] offsets = new int[0];
    byte[] bytes = new byte[0];
    private long[] wide = new long[0];
    private int[] ints = new int[0];
    private int[] lengths = new int[0];
    private boolean doublesReady;
    private boolean lengthsReady;
    private FieldVector vector;
    private final AsciiView ascii = new AsciiView();

    ColumnData(Field field) {
        this.name = field.name();
        this.kind = kindOf(field.type());
        this.sensitive = field.classification().isSensitive();
        LogicalType t = field.type();
        this.width = t instanceof LogicalType.IntegerType it ? it.bitWidth() / 8
                : t instanceof LogicalType.FloatingType ft ? ft.bitWidth() / 8 : 0;
        this.scale = t instanceof LogicalType.DecimalType d ? d.scale() : 0;
        this.withZone = t instanceof LogicalType.TimestampType ts && ts.withZone();
    }

    static Kind kindOf(LogicalType t) {
        if (t instanceof LogicalType.IntegerType) {
            return Kind.INT;
        } else if (t instanceof LogicalType.FloatingType) {
            return Kind.FLOAT;
        } else if (t instanceof LogicalType.DecimalType) {
            return Kind.DECIMAL;
        } else if (t instanceof LogicalType.BooleanType) {
            return Kind.BOOL;
        } else if (t instanceof LogicalType.DateType) {
            return Kind.DATE;
        } else if (t instanceof LogicalType.TimeType) {
            return Kind.TIME;
        } else if (t instanceof LogicalType.TimestampType) {
            return Kind.TIMESTAMP;
        } else if (t instanceof LogicalType.StringType) {
            return Kind.STRING;
        }
        return Kind.OTHER;
    }

    TimeUnit unit() {
        return unit;
    }

    /** Copies a batch's column out of its buffers. */
    void load(FieldVector v, int rows) {
        this.vector = v;
        this.n = rows;
        this.doublesReady = false;
        this.lengthsReady = false;
        checkType(v);
        if (kind == Kind.OTHER) {
            nulls = 0;
            for (int i = 0; i < rows; i++) {
                if (v.isNull(i)) {
                    nulls++;
                }
            }
            return;
        }
        loadValidity(v.getValidityBuffer(), rows);
        if (rows == 0) {
            return;
        }
        ArrowBuf data = v.getDataBuffer();
        switch (kind) {
            case INT:
                loadIntegers(data, rows);
                break;
            case DATE:
                width4(data, rows);
                break;
            case TIME:
            case TIMESTAMP:
                longs = grow(longs, rows);
                data.nioBuffer(0, rows * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(longs, 0, rows);
                break;
            case FLOAT:
                doubles = grow(doubles, rows);
                if (width == 8) {
                    data.nioBuffer(0, rows * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(doubles, 0, rows);
                } else {
                    java.nio.FloatBuffer fb = data.nioBuffer(0, rows * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                    for (int i = 0; i < rows; i++) {
                        doubles[i] = fb.get(i);
                    }
                }
                doublesReady = true;
                break;
            case DECIMAL:
                wide = grow(wide, rows * 2);
                data.nioBuffer(0, rows * 16).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(wide, 0, rows * 2);
                break;
            case BOOL: {
                longs = grow(longs, (rows + 63) >>> 6);
                readBits(data, rows, longs);
                break;
            }
            case STRING: {
                offsets = growInts(offsets, rows + 1);
                v.getOffsetBuffer().nioBuffer(0, (rows + 1) * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer()
                        .get(offsets, 0, rows + 1);
                int len = offsets[rows];
                if (bytes.length < len) {
                    bytes = new byte[Math.max(len, bytes.length * 2)];
                }
                if (len > 0) {
                    data.nioBuffer(0, len).get(bytes, 0, len);
                }
                break;
            }
            default:
                throw new AssertionError(kind);
        }
    }

    private void checkType(FieldVector v) {
        boolean ok;
        switch (kind) {
            case INT: ok = v instanceof BigIntVector || v instanceof IntVector || v instanceof SmallIntVector
                    || v instanceof TinyIntVector; break;
            case FLOAT: ok = v instanceof Float8Vector || v instanceof Float4Vector; break;
            case DECIMAL: ok = v instanceof DecimalVector; break;
            case BOOL: ok = v instanceof BitVector; break;
            case DATE: ok = v instanceof DateDayVector; break;
            case TIME: ok = v instanceof TimeMicroVector; break;
            case TIMESTAMP: ok = v instanceof TimeStampVector; break;
            case STRING: ok = v instanceof VarCharVector; break;
            default: ok = true;
        }
        if (!ok) {
            throw new IllegalArgumentException("column '" + name + "' of the batch has Arrow type "
                    + v.getField().getType() + ", which does not match the plan's schema");
        }
        if (kind == Kind.TIMESTAMP) {
            unit = ((ArrowType.Timestamp) v.getField().getType()).getUnit();
        }
        if (kind == Kind.INT && v instanceof BaseFixedWidthVector fw && fw.getTypeWidth() != width) {
            throw new IllegalArgumentException("column '" + name + "' of the batch is " + (fw.getTypeWidth() * 8)
                    + "-bit, but the plan's schema says " + (width * 8) + "-bit");
        }
    }

    private void loadIntegers(ArrowBuf data, int rows) {
        longs = grow(longs, rows);
        switch (width) {
            case 8:
                data.nioBuffer(0, rows * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(longs, 0, rows);
                break;
            case 4:
                width4(data, rows);
                break;
            case 2: {
                java.nio.ShortBuffer sb = data.nioBuffer(0, rows * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
                for (int i = 0; i < rows; i++) {
                    longs[i] = sb.get(i);
                }
                break;
            }
            default: {
                java.nio.ByteBuffer bb = data.nioBuffer(0, rows);
                for (int i = 0; i < rows; i++) {
                    longs[i] = bb.get(i);
                }
            }
        }
    }

    private void width4(ArrowBuf data, int rows) {
        longs = grow(longs, rows);
        ints = growInts(ints, rows);
        data.nioBuffer(0, rows * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(ints, 0, rows);
        for (int i = 0; i < rows; i++) {
            longs[i] = ints[i];
        }
    }

    private void loadValidity(ArrowBuf buf, int rows) {
        int words = (rows + 63) >>> 6;
        validity = grow(validity, words);
        readBits(buf, rows, validity);
        int set = 0;
        for (int w = 0; w < words; w++) {
            long word = validity[w];
            if (w == words - 1 && (rows & 63) != 0) {
                word &= (1L << (rows & 63)) - 1;
                validity[w] = word;
            }
            set += Long.bitCount(word);
        }
        nulls = rows - set;
    }

    private static void readBits(ArrowBuf buf, int rows, long[] into) {
        int bytesNeeded = (rows + 7) >>> 3;
        int fullWords = bytesNeeded >>> 3;
        if (fullWords > 0) {
            buf.nioBuffer(0, fullWords * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(into, 0, fullWords);
        }
        if ((bytesNeeded & 7) != 0) {
            long word = 0;
            for (int b = fullWords * 8; b < bytesNeeded; b++) {
                word |= (buf.getByte(b) & 0xFFL) << ((b - fullWords * 8) * 8);
            }
            into[fullWords] = word;
        }
    }

    private static long[] grow(long[] a, int size) {
        return a.length >= size ? a : new long[Math.max(size, a.length + (a.length >> 1))];
    }

    private static double[] grow(double[] a, int size) {
        return a.length >= size ? a : new double[Math.max(size, a.length + (a.length >> 1))];
    }

    private static int[] growInts(int[] a, int size) {
        return a.length >= size ? a : new int[Math.max(size, a.length + (a.length >> 1))];
    }

    // ---- per-row access (for rules and samples; the kernels read the arrays) ------------------

    boolean valid(int i) {
        return kind == Kind.OTHER ? !vector.isNull(i) : (validity[i >>> 6] >>> i & 1L) != 0;
    }

    boolean noNulls() {
        return nulls == 0;
    }

    /** @return the values as doubles (numeric kinds), converting decimals once per batch */
    double[] doubles() {
        if (!doublesReady) {
            doubles = grow(doubles, n);
            for (int i = 0; i < n; i++) {
                doubles[i] = number(i);
            }
            doublesReady = true;
        }
        return doubles;
    }

    /** @return the numeric value of a non-null row (epoch days / micros of day / raw timestamp units for temporal) */
    double number(int i) {
        switch (kind) {
            case FLOAT:
                return doubles[i];
            case DECIMAL: {
                long lo = wide[2 * i];
                long hi = wide[2 * i + 1];
                // one rounding: an unscaled value exact as a double divided by an exact power of ten
                if (hi == (lo >> 63) && Math.abs(lo) <= 1L << 53 && scale < EXACT_POWERS.length) {
                    return scale == 0 ? (double) lo : (double) lo / EXACT_POWERS[scale];
                }
                return decimal(i).doubleValue();
            }
            case BOOL:
                return (longs[i >>> 6] >>> i & 1L);
            case OTHER:
            case STRING:
                throw new IllegalStateException("column '" + name + "' is not numeric");
            default:
                return longs[i];
        }
    }

    /** @return the exact value of a non-null decimal row */
    private BigDecimal decimal(int i) {
        BigInteger unscaled = BigInteger.valueOf(wide[2 * i + 1]).shiftLeft(64)
                .add(new BigInteger(Long.toUnsignedString(wide[2 * i])));
        return new BigDecimal(unscaled, scale);
    }

    /** @return a 64-bit hash of a non-null row's value; equal values of one column hash equally */
    long hash(int i) {
        switch (kind) {
            case FLOAT:
                return Hashing.number(doubles[i]);
            case DECIMAL:
                return Hashing.combine(Hashing.mix(wide[2 * i]), wide[2 * i + 1]);
            case BOOL:
                return Hashing.mix(longs[i >>> 6] >>> i & 1L);
            case STRING:
                return Hashing.bytes(bytes, offsets[i], offsets[i + 1]);
            case OTHER:
                return Hashing.text(text(i));
            default:
                return Hashing.mix(longs[i]);
        }
    }

    /**
     * @return the value of a non-null row as {@link TextValues#format} writes it; a date, time or
     *     timestamp beyond what {@code java.time} can hold as its raw number and unit
     */
    String text(int i) {
        try {
            return format(i);
        } catch (java.time.DateTimeException | ArithmeticException outOfRange) {
            return Long.toString(longs[i]) + (kind == Kind.DATE ? " days" : kind == Kind.TIME ? " us"
                    : " " + unit.name().toLowerCase(java.util.Locale.ROOT) + "s") + " since the epoch";
        }
    }

    /**
     * @return the text of a value of any vector, as {@link TextValues#format} writes it, or its raw
     *     number for a temporal value beyond what {@code java.time} can hold: bad data is shown,
     *     never thrown
     */
    static String text(FieldVector v, int row) {
        try {
            return TextValues.format(VectorValues.get(v, row));
        } catch (java.time.DateTimeException | ArithmeticException outOfRange) {
            return v instanceof BaseFixedWidthVector fw && fw.getTypeWidth() == 8
                    ? fw.getDataBuffer().getLong((long) row * 8) + " (raw " + v.getField().getType() + ")"
                    : "?";
        }
    }

    private String format(int i) {
        switch (kind) {
            case INT:
                return Long.toString(longs[i]);
            case FLOAT:
                return Double.toString(doubles[i]);
            case DECIMAL:
                return decimal(i).toPlainString();
            case BOOL:
                return (longs[i >>> 6] >>> i & 1L) != 0 ? "true" : "false";
            case DATE:
                return LocalDate.ofEpochDay(longs[i]).toString();
            case TIME:
                return LocalTime.ofNanoOfDay(longs[i] * 1000L).toString();
            case TIMESTAMP: {
                Instant instant = VectorValues.toInstant(longs[i], unit);
                return withZone ? instant.toString() : LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
            }
            case STRING:
                return new String(bytes, offsets[i], offsets[i + 1] - offsets[i], StandardCharsets.UTF_8);
            default:
                return text(vector, i);
        }
    }

    /** @return the text of a string row as a char sequence without copying if it is ASCII, else a string */
    CharSequence chars(int i) {
        if (kind != Kind.STRING) {
            return text(i);
        }
        int from = offsets[i];
        int to = offsets[i + 1];
        for (int k = from; k < to; k++) {
            if (bytes[k] < 0) {
                return text(i);
            }
        }
        ascii.reset(bytes, from, to);
        return ascii;
    }

    /**
     * @return the number of code points of a non-null row's text; for strings counted for the whole
     *     batch at the first call, so that every length rule of the column shares one count
     */
    int codePoints(int i) {
        if (kind != Kind.STRING) {
            String s = text(i);
            return s.codePointCount(0, s.length());
        }
        if (!lengthsReady) {
            lengths = growInts(lengths, n);
            for (int r = 0; r < n; r++) {
                int count = 0;
                for (int k = offsets[r], end = offsets[r + 1]; k < end; k++) {
                    if ((bytes[k] & 0xC0) != 0x80) {
                        count++;
                    }
                }
                lengths[r] = count;
            }
            lengthsReady = true;
        }
        return lengths[i];
    }

    /** The text shown for a row: masked for sensitive fields, {@code null} for no value, shortened. */
    @Override
    public String label(int row) {
        if (sensitive) {
            return RESTRICTED;
        }
        if (!valid(row)) {
            return "null";
        }
        String s = text(row);
        return Texts.shorten(s, MAX_LABEL);
    }

    /** A reused view of ASCII bytes as characters, for pattern matching without a string per row. */
    private static final class AsciiView implements CharSequence {
        private byte[] data;
        private int from;
        private int length;

        void reset(byte[] data, int from, int to) {
            this.data = data;
            this.from = from;
            this.length = to - from;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int index) {
            return (char) data[from + index];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().substring(start, end);
        }

        @Override
        public String toString() {
            return new String(data, from, length, StandardCharsets.US_ASCII);
        }
    }
}
