package dev.dataproduct.ports.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.schema.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** One CSV file of one port: opens FastCSV readers over it and reads its header. */
final class CsvSource {
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

    /**
     * @return a reader at the start of the file; field count checks are off because rows with the
     *     wrong number of cells are rejected by the port, not refused by the parser
     */
    CsvReader<CsvRecord> openReader() {
        try {
            return CsvReader.builder()
                    .fieldSeparator(format.delimiter())
                    .skipEmptyLines(true)
                    .detectBomHeader(true)
                    .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                    .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                    .ofCsvRecord(file, format.charset());
        } catch (IOException | UncheckedIOException e) {
            throw new PortException("input port '" + portName + "': cannot open CSV file '" + file + "' (" + e
                    + "); check the path and its permissions", e);
        }
    }

    /**
     * Reads the next record, turning parser and I/O failures into port failures.
     *
     * @return the next record, or {@code null} at the end of the file
     */
    CsvRecord next(Iterator<CsvRecord> records) {
        try {
            return records.hasNext() ? records.next() : null;
        } catch (CsvParseException | UncheckedIOException e) {
            throw new PortException("input port '" + portName + "': cannot read CSV file '" + file + "' ("
                    + e.getMessage() + "); check that the file is CSV in " + format.charset() + " with delimiter '"
                    + format.delimiter() + "'", e);
        }
    }

    /**
     * Works out where each schema field is in a row, reading the header if the file has one.
     *
     * @throws PortException if the header lacks a schema field or names one twice
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
        try (CsvReader<CsvRecord> reader = openReader()) {
            CsvRecord first = next(reader.iterator());
            if (first == null) {
                throw new PortException("input port '" + portName + "': CSV file '" + file + "' is empty, but a header "
                        + "line naming the columns " + schema.fieldNames() + " was expected; write the header, or "
                        + "use header(false) for a file without one");
            }
            header = headerOf(first);
        } catch (IOException e) {
            throw new PortException("input port '" + portName + "': cannot close CSV file '" + file + "'", e);
        }
        return layoutOf(header, schema);
    }

    /** @return the column names of a header record, without surrounding spaces */
    static List<String> headerOf(CsvRecord record) {
        List<String> names = new ArrayList<>(record.getFieldCount());
        for (String cell : record.getFields()) {
            names.add(cell.strip());
        }
        return names;
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
            StringBuilder sb = new StringBuilder("input port '" + portName + "': the header of CSV file '" + file + "' ");
            if (!missing.isEmpty()) {
                sb.append("lacks the schema field").append(missing.size() == 1 ? " " : "s ").append(missing);
            }
            if (!twice.isEmpty()) {
                sb.append(missing.isEmpty() ? "" : " and ").append("names more than once ").append(twice);
            }
            sb.append("; the header found is ").append(header).append(" (delimiter '").append(format.delimiter())
                    .append("', names are case-sensitive). Fix the header or the schema, or use header(false) if the "
                            + "file has no header line");
            throw new PortException(sb.toString());
        }
        return new CsvLayout(header, columnNames, columns);
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
