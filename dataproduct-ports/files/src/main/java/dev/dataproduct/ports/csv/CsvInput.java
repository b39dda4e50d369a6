package dev.dataproduct.ports.csv;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.TextValues;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An input port that reads a CSV file into typed Arrow batches following a declared schema.
 * Instances are immutable; each option method returns a changed copy.
 *
 * <pre>{@code
 * Schema schema = Schema.of(
 *     Field.of("order_id", LogicalType.STRING, true),
 *     Field.of("quantity", LogicalType.INT32, true),
 *     Field.of("ordered_at", LogicalType.TIMESTAMP_TZ, false));
 * InputPort orders = CsvInput.of("orders", Path.of("orders.csv"), schema)
 *     .delimiter(';')
 *     .nullValue("NA");
 * }</pre>
 *
 * <p><b>Columns.</b> With a header line (the default), columns are matched to schema fields by
 * exact, case-sensitive name (surrounding spaces of header names are ignored); columns the schema
 * does not name are ignored, and a schema field missing from the header fails
 * {@link #open(InputContext)}. Without a header, the columns are the schema's fields in order.
 *
 * <p><b>Cells.</b> Each cell is read by its field's logical type with
 * {@link TextValues#parse(dev.dataproduct.api.schema.LogicalType, String)}, exactly as written:
 * ISO-8601 dates, times and timestamps ({@code 2024-05-01 10:00:00} is accepted for
 * {@code 2024-05-01T10:00:00}), {@code true/false/1/0} for booleans, plain decimal numbers with
 * ASCII digits. A value the type cannot hold as written is a bad cell, never rounded or cut: a
 * number out of range or so small a float would read it as zero, a decimal with more non-zero
 * digits than its scale, a time with digits finer than its precision, a leap second. The largest
 * float32, {@code 3.4028235E38}, is read as {@link Float#MAX_VALUE}. The one loss the port offers is
 * explicit: {@link #truncateTimeDigits(boolean)}. An empty cell, or a cell equal
 * to the {@linkplain #nullValue(String) null value}, is {@code null}; so is a cell of only spaces
 * in a field that is not a string. Whether a field may be null is for the contract gate to decide,
 * not for this port.
 *
 * <p><b>Encoding.</b> The file is decoded with the {@linkplain #charset(Charset) declared charset},
 * UTF-8 by default, strictly: a byte order mark of that charset is skipped, one of another charset
 * refuses the file, and bytes that are not valid in the charset make their row a bad row (rule
 * {@code encoding}, with line and byte offset), whose cells keep those bytes as {@code \xHH}
 * escapes. No byte is turned into a replacement character and published.
 *
 * <p><b>Records.</b> RFC 4180: a cell in double quotes may hold delimiters, doubled quotes and
 * line breaks (LF, CR LF and CR all end a line, and lines are counted the same way). A quoted cell
 * may span at most {@linkplain #maxLinesPerRecord(int) 100 lines}, and a record may hold at most
 * {@linkplain #maxRecordChars(int) 16 Mi characters}. A quote still open at the end of the file,
 * a record over either limit, or text after a closing quote refuses the file with a
 * {@link dev.dataproduct.api.error.PortException} naming the line and column where the record or
 * its quote starts: past a stray quote, the lines of the file can no longer be told apart, so
 * reading on would merge rows. Within the limits, a stray quote that a later quote closes cannot
 * be told from a real multi-line cell; {@code maxLinesPerRecord(1)} forbids line breaks in cells
 * for files that have none.
 *
 * <p><b>Bad rows.</b> A row with a cell that cannot be read as its type, with bytes that are not
 * valid in the charset, or with a number of cells different from the header's (or, without header,
 * the schema's; a line of thousands of cells included) is not put in any batch: it is sent to
 * {@link InputContext#rejects()} with origin {@code <file name>:<line>} (1-based physical line of
 * the file where the row starts; the header is line 1), one violation per bad cell (rule
 * {@code parse}) or one for the row (rule {@code columns} or {@code encoding}), and the original
 * text of every cell by column name. Messages show values short and escaped (see
 * {@link TextValues#show(String)}), and never the value of a confidential or restricted field.
 * Each bad row is reported once per {@link #open(InputContext)}, however many times the dataset
 * is read.
 *
 * <p>Each {@link Dataset#open()} reads the file again from the start. An empty line holds no row,
 * except in a file of one column, where it is how an empty cell is written. The port never holds
 * more than one batch of rows in memory.
 */
public final class CsvInput implements InputPort {
    /** The default number of rows per batch. */
    public static final int DEFAULT_BATCH_SIZE = 8192;

    private final String name;
    private final Path file;
    private final Schema schema;
    private final CsvFormat format;

    private CsvInput(String name, Path file, Schema schema, CsvFormat format) {
        this.name = Objects.requireNonNull(name, "name");
        this.file = Objects.requireNonNull(file, "file");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.format = format;
        if (name.isBlank()) {
            throw new IllegalArgumentException("an input port name must not be blank");
        }
    }

    /**
     * Creates a port over a CSV file with a header line, comma-separated, UTF-8, where an empty
     * cell is null, read in batches of {@value #DEFAULT_BATCH_SIZE} rows.
     *
     * @param name the port name, which is also the name transforms read the input by
     * @param file the CSV file
     * @param schema the fields to read and their types; arrays and structs are not possible in CSV
     * @return the port
     * @throws IllegalArgumentException if the name is blank
     */
    public static CsvInput of(String name, Path file, Schema schema) {
        return new CsvInput(name, file, schema,
                CsvFormat.defaults(DEFAULT_BATCH_SIZE, StandardCharsets.UTF_8));
    }

    /**
     * @param delimiter the character between cells, such as {@code ';'} or {@code '\t'}
     * @return a copy of this port with another delimiter
     * @throws IllegalArgumentException if the delimiter is a quote or a line break
     */
    public CsvInput delimiter(char delimiter) {
        return new CsvInput(name, file, schema, format.withDelimiter(delimiter));
    }

    /**
     * @param present {@code true} if the first line names the columns (the default),
     *     {@code false} if the columns are the schema's fields in order
     * @return a copy of this port
     */
    public CsvInput header(boolean present) {
        return new CsvInput(name, file, schema, format.withHeader(present));
    }

    /**
     * @param text the cell text that means {@code null}, such as {@code NA} or {@code \N}; an empty
     *     cell always means {@code null}
     * @return a copy of this port
     */
    public CsvInput nullValue(String text) {
        return new CsvInput(name, file, schema, format.withNullValue(Objects.requireNonNull(text, "nullValue")));
    }

    /**
     * @param rows the most rows per batch
     * @return a copy of this port
     * @throws IllegalArgumentException if {@code rows} is less than 1
     */
    public CsvInput batchSize(int rows) {
        return new CsvInput(name, file, schema, format.withBatchSize(rows));
    }

    /**
     * @param charset the encoding of the file; UTF-8 by default. A byte order mark of this charset
     *     is skipped (for {@code UTF-16} or {@code UTF-32}, either byte order's mark); a file that
     *     starts with another charset's mark is refused
     * @return a copy of this port
     */
    public CsvInput charset(Charset charset) {
        return new CsvInput(name, file, schema, format.withCharset(Objects.requireNonNull(charset, "charset")));
    }

    /**
     * Sets how many physical lines one record may span. Only a quoted cell can hold a line break, so
     * a record spans several lines only through one; a quote that opens by mistake swallows the
     * lines after it, and this limit stops the read at the line where that quote opened instead of
     * merging those lines into one row.
     *
     * @param lines the most lines a record may span; {@value CsvFormat#DEFAULT_MAX_LINES_PER_RECORD}
     *     by default, {@code 1} to forbid line breaks in cells
     * @return a copy of this port
     * @throws IllegalArgumentException if {@code lines} is less than 1
     */
    public CsvInput maxLinesPerRecord(int lines) {
        return new CsvInput(name, file, schema, format.withMaxLinesPerRecord(lines));
    }

    /**
     * Sets how many characters one record may hold over all its cells, which bounds the memory a
     * single row (or a stray quote) can take.
     *
     * @param chars the most characters a record may hold; {@value CsvFormat#DEFAULT_MAX_RECORD_CHARS}
     *     by default
     * @return a copy of this port
     * @throws IllegalArgumentException if {@code chars} is less than 16
     */
    public CsvInput maxRecordChars(int chars) {
        return new CsvInput(name, file, schema, format.withMaxRecordChars(chars));
    }

    /**
     * Chooses a loss: digits of times and timestamps finer than their field's precision are cut
     * (towards the past) instead of rejecting the row, as for the seven fractional digits .NET
     * writes, read into microseconds. Off by default, where such a cell is a bad cell.
     *
     * @param truncate {@code true} to cut the digits, {@code false} to reject the row
     * @return a copy of this port
     */
    public CsvInput truncateTimeDigits(boolean truncate) {
        return new CsvInput(name, file, schema, format.withTruncateTimeDigits(truncate));
    }

    /** @return the file this port reads */
    public Path file() {
        return file;
    }

    /** @return the schema of the batches this port yields */
    public Schema schema() {
        return schema;
    }

    /** @return kind {@code file}, format {@code csv}, location the path of the file */
    @Override
    public PortDescriptor descriptor() {
        return new PortDescriptor(name, "file", "csv", file.toString());
    }

    /**
     * Checks the schema and the file's header and returns a dataset over the file.
     *
     * @param context the run's allocator (for batches) and reject sink (for bad rows)
     * @return a dataset named like the port, with the port's schema
     * @throws PortException if the schema has array or struct fields, if the file is missing or
     *     unreadable, or if the header lacks a field of the schema or names one twice
     */
    @Override
    public Dataset open(InputContext context) {
        Objects.requireNonNull(context, "context");
        List<String> notText = new ArrayList<>();
        for (Field f : schema.fields()) {
            if (!TextValues.isTextReadable(f.type())) {
                notText.add(f.name() + " " + f.type().typeName());
            }
        }
        if (!notText.isEmpty()) {
            throw new PortException("input port '" + name + "': CSV cannot hold array or struct fields, but the schema "
                    + "has " + notText + "; read them as strings and convert them in the transform, or use another "
                    + "format such as Arrow or JSON Lines");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new PortException("input port '" + name + "': cannot read CSV file '" + file + "'"
                    + (Files.exists(file) ? " (it is not a readable regular file)" : " (it does not exist)")
                    + "; check the path and its permissions, or write the file before the run");
        }
        CsvSource source = new CsvSource(name, file, format);
        CsvLayout layout = source.readLayout(schema);
        return new CsvDataset(source, schema, layout, context.allocator(), context.rejects());
    }

    @Override
    public String toString() {
        return "CsvInput[" + name + ", " + file + ", " + format + "]";
    }
}
