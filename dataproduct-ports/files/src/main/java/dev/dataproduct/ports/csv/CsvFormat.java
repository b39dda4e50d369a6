package dev.dataproduct.ports.csv;

import java.nio.charset.Charset;

/**
 * The options of a {@link CsvInput}.
 *
 * @param delimiter the character between cells
 * @param header whether the first line names the columns
 * @param nullValue the cell text that means null, besides the empty cell
 * @param batchSize the most rows per batch
 * @param charset the encoding of the file
 * @param maxLinesPerRecord the most physical lines one record may span (through quoted line breaks)
 * @param maxRecordChars the most characters one record may hold, over all its cells
 * @param truncateTimeDigits whether digits finer than a time's precision are cut rather than rejected
 */
record CsvFormat(char delimiter, boolean header, String nullValue, int batchSize, Charset charset,
                 int maxLinesPerRecord, int maxRecordChars, boolean truncateTimeDigits) {
    /** Lines a quoted cell may span by default: generous for notes and addresses, early for a stray quote. */
    static final int DEFAULT_MAX_LINES_PER_RECORD = 100;
    /** Characters a record may hold by default (16 Mi, FastCSV's own bound on a cell). */
    static final int DEFAULT_MAX_RECORD_CHARS = 1 << 24;

    CsvFormat {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("a CSV delimiter cannot be a quote or a line break");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        if (maxLinesPerRecord < 1) {
            throw new IllegalArgumentException("maxLinesPerRecord must be at least 1, not " + maxLinesPerRecord);
        }
        if (maxRecordChars < 16) {
            throw new IllegalArgumentException("maxRecordChars must be at least 16, not " + maxRecordChars);
        }
    }

    /** @return comma-separated, header line, empty cell is null, UTF-8, default batch size and limits */
    static CsvFormat defaults(int batchSize, Charset charset) {
        return new CsvFormat(',', true, "", batchSize, charset, DEFAULT_MAX_LINES_PER_RECORD,
                DEFAULT_MAX_RECORD_CHARS, false);
    }

    CsvFormat withDelimiter(char value) {
        return new CsvFormat(value, header, nullValue, batchSize, charset, maxLinesPerRecord,
                maxRecordChars, truncateTimeDigits);
    }

    CsvFormat withHeader(boolean value) {
        return new CsvFormat(delimiter, value, nullValue, batchSize, charset, maxLinesPerRecord,
                maxRecordChars, truncateTimeDigits);
    }

    CsvFormat withNullValue(String value) {
        return new CsvFormat(delimiter, header, value, batchSize, charset, maxLinesPerRecord,
                maxRecordChars, truncateTimeDigits);
    }

    CsvFormat withBatchSize(int value) {
        return new CsvFormat(delimiter, header, nullValue, value, charset, maxLinesPerRecord,
                maxRecordChars, truncateTimeDigits);
    }

    CsvFormat withCharset(Charset value) {
        return new CsvFormat(delimiter, header, nullValue, batchSize, value, maxLinesPerRecord,
                maxRecordChars, truncateTimeDigits);
    }

    CsvFormat withMaxLinesPerRecord(int value) {
        return new CsvFormat(delimiter, header, nullValue, batchSize, charset, value,
                maxRecordChars, truncateTimeDigits);
    }

    CsvFormat withMaxRecordChars(int value) {
        return new CsvFormat(delimiter, header, nullValue, batchSize, charset, maxLinesPerRecord,
                value, truncateTimeDigits);
    }

    CsvFormat withTruncateTimeDigits(boolean value) {
        return new CsvFormat(delimiter, header, nullValue, batchSize, charset, maxLinesPerRecord, maxRecordChars,
                value);
    }

    @Override
    public String toString() {
        return "delimiter '" + delimiter + "', " + (header ? "header" : "no header") + ", null '" + nullValue
                + "', batch " + batchSize + ", " + charset + ", at most " + maxLinesPerRecord + " lines and "
                + maxRecordChars + " characters a record" + (truncateTimeDigits ? ", time digits truncated" : "");
    }
}
