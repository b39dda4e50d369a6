package dev.dataproduct.core.yaml;

import java.util.Objects;

/**
 * A problem found while parsing that did not stop it, such as a key given twice.
 *
 * @param where the value it concerns
 * @param message what is wrong and what to do
 * @param line the line, or -1 if unknown
 */
public record SourceProblem(Where where, String message, int line) {
    /** Checks the parts. */
    public SourceProblem {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(message, "message");
    }

    /** @return the message with its path and line, such as {@code "info.name: duplicate key ... (line 3)"} */
    public String describe() {
        return (where.display().isEmpty() ? "" : where.display() + ": ") + message
                + (line > 0 ? " (line " + line + ")" : "");
    }
}
