package dev.dataproduct.core.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A document parsed by {@link SourceParser}: its values, where each stands, and the problems found
 * on the way.
 *
 * @param root the root value: a {@code Map<String, Object>}, {@code List}, {@code String},
 *     {@code Boolean}, {@code Long}, {@code BigDecimal}, or null (an empty document)
 * @param lines the line of each value, by JSON pointer ({@code /schema/0/name})
 * @param problems what the document should fix, in the order found; empty for a clean document
 */
public record ParsedSource(Object root, Map<String, Integer> lines, List<SourceProblem> problems) {
    /** Copies the lines and problems. */
    public ParsedSource {
        lines = Map.copyOf(lines);
        problems = List.copyOf(problems);
    }

    /**
     * @param pointer a JSON pointer into the document
     * @return the line of that value, or of the nearest enclosing value whose line is known; -1 if none
     */
    public int lineOf(String pointer) {
        for (String p = pointer; p != null; p = Where.parent(p)) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
        }
        return -1;
    }

    /**
     * @return the document as a Jackson tree, for codecs that bind with Jackson: integers as int or
     *     long nodes as Jackson reads them, other numbers as exact decimals, null as a null node
     */
    public JsonNode tree() {
        return Trees.of(root);
    }
}
