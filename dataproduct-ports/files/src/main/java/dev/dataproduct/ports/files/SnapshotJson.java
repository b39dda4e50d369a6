package dev.dataproduct.ports.files;

import dev.dataproduct.api.port.SnapshotInfo;
import java.util.Map;

/**
 * The {@code _snapshot.json} a {@link FileSetOutput} writes beside the data files of a set. Written
 * by hand: the format is tiny and ports should not need a JSON library for it.
 */
final class SnapshotJson {
    private SnapshotJson() {
    }

    /**
     * @param info the snapshot's facts
     * @param format the format of the data files
     * @param audience the id of the principal the files were written for
     * @param files the file of each dataset, in order
     * @param rowCounts the rows written to each file
     * @return the JSON text, ending in a newline
     */
    static String render(SnapshotInfo info, String format, String audience, Map<String, String> files,
                         Map<String, Long> rowCounts) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\n");
        sb.append("  \"snapshotId\": ").append(quote(info.id())).append(",\n");
        sb.append("  \"sequence\": ").append(info.sequence()).append(",\n");
        sb.append("  \"parent\": ").append(info.parent().map(SnapshotJson::quote).orElse("null")).append(",\n");
        sb.append("  \"committedAt\": ").append(quote(info.committedAt().toString())).append(",\n");
        sb.append("  \"productAddress\": ").append(quote(info.productAddress())).append(",\n");
        sb.append("  \"productVersion\": ").append(quote(info.productVersion())).append(",\n");
        sb.append("  \"format\": ").append(quote(format)).append(",\n");
        sb.append("  \"audience\": ").append(quote(audience)).append(",\n");
        appendMap(sb, "rowCounts", rowCounts, String::valueOf);
        sb.append(",\n");
        appendMap(sb, "files", files, SnapshotJson::quote);
        sb.append("\n}\n");
        return sb.toString();
    }

    private static <V> void appendMap(StringBuilder sb, String key, Map<String, V> map,
                                      java.util.function.Function<V, String> value) {
        sb.append("  ").append(quote(key)).append(": {");
        boolean first = true;
        for (Map.Entry<String, V> e : map.entrySet()) {
            sb.append(first ? "" : ", ");
            first = false;
            sb.append(quote(e.getKey())).append(": ").append(value.apply(e.getValue()));
        }
        sb.append('}');
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }
}
