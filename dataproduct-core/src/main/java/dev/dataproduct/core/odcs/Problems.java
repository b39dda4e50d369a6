package dev.dataproduct.core.odcs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The problems found in one document, each with its path and, where known, its line. Lines are
 * recorded per JSON pointer while the document is parsed; a problem about a missing field takes
 * the line of the element that lacks it.
 */
final class Problems {
    private record Problem(int line, String message) {
    }

    private final List<Problem> found = new ArrayList<>();
    private final Map<String, Integer> lines = new HashMap<>();

    void line(String pointer, int line) {
        lines.putIfAbsent(pointer, line);
    }

    void add(Where where, String message) {
        add(where, message, lineOf(where.pointer()));
    }

    void add(Where where, String message, int line) {
        found.add(new Problem(line, (where.display().isEmpty() ? "" : where.display() + ": ") + message
                + (line > 0 ? " (line " + line + ")" : "")));
    }

    private int lineOf(String pointer) {
        for (String p = pointer; p != null; p = Where.parent(p)) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
        }
        return -1;
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** @return the messages in document order; those without a line first */
    List<String> messages() {
        return found.stream().sorted(Comparator.comparingInt(Problem::line)).map(Problem::message).toList();
    }
}
