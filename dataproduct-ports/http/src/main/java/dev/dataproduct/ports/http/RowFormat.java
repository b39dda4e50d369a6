package dev.dataproduct.ports.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.core.io.IpcBatches;
import dev.dataproduct.core.io.JsonValues;
import dev.dataproduct.core.read.ReadResult;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The row formats the REST port writes, each streaming one batch at a time so that a response holds
 * no more than one batch in memory whatever the page size.
 */
enum RowFormat {
    /** A JSON array of objects; dates, times and instants as ISO-8601 text, binary as base64. */
    JSON("application/json"),
    /**
     * RFC 4180 CSV with a header line; a null is an empty field and an empty string a quoted empty
     * field ({@code ""}), so the two stay apart.
     */
    CSV("text/csv"),
    /** The Arrow IPC streaming format. */
    ARROW("application/vnd.apache.arrow.stream");

    /** Shortest round-tripping doubles (Schubfach), several times faster than {@link Double#toString}. */
    private static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    final String mediaType;

    RowFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** One response being written. */
    interface Writer extends AutoCloseable {
        void write(VectorSchemaRoot batch) throws IOException;

        /**
         * Writes the whole answer from the batches as stored, where the format and the read allow it
         * (see {@link ReadResult#storedBatches()}); otherwise writes nothing.
         *
         * @return whether it did: if not, the rows are to be written batch by batch
         */
        default boolean writeStored(ReadResult result) throws IOException {
            return false;
        }

        /** Ends the document; not called when the response is abandoned. */
        void finish() throws IOException;

        @Override
        void close();
    }

    Writer open(Schema schema, OutputStream out, BufferAllocator allocator) throws IOException {
        return switch (this) {
            case JSON -> new JsonRows(out);
            case CSV -> new CsvRows(schema, out);
            case ARROW -> new ArrowRows(schema, out, allocator);
        };
    }

    /** A generator of one value, for the types {@link JsonRows} does not write itself. */
    static JsonGenerator generator(OutputStream out) throws IOException {
        return FACTORY.createGenerator(out, JsonEncoding.UTF8);
    }

    static void value(JsonGenerator g, Object v) throws IOException {
        // doubles take the short path of few decimals; every other value is written as every JSON port writes it
        if (v instanceof Double d) {
            writeDouble(g, d, new char[DIGITS]);
        } else if (v instanceof Float f) {
            writeDouble(g, f.doubleValue(), new char[DIGITS]);
        } else {
            JsonValues.write(g, v);
        }
    }

    private static void writeDouble(JsonGenerator g, double d, char[] digits) throws IOException {
        // JSON has no NaN or infinity: they travel as text, as PostgREST and Jackson's own option do
        if (Double.isFinite(d)) {
            int length = fewDecimals(d, digits);
            if (length > 0) {
                g.writeNumber(digits, 0, length);
            } else {
                g.writeNumber(d);
            }
        } else {
            g.writeString(Double.toString(d));
        }
    }

    /** Room for the longest {@link #fewDecimals} text. */
    private static final int DIGITS = Digits.MAX;

    /**
     * The text of {@link Digits#fewDecimals} as characters, for the JSON generator.
     *
     * @return the number of characters written, or -1 if the value needs the general algorithm
     */
    static int fewDecimals(double d, char[] out) {
        byte[] bytes = new byte[Digits.MAX];
        int n = Digits.fewDecimals(d, bytes, 0);
        for (int i = 0; i < n; i++) {
            out[i] = (char) bytes[i];
        }
        return n;
    }

    private static final class CsvRows implements Writer {
        private final java.io.Writer out;

        CsvRows(Schema schema, OutputStream stream) throws IOException {
            out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8), 8192);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < schema.getFields().size(); i++) {
                if (i > 0) {
                    line.append(',');
                }
                field(line, schema.getFields().get(i).getName());
            }
            out.write(line.append("\r\n").toString());
        }

        @Override
        public void write(VectorSchemaRoot batch) throws IOException {
            List<FieldVector> vectors = batch.getFieldVectors();
            StringBuilder line = new StringBuilder();
            for (int row = 0; row < batch.getRowCount(); row++) {
                line.setLength(0);
                for (int c = 0; c < vectors.size(); c++) {
                    if (c > 0) {
                        line.append(',');
                    }
                    Object v = VectorValues.get(vectors.get(c), row);
                    if (v != null) {
                        field(line, text(v));
                    }
                }
                out.write(line.append("\r\n").toString());
            }
            out.flush();
        }

        private static String text(Object v) {
            if (v instanceof List<?> || v instanceof Map<?, ?>) {
                java.io.StringWriter w = new java.io.StringWriter();
                try (JsonGenerator g = FACTORY.createGenerator(w)) {
                    value(g, v);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return w.toString();
            }
            if (v instanceof byte[] b) {
                return Base64.getEncoder().encodeToString(b);
            }
            if (v instanceof BigDecimal d) {
                return d.toPlainString();
            }
            return v.toString();
        }

        private static void field(StringBuilder line, String s) {
            if (s.isEmpty() || s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                    || s.indexOf('\r') >= 0) {
                line.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                line.append(s);
            }
        }

        @Override
        public void finish() throws IOException {
            out.flush();
        }

        @Override
        public void close() {
        }
    }

    private static final class ArrowRows implements Writer {
        /** Writes as large as the response's buffer. */
        private static final int CHUNK = 1 << 16;
        private final OutputStream out;
        private final VectorSchemaRoot root;
        private final ArrowStreamWriter writer;
        private final VectorLoader loader;

        ArrowRows(Schema schema, OutputStream out, BufferAllocator allocator) throws IOException {
            this.out = out;
            root = VectorSchemaRoot.create(schema, allocator);
            try {
                writer = new ArrowStreamWriter(root, null, Channels.newChannel(out));
                loader = new VectorLoader(root);
                writer.start();
            } catch (IOException | RuntimeException e) {
                root.close();
                throw e;
            }
        }

        @Override
        public void write(VectorSchemaRoot batch) throws IOException {
            try (ArrowRecordBatch rb = new VectorUnloader(batch).getRecordBatch()) {
                loader.load(rb);
                writer.writeBatch();
            }
        }

        /**
         * A stream's record batch messages are the file's: the stored ones follow the schema message
         * the writer sent, byte for byte, with nothing decoded (as Flight servers send stored batches).
         * Every stored message is 8-byte aligned, so the writer's end-of-stream marker follows as it
         * would its own batches.
         */
        @Override
        public boolean writeStored(ReadResult result) throws IOException {
            Optional<IpcBatches> stored = result.storedBatches();
            if (stored.isEmpty()) {
                return false;
            }
            stored.get().writeTo(out, CHUNK);
            return true;
        }

        @Override
        public void finish() throws IOException {
            writer.end();
        }

        @Override
        public void close() {
            root.close();
        }
    }
}
