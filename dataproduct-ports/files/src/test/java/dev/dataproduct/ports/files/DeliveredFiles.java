package dev.dataproduct.ports.files;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.TextValues;
import dev.dataproduct.ports.arrow.ArrowFileInput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Reads back what a file port delivered, as a reader of the files would: the current set, then
 * the dataset's file in whichever format the set holds, values in the SDK's value model. The text
 * formats are read here with their own rules (a quoted empty CSV field is an empty string, an
 * unquoted one null), sharing no code with the writers.
 */
public final class DeliveredFiles {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private DeliveredFiles() {
    }

    /**
     * @param directory the directory the port delivers to
     * @param dataset the dataset
     * @param types the dataset's full schema, for the column types of the text formats
     * @return the rows of the dataset in the current set, in file order
     * @throws IOException if the files cannot be read
     */
    public static List<Map<String, Object>> read(Path directory, String dataset, Schema types) throws IOException {
        Path set = FileSet.current(directory).orElseThrow(() -> new AssertionError("nothing delivered to " + directory));
        return readSet(set, dataset, types);
    }

    /**
     * @param set the directory of one set
     * @param dataset the dataset
     * @param types the dataset's full schema
     * @return the rows of the dataset in that set
     * @throws IOException if the files cannot be read
     */
    public static List<Map<String, Object>> readSet(Path set, String dataset, Schema types) throws IOException {
        if (Files.exists(set.resolve(dataset + ".arrow"))) {
            return arrow(set.resolve(dataset + ".arrow"));
        }
        if (Files.exists(set.resolve(dataset + ".csv"))) {
            return csv(Files.readString(set.resolve(dataset + ".csv"), StandardCharsets.UTF_8), types);
        }
        return jsonLines(Files.readString(set.resolve(dataset + ".jsonl"), StandardCharsets.UTF_8), types);
    }

    private static List<Map<String, Object>> arrow(Path file) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator(); ArrowFileInput input = ArrowFileInput.of("read", file)) {
            input.open(new InputContext(allocator, Clock.systemUTC(), r -> { })).forEachRow(r -> rows.add(r.toMap()));
        }
        return rows;
    }

    private static List<Map<String, Object>> jsonLines(String text, Schema types) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("a JSON Lines file ends with a line break");
        }
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            JsonNode object = JSON.readTree(line);
            Map<String, Object> row = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                row.put(e.getKey(), fromJson(e.getValue(), type(types, e.getKey())));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, Object>> csv(String text, Schema types) throws IOException {
        List<List<String>> records = records(text);
        List<String> header = records.get(0);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            if (record.size() != header.size()) {
                throw new AssertionError("a record of " + record.size() + " fields under a header of " + header.size());
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                LogicalType type = type(types, header.get(i));
                String cell = record.get(i);
                Object value;
                if (cell == null) {
                    value = null;
                } else if (type instanceof LogicalType.StringType) {
                    value = cell;
                } else if (!TextValues.isTextReadable(type)) {
                    value = fromJson(JSON.readTree(cell), type);
                } else {
                    value = TextValues.parse(type, cell);
                }
                row.put(header.get(i), value);
            }
            rows.add(row);
        }
        return rows;
    }

    /** RFC 4180 records with CRLF line ends; an unquoted empty field is {@code null}. */
    private static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (field.length() == 0 && !quoted && c == '"') {
                quoted = true;
                i++;
                while (true) {
                    char q = text.charAt(i++);
                    if (q == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(q);
                    }
                }
            } else if (c == ',') {
                record.add(quoted || field.length() > 0 ? field.toString() : null);
                field.setLength(0);
                quoted = false;
                i++;
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(quoted || field.length() > 0 ? field.toString() : null);
                records.add(record);
                record = new ArrayList<>();
                field.setLength(0);
                quoted = false;
                i += 2;
            } else {
                field.append(c);
                i++;
            }
        }
        if (!record.isEmpty() || field.length() > 0) {
            throw new AssertionError("the last CSV record has no line end");
        }
        return records;
    }

    private static LogicalType type(Schema types, String column) {
        return types.field(column).map(Field::type)
                .orElseThrow(() -> new AssertionError("a column '" + column + "' the dataset does not have"));
    }

    private static Object fromJson(JsonNode node, LogicalType type) {
        if (node.isNull()) {
            return null;
        }
        if (type instanceof LogicalType.StringType) {
            return node.textValue();
        }
        if (type instanceof LogicalType.IntegerType) {
            return node.longValue();
        }
        if (type instanceof LogicalType.DecimalType d) {
            return node.decimalValue().setScale(d.scale());
        }
        if (type instanceof LogicalType.FloatingType) {
            return node.isTextual() ? Double.valueOf(node.textValue()) : Double.valueOf(node.decimalValue().toString());
        }
        if (type instanceof LogicalType.BooleanType) {
            return node.booleanValue();
        }
        if (type instanceof LogicalType.ArrayType a) {
            List<Object> list = new ArrayList<>();
            node.forEach(e -> list.add(fromJson(e, a.elementType())));
            return list;
        }
        if (type instanceof LogicalType.StructType s) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Field f : s.fields()) {
                map.put(f.name(), node.has(f.name()) ? fromJson(node.get(f.name()), f.type()) : null);
            }
            return map;
        }
        return TextValues.parse(type, node.textValue());
    }
}
