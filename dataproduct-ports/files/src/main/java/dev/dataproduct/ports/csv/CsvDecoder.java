package dev.dataproduct.ports.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the bytes of a CSV file strictly. Bytes that are not valid in the charset are not turned
 * into U+FFFD and published: they are written into the text as {@code \xHH} escapes (so the
 * quarantine keeps them) and reported with their line and byte offset, so that the row holding
 * them is rejected. Lines are counted as FastCSV counts them: CR LF, CR and LF each end one.
 */
final class CsvDecoder extends Reader {
    /** Bytes that could not be decoded, at a line and byte offset of the file. */
    record Malformation(long line, long offset, String escaped) {
    }

    /** Room kept free in the char buffer for the escapes of one malformed sequence. */
    private static final int ESCAPE_ROOM = 64;

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final boolean escapeAsText;
    /** Bytes of one code unit, or 0 to skip what the decoder reports as malformed in one go. */
    private final int unit;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 14);
    private final CharBuffer chars = CharBuffer.allocate(1 << 14);
    private final ArrayDeque<Malformation> malformations = new ArrayDeque<>();
    /** The file offset of {@code bytes.array()[0]}. */
    private long base;
    private long line = 1;
    private boolean afterCr;
    private boolean endOfInput;
    private boolean done;

    /**
     * @param in the file's bytes after its byte order mark
     * @param charset the charset to decode with
     * @param start the file offset of the first byte of {@code in} (the length of the byte order mark)
     * @param delimiter the cell delimiter, which an escape must not contain
     */
    CsvDecoder(InputStream in, Charset charset, long start, char delimiter) {
        this.in = in;
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.escapeAsText = "\\x0123456789ABCDEF".indexOf(delimiter) < 0;
        // a UTF-16 decoder reports a lone surrogate together with the unit after it, which may be a line end
        String name = charset.name();
        this.unit = name.startsWith("UTF-16") ? 2 : name.startsWith("UTF-32") ? 4 : 0;
        this.base = start;
        bytes.flip();
        chars.flip();
    }

    @Override
    public int read(char[] target, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!chars.hasRemaining()) {
            fill();
            if (!chars.hasRemaining()) {
                return -1;
            }
        }
        int n = Math.min(len, chars.remaining());
        chars.get(target, off, n);
        return n;
    }

    private void fill() throws IOException {
        chars.clear();
        while (chars.position() == 0 && !done) {
            if (!endOfInput && bytes.remaining() < ESCAPE_ROOM) {
                base += bytes.position();
                bytes.compact();
                int r = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (r < 0) {
                    endOfInput = true;
                } else {
                    bytes.position(bytes.position() + r);
                }
                bytes.flip();
            }
            chars.limit(chars.capacity() - ESCAPE_ROOM);
            int from = chars.position();
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            countLines(from, chars.position());
            chars.limit(chars.capacity());
            if (result.isError()) {
                malformed(unit == 0 ? result.length() : Math.min(unit, result.length()));
            } else if (result.isUnderflow() && endOfInput) {
                from = chars.position();
                if (decoder.flush(chars).isOverflow()) {
                    throw new IllegalStateException("no room to flush the decoder");
                }
                countLines(from, chars.position());
                done = true;
            } else if (result.isOverflow()) {
                break;
            }
        }
        chars.flip();
    }

    private void malformed(int length) {
        StringBuilder escaped = new StringBuilder(length * 4);
        for (int i = 0; i < length; i++) {
            escaped.append(String.format("\\x%02X", bytes.get(bytes.position() + i) & 0xFF));
        }
        malformations.add(new Malformation(line, base + bytes.position(), escaped.toString()));
        bytes.position(bytes.position() + length);
        String text = escapeAsText ? escaped.toString() : "\uFFFD";
        chars.put(text);
        afterCr = false;
    }

    private void countLines(int from, int to) {
        char[] a = chars.array();
        for (int i = from; i < to; i++) {
            char c = a[i];
            if (c == '\n') {
                if (!afterCr) {
                    line++;
                }
                afterCr = false;
            } else if (c == '\r') {
                line++;
                afterCr = true;
            } else {
                afterCr = false;
            }
        }
    }

    /**
     * Takes the malformations found up to a line. The decoder reads ahead of the parser, so the
     * malformations of one record are all known once the parser has returned it.
     *
     * @param lastLine the last line of the record the parser returned
     * @return the malformations on lines up to {@code lastLine}, which are removed
     */
    List<Malformation> takeUpTo(long lastLine) {
        List<Malformation> out = List.of();
        while (!malformations.isEmpty() && malformations.peek().line() <= lastLine) {
            if (out.isEmpty()) {
                out = new ArrayList<>();
            }
            out.add(malformations.poll());
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
