package dev.dataproduct.api.quarantine;

import java.util.Objects;

/**
 * One rule a row broke.
 *
 * @param field the field the rule is about; empty for a rule about the whole row
 * @param rule the rule's identifier: {@code required}, {@code minimum}, {@code maximum},
 *     {@code min_length}, {@code max_length}, {@code pattern}, {@code allowed_values},
 *     {@code type}, {@code primary_key} (a key an earlier row of the run has), {@code parse} or
 *     {@code columns}
 * @param message what was wrong, for people
 */
public record Violation(String field, String rule, String message) {
    /** Validates the components. */
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return (field.isEmpty() ? "" : field + ": ") + rule + " (" + message + ")";
    }
}
