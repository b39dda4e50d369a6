package dev.dataproduct.ports.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the cells of one record from FastCSV and enforces the port's record limits as the
 * cells arrive: the lines a record spans and the characters it holds. Unlike FastCSV's own record
 * handler it has no limit on the number of cells, so a line with far too many cells is a row to
 * reject, not a file to refuse; {@code maxRecordChars} bounds it instead.
 */
final class CsvRowHandler extends AbstractBaseCsvCallbackHandler<CsvRow> {
    /** A record over a limit: the file cannot be read on from here. */
    static final class LimitExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** {@code true} for too many lines, {@code false} for too many characters. */
        final boolean lines;
        /** The 0-based cell that went over the limit. */
        final int column;
        /** The line where that cell starts. */
        final long cellLine;

        LimitExceeded(boolean lines, int column, long cellLine) {
            super(null, null, false, false);
            this.lines = lines;
            this.column = column;
            this.cellLine = cellLine;
        }
    }

    private final int maxLines;
    private final int maxChars;
    private List<String> cells = new ArrayList<>();
    private long start;
    private long lineBreaks;
    private long chars;

    CsvRowHandler(int maxLines, int maxChars) {
        this.maxLines = maxLines;
        this.maxChars = maxChars;
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        start = startingLineNumber;
        // a new list per record: the last one went out in a row
        cells = new ArrayList<>(Math.max(8, cells.size()));
        lineBreaks = 0;
        chars = 0;
    }

    @Override
    protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
        long cellLine = cellLine();
        if (quoted) {
            lineBreaks += lineBreaks(buf, offset, len);
            if (lineBreaks + 1 > maxLines) {
                throw new LimitExceeded(true, fieldIdx, cellLine);
            }
        }
        chars += len + 1L;
        if (chars > maxChars) {
            throw new LimitExceeded(false, fieldIdx, cellLine);
        }
        cells.add(new String(buf, offset, len));
    }

    private static int lineBreaks(char[] buf, int offset, int len) {
        int breaks = 0;
        for (int i = offset; i < offset + len; i++) {
            if (buf[i] == '\n' || buf[i] == '\r' && (i + 1 == offset + len || buf[i + 1] != '\n')) {
                breaks++;
            }
        }
        return breaks;
    }

    /** @return the line where the next cell of the current record starts (after the cells so far) */
    long cellLine() {
        return start + lineBreaks;
    }

    /** @return the 0-based index of the next cell of the current record */
    int cellIndex() {
        return cells.size();
    }

    /** @return the line where the current record starts */
    long recordLine() {
        return start;
    }

    @Override
    protected CsvRow buildRecord() {
        return new CsvRow(start, start + lineBreaks, cells, getRecordType() == RecordType.EMPTY);
    }
}
