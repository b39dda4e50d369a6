package dev.dataproduct.ports.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.NumberOutput;
import dev.dataproduct.api.data.VectorValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Rows as a JSON array of objects, written into one buffer straight from the vectors: text is copied
 * from the Arrow bytes and escaped in place, integers and doubles are formatted without boxing or
 * strings. A general JSON generator costs more per value than the value itself for short values,
 * which made it most of a JSON response's time; values of other types still go through it, as
 * {@link RowFormat#value} writes them. Text that is not valid UTF-8 is decoded as the JDK decodes it,
 * each malformed sequence becoming U+FFFD, so the body is always valid UTF-8. The buffer goes out
 * only when full (and at the end), so a response leaves in writes of its full size, whatever the
 * batches' sizes.
 */
final class JsonRows implements RowFormat.Writer {
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private boolean firstRow = true;
    private final ByteArrayOutputStream other = new ByteArrayOutputStream();

    JsonRows(OutputStream out) {
        this.out = out;
        buf[pos++] = '[';
    }

    @Override
    public void write(VectorSchemaRoot batch) throws IOException {
        List<FieldVector> vectors = batch.getFieldVectors();
        int columns = vectors.size();
        // each name, escaped and quoted with its colon (and the comma before it), once per batch
        byte[][] names = new byte[columns][];
        for (int c = 0; c < columns; c++) {
            byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(vectors.get(c).getName());
            byte[] name = new byte[quoted.length + (c == 0 ? 3 : 4)];
            int at = 0;
            if (c > 0) {
                name[at++] = ',';
            }
            name[at++] = '"';
            System.arraycopy(quoted, 0, name, at, quoted.length);
            name[at + quoted.length] = '"';
            name[at + quoted.length + 1] = ':';
            names[c] = name;
        }
        Column[] v = new Column[columns];
        for (int c = 0; c < columns; c++) {
            v[c] = new Column(vectors.get(c));
        }
        int rows = batch.getRowCount();
        for (int row = 0; row < rows; row++) {
            room(2);
            if (!firstRow) {
                buf[pos++] = ',';
            }
            firstRow = false;
            buf[pos++] = '{';
            for (int c = 0; c < columns; c++) {
                put(names[c]);
                value(v[c], row);
            }
            room(1);
            buf[pos++] = '}';
        }
    }

    private static final int TEXT = 0;
    private static final int INT64 = 1;
    private static final int INT32 = 2;
    private static final int FLOAT64 = 3;
    private static final int BOOLEAN = 4;
    private static final int OTHER = 5;
    /** The most text bytes of a column in one batch that are copied to the heap at once. */
    private static final int HEAP_TEXT = 1 << 22;

    /**
     * A column of one batch, its encoding chosen once rather than tested for every value, and its
     * buffers seen as byte buffers: each access to an Arrow buffer checks its bounds and reads its
     * reference count, which for short values cost more than the value's own encoding.
     */
    private static final class Column {
        final FieldVector vector;
        final int kind;
        /** The validity bitmap, or null when the column has no null in this batch. */
        final ByteBuffer validity;
        final ByteBuffer values;
        final ByteBuffer offsets;
        /**
         * The text bytes of the batch copied to the heap in one go, when at most {@link #HEAP_TEXT}:
         * a bulk read of a direct buffer costs more than the copy of a short string itself.
         */
        final byte[] heap;

        Column(FieldVector vector) {
            this.vector = vector;
            this.kind = vector instanceof VarCharVector ? TEXT : vector instanceof BigIntVector ? INT64
                    : vector instanceof IntVector ? INT32 : vector instanceof Float8Vector ? FLOAT64
                    : vector instanceof BitVector ? BOOLEAN : OTHER;
            boolean direct = kind != BOOLEAN && kind != OTHER;
            this.validity = direct && vector.getNullCount() > 0 ? view(vector.getValidityBuffer()) : null;
            this.values = direct ? view(vector.getDataBuffer()) : null;
            this.offsets = kind == TEXT ? view(vector.getOffsetBuffer()) : null;
            int textBytes = kind == TEXT && vector.getValueCount() > 0 ? offsets.getInt(vector.getValueCount() << 2) : -1;
            if (textBytes >= 0 && textBytes <= HEAP_TEXT) {
                heap = new byte[textBytes];
                values.get(0, heap, 0, textBytes);
            } else {
                heap = null;
            }
        }

        private static ByteBuffer view(ArrowBuf b) {
            return b.nioBuffer(0, (int) b.capacity()).order(ByteOrder.LITTLE_ENDIAN);
        }

        boolean isNull(int row) {
            if (kind >= BOOLEAN) {
                return vector.isNull(row);
            }
            return validity != null && (validity.get(row >> 3) & (1 << (row & 7))) == 0;
        }
    }

    private void value(Column column, int row) throws IOException {
        if (column.isNull(row)) {
            put(NULL);
            return;
        }
        switch (column.kind) {
            case TEXT -> text(column, row);
            case INT64 -> integer(column.values.getLong(row << 3));
            case INT32 -> integer(column.values.getInt(row << 2));
            case FLOAT64 -> decimal(column.values.getDouble(row << 3));
            case BOOLEAN -> put(((BitVector) column.vector).get(row) != 0 ? TRUE : FALSE);
            default -> {
                other.reset();
                try (JsonGenerator g = RowFormat.generator(other)) {
                    RowFormat.value(g, VectorValues.get(column.vector, row));
                }
                put(other.toByteArray());
            }
        }
    }

    /**
     * A string: its UTF-8 bytes as stored, with the characters JSON must escape escaped; bytes that
     * are not UTF-8 are replaced as the JDK's decoder replaces them.
     */
    private void text(Column column, int row) throws IOException {
        int start = column.offsets.getInt(row << 2);
        int length = column.offsets.getInt((row + 1) << 2) - start;
        if (length * 6 + 2 > buf.length) {
            quoted(((VarCharVector) column.vector).get(row));
            return;
        }
        // the worst case, every byte escaped as six, fits once the buffer is drained
        room(length * 6 + 2);
        int quote = pos;
        buf[pos++] = '"';
        if (column.heap != null) {
            System.arraycopy(column.heap, start, buf, pos, length);
        } else {
            column.values.get(start, buf, pos, length);
        }
        int end = pos + length;
        int first = pos;
        // one test for the common case: printable ASCII that needs no escape
        while (first < end && !special(buf[first])) {
            first++;
        }
        if (first < end) {
            if (!validUtf8(buf, first, end)) {
                byte[] raw = new byte[length];
                System.arraycopy(buf, quote + 1, raw, 0, length);
                pos = quote;
                quoted(raw);
                return;
            }
            // move the rest to the far end of the room, then escape it back into place
            int tail = end - first;
            int from = buf.length - tail;
            System.arraycopy(buf, first, buf, from, tail);
            int to = first;
            for (int i = from; i < buf.length; i++) {
                byte b = buf[i];
                if (!escaped(b)) {
                    buf[to++] = b;
                    continue;
                }
                buf[to++] = '\\';
                switch (b) {
                    case '"' -> buf[to++] = '"';
                    case '\\' -> buf[to++] = '\\';
                    case '\n' -> buf[to++] = 'n';
                    case '\r' -> buf[to++] = 'r';
                    case '\t' -> buf[to++] = 't';
                    case '\b' -> buf[to++] = 'b';
                    case '\f' -> buf[to++] = 'f';
                    default -> {
                        buf[to++] = 'u';
                        buf[to++] = '0';
                        buf[to++] = '0';
                        buf[to++] = HEX[b >> 4];
                        buf[to++] = HEX[b & 0xF];
                    }
                }
            }
            end = to;
        }
        pos = end;
        buf[pos++] = '"';
    }

    /** Long or malformed text, decoded (malformed sequences become U+FFFD) and quoted by Jackson. */
    private void quoted(byte[] utf8) throws IOException {
        room(1);
        buf[pos++] = '"';
        put(JsonStringEncoder.getInstance().quoteAsUTF8(new String(utf8, StandardCharsets.UTF_8)));
        room(1);
        buf[pos++] = '"';
    }

    /** A byte that is escaped, or that starts or continues a character beyond ASCII. */
    private static boolean special(byte b) {
        return b < 0x20 || b == '"' || b == '\\';
    }

    /**
     * Whether the bytes are well-formed UTF-8 (RFC 3629): no stray continuation byte, no sequence cut
     * short, no overlong form, no surrogate, nothing above U+10FFFF.
     */
    static boolean validUtf8(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int low = 0x80;
            int high = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                if (c == 0xE0) {
                    low = 0xA0;
                } else if (c == 0xED) {
                    high = 0x9F;
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                if (c == 0xF0) {
                    low = 0x90;
                } else if (c == 0xF4) {
                    high = 0x8F;
                }
            } else {
                return false;
            }
            if (i + n >= to) {
                return false;
            }
            int second = b[i + 1] & 0xFF;
            if (second < low || second > high) {
                return false;
            }
            for (int k = 2; k <= n; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += n + 1;
        }
        return true;
    }

    private static boolean escaped(byte b) {
        // bytes of multi-byte characters are negative: they pass as they are
        return b >= 0 && b < 0x20 || b == '"' || b == '\\';
    }

    private void integer(long value) throws IOException {
        room(Digits.MAX);
        pos = Digits.integer(value, buf, pos);
    }

    private void decimal(double d) throws IOException {
        room(Digits.MAX);
        if (!Double.isFinite(d)) {
            // JSON has no NaN or infinity: they travel as text, as PostgREST and Jackson's own option do
            put(('"' + Double.toString(d) + '"').getBytes(StandardCharsets.US_ASCII));
            return;
        }
        int end = Digits.fewDecimals(d, buf, pos);
        if (end > 0) {
            pos = end;
        } else {
            put(NumberOutput.toString(d, true).getBytes(StandardCharsets.US_ASCII));
        }
    }

    private void put(byte[] bytes) throws IOException {
        if (bytes.length > buf.length - pos) {
            drain();
            if (bytes.length > buf.length) {
                out.write(bytes);
                return;
            }
        }
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    /** Makes room for at least that many bytes. */
    private void room(int bytes) throws IOException {
        if (buf.length - pos < bytes) {
            drain();
        }
    }

    private void drain() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    @Override
    public void finish() throws IOException {
        room(1);
        buf[pos++] = ']';
        drain();
        out.flush();
    }

    @Override
    public void close() {
        // the exchange owns the stream
    }
}
