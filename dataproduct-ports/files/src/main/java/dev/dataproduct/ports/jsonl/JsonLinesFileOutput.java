package dev.dataproduct.ports.jsonl;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.core.io.JsonValues;
import dev.dataproduct.ports.files.FileSetOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A delivery port that writes each committed snapshot, as its audience may read it, as
 * <a href="https://jsonlines.org/">JSON Lines</a> files: one {@code <dataset>.jsonl} file per
 * dataset the audience may read, one JSON object per row (UTF-8, {@code \n} after every line),
 * together with {@code _snapshot.json} in a new set that replaces the previous one at once (see
 * {@link FileSetOutput}).
 *
 * <pre>{@code
 * OutputPort lines = JsonLinesFileOutput.at(Path.of("out/jsonl"))
 *     .audience(Principal.of("support-files", "support"));
 * }</pre>
 *
 * <p>Every column the audience sees is a member of each object, in the dataset's order, a null as
 * {@code null}: integers and decimals as JSON numbers (decimals exactly, at their scale), floats as
 * numbers except NaN and the infinities, which JSON has no number for and which are written as the
 * strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}; booleans as booleans; dates,
 * times and timestamps as ISO-8601 strings ({@code 2026-03-01}, {@code 10:15:30},
 * {@code 2026-03-01T10:15:30}, an instant with {@code Z}); arrays as arrays and structs as objects.
 * Batches are streamed; memory use is bounded by one batch.
 */
public final class JsonLinesFileOutput extends FileSetOutput<JsonLinesFileOutput> {
    /** The default port name. */
    public static final String DEFAULT_NAME = "jsonl-files";
    /** The extension of the data files. */
    public static final String EXTENSION = ".jsonl";
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonLinesFileOutput(Settings settings) {
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
    public static JsonLinesFileOutput at(Path directory) {
        return new JsonLinesFileOutput(Settings.of(DEFAULT_NAME, directory));
    }

    /**
     * The JSON text of one value as this port writes it, for formats that carry nested values as
     * JSON inside a cell.
     *
     * @param value a value in the SDK's value model, or {@code null}
     * @return its JSON text
     */
    public static String toJson(Object value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
            JsonValues.write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    @Override
    protected JsonLinesFileOutput with(Settings changed) {
        return new JsonLinesFileOutput(changed);
    }

    /** @return {@code jsonl} */
    @Override
    protected String format() {
        return "jsonl";
    }

    /** @return {@value #EXTENSION} */
    @Override
    protected String extension() {
        return EXTENSION;
    }

    /**
     * Writes the rows of a dataset, one object per line.
     *
     * @param dataset the rows the audience may read
     * @param file the new file
     * @param allocator not used: values are written from the batches read
     * @return the rows written
     * @throws IOException if the file cannot be written
     */
    @Override
    protected long writeFile(Dataset dataset, Path file, BufferAllocator allocator) throws IOException {
        long rows = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), 1 << 16);
             JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8);
             BatchCursor cursor = dataset.open()) {
            // one line per row: the generator's default separator between root values is a space
            g.setRootValueSeparator(new SerializedString("\n"));
            while (cursor.next()) {
                VectorSchemaRoot batch = cursor.batch();
                List<FieldVector> vectors = batch.getFieldVectors();
                for (int row = 0; row < batch.getRowCount(); row++) {
                    g.writeStartObject();
                    for (FieldVector v : vectors) {
                        g.writeFieldName(v.getName());
                        JsonValues.write(g, VectorValues.get(v, row));
                    }
                    g.writeEndObject();
                    rows++;
                }
            }
            if (rows > 0) {
                g.writeRaw('\n');
            }
        }
        return rows;
    }
}
