package dev.dataproduct.ports.csv;

import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.TextValues;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** One CSV file of one port: opens passes over its records and reads its header. */
final class CsvSource {
    /** How many names a message lists before it gives only their count. */
    private static final int SHOWN_NAMES = 12;
    /** Byte order marks, longest first so that UTF-32LE is not taken for UTF-16LE. */
    private static final List<Bom> BOMS = List.of(
            new Bom("UTF-32BE", new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}),
            new Bom("UTF-32LE", new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}),
            new Bom("UTF-8", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}),
            new Bom("UTF-16BE", new byte[] {(byte) 0xFE, (byte) 0xFF}),
            new Bom("UTF-16LE", new byte[] {(byte) 0xFF, (byte) 0xFE}));

    /** A byte order mark and the charset it announces. */
    private record Bom(String charset, byte[] bytes) {
        boolean starts(byte[] head, int length) {
            return length >= bytes.length && Arrays.equals(head, 0, bytes.length, bytes, 0, bytes.length);
        }

        /** @return whether a file in the declared charset may start with this mark */
        boolean fits(Charset declared) {
            String name = declared.name();
            return name.equals(charset) || name.equals(charset.substring(0, charset.length() - 2));
        }
    }

    private final String portName;
    private final Path file;
    private final CsvFormat format;

    CsvSource(String portName, Path file, CsvFormat format) {
        this.portName = portName;
        this.file = file;
        this.format = format;
    }

    String portName() {
        return portName;
    }

    CsvFormat format() {
        return format;
    }

    /** @return {@code <file name>:<line>}, the origin of a rejected row */
    String origin(long line) {
        return file.getFileName() + ":" + line;
    }

    /** @return the start of every message about this file */
    String where() {
        return "input port '" + portName + "', CSV file '" + file + "': ";
    }

    /**
     * Opens a pass over the records of the file, after its byte order mark if it has one.
     *
     * @throws PortException if the file cannot be opened, or starts with the byte order mark of
     *     another charset than the declared one
     */
    CsvRecords open() {
        InputStream in = null;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            in.mark(4);
            byte[] head = new byte[4];
            int length = in.readNBytes(head, 0, 4);
            in.reset();
            Charset charset = format.charset();
            int skip = 0;
            for (Bom bom : BOMS) {
                if (bom.starts(head, length)) {
                    if (!bom.fits(charset)) {
                        throw new PortException(where() + "the file starts with the byte order mark of "
                                + bom.charset() + ", but the port reads it as " + charset + "; declare its encoding "
                                + "with charset(Charset.forName(\"" + bom.charset() + "\"))");
                    }
                    charset = Charset.forName(bom.charset());
                    skip = bom.bytes().length;
                    break;
                }
            }
            in.skipNBytes(skip);
            CsvRecords records = new CsvRecords(this, new CsvDecoder(in, charset, skip, format.delimiter()));
            in = null;
            return records;
        } catch (IOException e) {
            throw new PortException(where() + "cannot open the file (" + e + "); check the path and its permissions",
                    e);
        } finally {
            if (in != null) {
                try {
                    in.close();
                } catch (IOException e) {
                    // the open failed already; that failure is the one to report
                }
            }
        }
    }

    /**
     * Works out where each schema field is in a row, reading the header if the file has one.
     *
     * @throws PortException if the header lacks a schema field, names one twice or has bytes that
     *     are not valid in the charset
     */
    CsvLayout readLayout(Schema schema) {
        if (!format.header()) {
            int[] columns = new int[schema.size()];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = i;
            }
            return new CsvLayout(List.of(), schema.fieldNames(), columns);
        }
        List<String> header;
        try (CsvRecords records = open()) {
            header = readHeader(records);
            if (header == null) {
                throw new PortException(where() + "the file is empty, but a header line naming the columns "
                        + schema.fieldNames() + " was expected; write the header, or use header(false) for a file "
                        + "without one");
            }
        }
        return layoutOf(header, schema);
    }

    /**
     * Reads the header: the first line that is not empty.
     *
     * @return the column names without surrounding spaces, or {@code null} if the file has no line
     * @throws PortException if the header has bytes that are not valid in the charset
     */
    List<String> readHeader(CsvRecords records) {
        CsvRow first = records.next();
        while (first != null && first.empty()) {
            first = records.next();
        }
        if (first == null) {
            return null;
        }
        List<CsvDecoder.Malformation> bad = records.malformations(first);
        if (!bad.isEmpty()) {
            throw new PortException(where() + "the header (line " + first.line() + ") has bytes that are not valid "
                    + format.charset() + ": " + describe(bad) + "; declare the file's encoding with charset(...)");
        }
        List<String> names = new ArrayList<>(first.cells().size());
        for (String cell : first.cells()) {
            names.add(cell.strip());
        }
        return names;
    }

    /** @return where the bytes are and what they are, as a message says it */
    static String describe(List<CsvDecoder.Malformation> bad) {
        return bad.stream().limit(3).map(m -> m.escaped() + " at byte offset " + m.offset() + " (line " + m.line()
                + ")").collect(Collectors.joining(", ")) + (bad.size() > 3 ? " and " + (bad.size() - 3) + " more" : "");
    }

    /** @return the names as a message shows them: quoted, invisible characters escaped, a long list cut */
    static String shown(List<String> names) {
        return names.stream().limit(SHOWN_NAMES).map(TextValues::show).collect(Collectors.joining(", ", "[",
                names.size() > SHOWN_NAMES ? ", \u2026 (" + names.size() + " columns)]" : "]"));
    }

    private CsvLayout layoutOf(List<String> header, Schema schema) {
        List<String> columnNames = new ArrayList<>(header.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String n = header.get(i);
            columnNames.add(seen.add(n) ? n : n + " (column " + (i + 1) + ")");
        }
        int[] columns = new int[schema.size()];
        List<String> missing = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        for (int f = 0; f < schema.size(); f++) {
            String fieldName = schema.fields().get(f).name();
            columns[f] = header.indexOf(fieldName);
            if (columns[f] < 0) {
                missing.add(fieldName);
            } else if (header.lastIndexOf(fieldName) != columns[f]) {
                twice.add(fieldName);
            }
        }
        if (!missing.isEmpty() || !twice.isEmpty()) {
            StringBuilder sb = new StringBuilder(where()).append("the header ");
            if (!missing.isEmpty()) {
                sb.append("lacks the schema field").append(missing.size() == 1 ? " " : "s ").append(shown(missing));
            }
            if (!twice.isEmpty()) {
                sb.append(missing.isEmpty() ? "" : " and ").append("names more than once ").append(shown(twice));
            }
            sb.append("; the header found is ").append(shown(header)).append(" (delimiter '")
                    .append(format.delimiter()).append("', names are case-sensitive, invisible characters are shown "
                            + "as \\u escapes). Fix the header or the schema, or use header(false) if the file has no "
                            + "header line");
            throw new PortException(sb.toString());
        }
        return new CsvLayout(header, columnNames, columns);
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
