package dev.dataproduct.ports.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.testkit.conformance.PortConformance;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

/** Reads the REST port's row formats back into the SDK's value model, as a client would. */
final class Formats {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Formats() {
    }

    static List<Map<String, Object>> arrowRows(byte[] body, BufferAllocator allocator) {
        List<Map<String, Object>> out = new ArrayList<>();
        try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(body), allocator)) {
            while (reader.loadNextBatch()) {
                out.addAll(PortConformance.rowsOf(reader.getVectorSchemaRoot()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static org.apache.arrow.vector.types.pojo.Schema arrowSchema(byte[] body, BufferAllocator allocator) {
        try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(body), allocator)) {
            return reader.getVectorSchemaRoot().getSchema();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> jsonRows(byte[] body, Schema schema) {
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            for (JsonNode row : JSON.readTree(body)) {
                Map<String, Object> r = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode v = e.getValue();
                    r.put(e.getKey(), v.isNull() ? null : value(v.asText(), type(schema, e.getKey())));
                }
                out.add(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<Map<String, Object>> csvRows(byte[] body, Schema schema) {
        String text = new String(body, StandardCharsets.UTF_8);
        List<List<String>> records = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                cur.add(wasQuoted || field.length() > 0 ? field.toString() : null);
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r') {
                continue;
            } else if (c == '\n') {
                cur.add(wasQuoted || field.length() > 0 ? field.toString() : null);
                records.add(cur);
                cur = new ArrayList<>();
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(c);
            }
        }
        List<String> header = records.get(0);
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<String> rec : records.subList(1, records.size())) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String v = rec.get(i);
                r.put(header.get(i), v == null ? null : value(v, type(schema, header.get(i))));
            }
            out.add(r);
        }
        return out;
    }

    private static LogicalType type(Schema schema, String column) {
        return schema.field(column).map(Field::type).orElse(LogicalType.STRING);
    }

    static Object value(String text, LogicalType type) {
        if (type instanceof LogicalType.IntegerType) {
            return Long.parseLong(text);
        }
        if (type instanceof LogicalType.FloatingType) {
            return Double.parseDouble(text);
        }
        if (type instanceof LogicalType.DecimalType) {
            return new BigDecimal(text);
        }
        if (type instanceof LogicalType.BooleanType) {
            return Boolean.parseBoolean(text);
        }
        if (type instanceof LogicalType.DateType) {
            return LocalDate.parse(text);
        }
        if (type instanceof LogicalType.TimestampType) {
            return Instant.parse(text);
        }
        return text;
    }
}
