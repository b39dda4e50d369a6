package dev.dataproduct.ports.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.schema.TextValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One pass over the records of a CSV file: strict decoding, FastCSV parsing and the port's
 * record limits, with every way the file can fail to parse turned into a {@link PortException}
 * that names the file, the line and the column where the trouble starts.
 */
final class CsvRecords implements AutoCloseable {
    private final CsvSource source;
    private final CsvDecoder decoder;
    private final CsvRowHandler handler;
    private final CsvReader<CsvRow> reader;
    private final Iterator<CsvRow> rows;
    private IntFunction<String> columnNames = column -> null;

    CsvRecords(CsvSource source, CsvDecoder decoder) {
        this.source = source;
        this.decoder = decoder;
        CsvFormat format = source.format();
        this.handler = new CsvRowHandler(format.maxLinesPerRecord(), format.maxRecordChars());
        this.reader = CsvReader.builder()
                .fieldSeparator(format.delimiter())
                .skipEmptyLines(false)
                .allowUnclosedQuote(false)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .maxBufferSize(format.maxRecordChars())
                .build(handler, decoder);
        this.rows = reader.iterator();
    }

    /** @param names the name of a column by 0-based index, or {@code null} if it has none, for messages */
    void columnNames(IntFunction<String> names) {
        this.columnNames = names;
    }

    /**
     * @return the next record, or {@code null} at the end of the file
     * @throws PortException if the file cannot be parsed on from here, naming where
     */
    CsvRow next() {
        try {
            try {
                return rows.hasNext() ? rows.next() : null;
            } catch (CsvParseException e) {
                // FastCSV wraps what the handler throws
                if (e.getCause() instanceof CsvRowHandler.LimitExceeded limit) {
                    throw limit;
                }
                throw e;
            }
        } catch (CsvRowHandler.LimitExceeded e) {
            throw new PortException(source.where() + (e.lines
                    ? "the quoted cell in " + column(e.column) + " opens at line " + e.cellLine + " and spans more "
                            + "than maxLinesPerRecord (" + source.format().maxLinesPerRecord() + ") lines. A quote "
                            + "opened by mistake swallows the lines after it: check that quote, or raise "
                            + "maxLinesPerRecord if cells of this file really span that many lines"
                    : "the record starting at line " + handler.recordLine() + " holds more than maxRecordChars ("
                            + source.format().maxRecordChars() + ") characters by " + column(e.column) + " (which "
                            + "starts at line " + e.cellLine + "). A quote opened by mistake swallows the lines "
                            + "after it: check the quotes of that record, or raise maxRecordChars"));
        } catch (CsvParseException e) {
            throw new PortException(source.where() + parseProblem(e) + "; check that the file is CSV in "
                    + source.format().charset() + " with delimiter '" + source.format().delimiter() + "'", e);
        } catch (UncheckedIOException e) {
            throw new PortException(source.where() + "cannot read on after line " + handler.recordLine() + " ("
                    + e.getCause() + ")", e);
        }
    }

    private String parseProblem(CsvParseException e) {
        String why = String.valueOf(e.getMessage());
        String cell = column(handler.cellIndex()) + ", which starts at line " + handler.cellLine();
        if (why.startsWith("Unclosed quoted field")) {
            return "the quote that opens the cell in " + cell + " is never closed: the rest of the file would be "
                    + "one cell. Close the quote, or double the quotes inside the cell (\"\")";
        }
        if (why.startsWith("The maximum buffer size")) {
            return "the cell in " + cell + " holds more than maxRecordChars (" + source.format().maxRecordChars()
                    + ") characters; a quote opened there and never closed swallows the rest of the file. Check that"
                    + " quote, or raise maxRecordChars";
        }
        return "the record starting at line " + handler.recordLine() + " cannot be parsed at " + cell + " (" + why
                + ")";
    }

    private String column(int index) {
        String name = columnNames.apply(index);
        return name == null ? "column " + (index + 1) : "column " + TextValues.show(name);
    }

    /**
     * @param row a record this pass returned
     * @return the bytes on the record's lines that are not valid in the charset
     */
    List<CsvDecoder.Malformation> malformations(CsvRow row) {
        return decoder.takeUpTo(row.lastLine());
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new PortException(source.where() + "cannot close the file (" + e + ")", e);
        }
    }
}
