package dev.dataproduct.ports.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.io.NumberOutput;
import dev.dataproduct.api.data.VectorValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
 * {@link RowFormat#value} writes them.
 */
final class JsonRows implements RowFormat.Writer {
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** The most bytes a number or a literal takes. */
    private static final int NUMBER = 32;

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private boolean firstRow = true;
    private final char[] digits = new char[NUMBER];
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
        FieldVector[] v = vectors.toArray(new FieldVector[0]);
        for (int row = 0; row < batch.getRowCount(); row++) {
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
        drain();
        out.flush();
    }

    private void value(FieldVector vector, int row) throws IOException {
        if (vector.isNull(row)) {
            put(NULL);
        } else if (vector instanceof VarCharVector s) {
            text(s, row);
        } else if (vector instanceof BigIntVector n) {
            integer(n.get(row));
        } else if (vector instanceof IntVector n) {
            integer(n.get(row));
        } else if (vector instanceof Float8Vector d) {
            decimal(d.get(row));
        } else if (vector instanceof BitVector b) {
            put(b.get(row) != 0 ? TRUE : FALSE);
        } else {
            other.reset();
            try (JsonGenerator g = RowFormat.generator(other)) {
                RowFormat.value(g, VectorValues.get(vector, row));
            }
            put(other.toByteArray());
        }
    }

    /** A string: its UTF-8 bytes as stored, with the characters JSON must escape escaped. */
    private void text(VarCharVector s, int row) throws IOException {
        long start = s.getStartOffset(row);
        int length = (int) (s.getEndOffset(row) - start);
        if (length * 6 + 2 > buf.length) {
            room(1);
            buf[pos++] = '"';
            put(JsonStringEncoder.getInstance().quoteAsUTF8(new String(s.get(row), StandardCharsets.UTF_8)));
            room(1);
            buf[pos++] = '"';
            return;
        }
        // the worst case, every byte escaped as six, fits once the buffer is drained
        room(length * 6 + 2);
        buf[pos++] = '"';
        s.getDataBuffer().getBytes(start, buf, pos, length);
        int end = pos + length;
        int first = pos;
        while (first < end && !escaped(buf[first])) {
            first++;
        }
        if (first < end) {
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

    private static boolean escaped(byte b) {
        // bytes of multi-byte characters are negative: they pass as they are
        return b >= 0 && b < 0x20 || b == '"' || b == '\\';
    }

    private void integer(long value) throws IOException {
        room(NUMBER);
        if (value == Long.MIN_VALUE) {
            put(Long.toString(value).getBytes(StandardCharsets.US_ASCII));
            return;
        }
        long v = value;
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        if (v <= Integer.MAX_VALUE) {
            // int division by a constant is a multiplication; most counts and ids fit
            int w = (int) v;
            int n = w < 10 ? 1 : w < 100 ? 2 : w < 1000 ? 3 : w < 10_000 ? 4 : w < 100_000 ? 5 : w < 1_000_000 ? 6
                    : w < 10_000_000 ? 7 : w < 100_000_000 ? 8 : w < 1_000_000_000 ? 9 : 10;
            for (int i = pos + n - 1; i >= pos; i--, w /= 10) {
                buf[i] = (byte) ('0' + w % 10);
            }
            pos += n;
            return;
        }
        int n = 1;
        for (long t = v; t >= 10; t /= 10) {
            n++;
        }
        for (int i = pos + n - 1; i >= pos; i--, v /= 10) {
            buf[i] = (byte) ('0' + v % 10);
        }
        pos += n;
    }

    private void decimal(double d) throws IOException {
        room(NUMBER);
        if (!Double.isFinite(d)) {
            // JSON has no NaN or infinity: they travel as text, as PostgREST and Jackson's own option do
            put(('"' + Double.toString(d) + '"').getBytes(StandardCharsets.US_ASCII));
            return;
        }
        int n = RowFormat.fewDecimals(d, digits);
        if (n > 0) {
            for (int i = 0; i < n; i++) {
                buf[pos++] = (byte) digits[i];
            }
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
