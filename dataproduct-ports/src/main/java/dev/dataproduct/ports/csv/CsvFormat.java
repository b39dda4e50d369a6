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
 */
record CsvFormat(char delimiter, boolean header, String nullValue, int batchSize, Charset charset) {
    CsvFormat {
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("a CSV delimiter cannot be a quote or a line break");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
    }

    CsvFormat withDelimiter(char value) {
        return new CsvFormat(value, header, nullValue, batchSize, charset);
    }

    CsvFormat withHeader(boolean value) {
        return new CsvFormat(delimiter, value, nullValue, batchSize, charset);
    }

    CsvFormat withNullValue(String value) {
        return new CsvFormat(delimiter, header, value, batchSize, charset);
    }

    CsvFormat withBatchSize(int value) {
        return new CsvFormat(delimiter, header, nullValue, value, charset);
    }

    CsvFormat withCharset(Charset value) {
        return new CsvFormat(delimiter, header, nullValue, batchSize, value);
    }

    @Override
    public String toString() {
        return "delimiter '" + delimiter + "', " + (header ? "header" : "no header") + ", null '" + nullValue
                + "', batch " + batchSize + ", " + charset;
    }
}
