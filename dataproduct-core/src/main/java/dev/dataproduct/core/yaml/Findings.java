package dev.dataproduct.core.yaml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What parsing one document found besides its values: the line of each value, and its problems. */
final class Findings {
    private final String kind;
    private final Map<String, Integer> lines = new HashMap<>();
    private final List<SourceProblem> problems = new ArrayList<>();

    Findings(String kind) {
        this.kind = kind;
    }

    void line(String pointer, int line) {
        lines.putIfAbsent(pointer, line);
    }

    void add(Where where, String message, int line) {
        problems.add(new SourceProblem(where, message, line));
    }

    void duplicateKey(Where where, String key, int line) {
        add(where, "duplicate key '" + key + "'; the first one is kept", line);
    }

    void secondDocument(int line) {
        add(Where.ROOT, "the file holds more than one document; " + kind + " is one document", line);
    }

    ParsedSource result(Object root) {
        return new ParsedSource(root, lines, problems);
    }
}
