package dev.dataproduct.ports.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.TextValues;
import dev.dataproduct.core.io.IpcFraming;
import dev.dataproduct.core.io.JsonValues;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/** Rows to record values and back, in the declared {@link ValueFormat}. */
final class RowCodec {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private final ValueFormat format;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    /** One generator for every row a codec writes: made once, since making one costs more than a row. */
    private JsonGenerator generator;
    private final Map<String, SerializedString> names = new java.util.HashMap<>();

    RowCodec(ValueFormat format) {
        this.format = format;
    }

    /** @return the value of one row of a batch */
    byte[] encode(VectorSchemaRoot batch, int row) {
        buffer.reset();
        try {
            if (format == ValueFormat.JSON) {
                if (generator == null) {
                    generator = JSON.createGenerator(buffer);
                    generator.setRootValueSeparator(null);
                }
                JsonGenerator g = generator;
                g.writeStartObject();
                for (FieldVector v : batch.getFieldVectors()) {
                    g.writeFieldName(names.computeIfAbsent(v.getName(), SerializedString::new));
                    if (v instanceof VarCharVector text && !text.isNull(row)) {
                        // text is UTF-8 in the vector already: escaped as it is, not decoded and encoded again
                        byte[] utf8 = text.get(row);
                        g.writeUTF8String(utf8, 0, utf8.length);
                    } else {
                        JsonValues.write(g, VectorValues.get(v, row));
                    }
                }
                g.writeEndObject();
                g.flush();
            } else {
                try (VectorSchemaRoot one = batch.slice(row, 1);
                     ArrowStreamWriter w = new ArrowStreamWriter(one, null, Channels.newChannel(buffer))) {
                    w.start();
                    w.writeBatch();
                    w.end();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /** A row read from a value: its values by column, or why a column could not be read. */
    record Decoded(Map<String, Object> values, Map<String, String> text, List<Problem> problems) {
    }

    /** A column (or, with an empty field, the whole value) that could not be read. */
    record Problem(Field field, String message) {
    }

    /** Reads a value into the columns of the schema; columns the value lacks are null, others are ignored. */
    Decoded decode(byte[] value, Schema schema, BufferAllocator allocator) {
        Map<String, Object> raw = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        Map<String, String> text = new LinkedHashMap<>();
        try {
            if (format == ValueFormat.JSON) {
                readJson(value, schema, raw, text, problems);
            } else {
                readArrow(value, schema, allocator, raw, text);
            }
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(null, "the value is not " + (format == ValueFormat.JSON ? "a JSON object"
                    : "an Arrow IPC stream of one row") + ": " + e.getMessage()));
            return new Decoded(raw, text, problems);
        }
        // only the columns the value has: a column it lacks is left out, so a reader can tell it from a null
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : schema.fields()) {
            if (!raw.containsKey(f.name())) {
                continue;
            }
            Object v = raw.get(f.name());
            if (v instanceof String s && format == ValueFormat.JSON && !(f.type() == LogicalType.STRING)) {
                try {
                    v = TextValues.parse(f.type(), s);
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(f, f.classification().isSensitive()
                            ? "the value (withheld: the field is " + f.classification().label() + ") does not fit "
                            + f.type().typeName() : e.getMessage()));
                    continue;
                }
            }
            values.put(f.name(), v);
        }
        return new Decoded(values, text, problems);
    }

    private static void readJson(byte[] value, Schema schema, Map<String, Object> raw, Map<String, String> text,
                                 List<Problem> problems) throws IOException {
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("it does not start with '{'");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    schema.field(name).ifPresent(f -> problems.add(new Problem(f, "a nested JSON value is not read "
                            + "into " + f.type().typeName())));
                    continue;
                }
                String s = t == JsonToken.VALUE_NULL ? null : p.getText();
                if (s != null) {
                    text.put(name, s);
                }
                if (schema.field(name).isPresent()) {
                    raw.put(name, s);
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new IOException("it is not one JSON object");
            }
        }
    }

    private static void readArrow(byte[] value, Schema schema, BufferAllocator allocator, Map<String, Object> raw,
                                  Map<String, String> text) throws IOException {
        IpcFraming.checkStream(value);
        try (ArrowStreamReader r = new ArrowStreamReader(new ByteArrayInputStream(value), allocator)) {
            VectorSchemaRoot root = r.getVectorSchemaRoot();
            if (!r.loadNextBatch() || root.getRowCount() != 1) {
                throw new IOException("it holds no batch of one row");
            }
            for (FieldVector v : root.getFieldVectors()) {
                Object o = VectorValues.get(v, 0);
                if (o != null) {
                    text.put(v.getName(), TextValues.format(o));
                }
                if (schema.field(v.getName()).isPresent()) {
                    raw.put(v.getName(), o);
                }
            }
        }
    }
}
