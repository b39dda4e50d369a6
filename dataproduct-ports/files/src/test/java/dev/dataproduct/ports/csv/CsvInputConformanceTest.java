package dev.dataproduct.ports.csv;

import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.TextValues;
import dev.dataproduct.testkit.spi.InputPortKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The CSV input passes the input port kit, unreadable cells included. */
class CsvInputConformanceTest extends InputPortKit {

    @Override
    protected InputPort port(Path dir, String name, Schema schema, List<Map<String, Object>> rows) throws IOException {
        List<Map<String, String>> text = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, String> cells = new java.util.HashMap<>();
            row.forEach((k, v) -> cells.put(k, v == null ? "" : TextValues.format(v)));
            text.add(cells);
        }
        return textPort(dir, name, schema, text).orElseThrow();
    }

    @Override
    protected Optional<InputPort> textPort(Path dir, String name, Schema schema, List<Map<String, String>> rows)
            throws IOException {
        StringBuilder csv = new StringBuilder(String.join(",", schema.fieldNames())).append('\n');
        for (Map<String, String> row : rows) {
            List<String> cells = new ArrayList<>();
            for (String column : schema.fieldNames()) {
                cells.add(quoted(row.getOrDefault(column, "")));
            }
            csv.append(String.join(",", cells)).append('\n');
        }
        return Optional.of(CsvInput.of(name, Files.writeString(dir.resolve(name + ".csv"), csv), schema));
    }

    /** RFC 4180 quoting, for cells holding commas or quotes. */
    private static String quoted(String cell) {
        return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
