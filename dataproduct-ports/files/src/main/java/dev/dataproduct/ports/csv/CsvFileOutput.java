package dev.dataproduct.ports.csv;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.TextValues;
import dev.dataproduct.ports.files.FileSetOutput;
import dev.dataproduct.ports.jsonl.JsonLinesFileOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A delivery port that writes each committed snapshot, as its audience may read it, as CSV files
 * (RFC 4180, written with FastCSV): one {@code <dataset>.csv} file per dataset the audience may
 * read, with a header line of the columns it sees, together with {@code _snapshot.json} in a new set
 * that replaces the previous one at once (see {@link FileSetOutput}).
 *
 * <pre>{@code
 * OutputPort csv = CsvFileOutput.at(Path.of("out/csv"))
 *     .audience(Principal.of("finance-sheets", "finance"));
 * }</pre>
 *
 * <p>UTF-8 without a byte order mark, comma-separated, lines ending in CRLF. A null is an empty
 * field and an empty string a quoted empty field ({@code ""}), so the two stay apart. Values are
 * written as the text {@link TextValues#format(Object)} gives, which {@link CsvInput} (and
 * {@link TextValues#parse}) reads back as the same value; arrays and structs, which a cell cannot
 * hold otherwise, as their JSON text. Batches are streamed; memory use is bounded by one batch.
 */
public final class CsvFileOutput extends FileSetOutput<CsvFileOutput> {
    /** The default port name. */
    public static final String DEFAULT_NAME = "csv-files";
    /** The extension of the data files. */
    public static final String EXTENSION = ".csv";

    private CsvFileOutput(Settings settings) {
        super(settings);
    }

    /**
     * Creates a port, named {@value #DEFAULT_NAME}, that delivers to a directory for the
     * {@link dev.dataproduct.api.port.OutputPort#ANONYMOUS anonymous} audience until told another
     * with {@link #audience}.
     *
     * @param directory where the sets of files go; created on the first publication
     * @return the port
     */
    public static CsvFileOutput at(Path directory) {
        return new CsvFileOutput(Settings.of(DEFAULT_NAME, directory));
    }

    @Override
    protected CsvFileOutput with(Settings changed) {
        return new CsvFileOutput(changed);
    }

    /** @return {@code csv} */
    @Override
    protected String format() {
        return "csv";
    }

    /** @return {@value #EXTENSION} */
    @Override
    protected String extension() {
        return EXTENSION;
    }

    /**
     * Writes the header and the rows of a dataset.
     *
     * @param dataset the rows the audience may read
     * @param file the new file
     * @param allocator not used: cells are written from the batches read
     * @return the rows written
     * @throws IOException if the file cannot be written
     */
    @Override
    protected long writeFile(Dataset dataset, Path file, BufferAllocator allocator) throws IOException {
        List<Field> fields = dataset.schema().fields();
        String[] cells = new String[fields.size()];
        long rows = 0;
        // QuoteStrategies.EMPTY quotes an empty string and leaves a null an empty field
        try (CsvWriter csv = CsvWriter.builder().quoteStrategy(QuoteStrategies.EMPTY)
                .lineDelimiter(LineDelimiter.CRLF).build(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
             BatchCursor cursor = dataset.open()) {
            for (int c = 0; c < cells.length; c++) {
                cells[c] = fields.get(c).name();
            }
            csv.writeRecord(cells);
            while (cursor.next()) {
                VectorSchemaRoot batch = cursor.batch();
                List<FieldVector> vectors = batch.getFieldVectors();
                for (int row = 0; row < batch.getRowCount(); row++) {
                    for (int c = 0; c < cells.length; c++) {
                        cells[c] = cell(VectorValues.get(vectors.get(c), row));
                    }
                    csv.writeRecord(cells);
                    rows++;
                }
            }
        }
        return rows;
    }

    private static String cell(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            return JsonLinesFileOutput.toJson(value);
        }
        return TextValues.format(value);
    }
}
