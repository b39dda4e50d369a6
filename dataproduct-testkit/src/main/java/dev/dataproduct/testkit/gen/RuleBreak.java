package dev.dataproduct.testkit.gen;

import java.util.Objects;

/**
 * One rule of a contract for {@link DatasetGen#breaking} to break in a share of the rows, each
 * broken row breaking that rule only.
 *
 * @param kind which rule
 * @param column the column it is broken in; empty for {@link Kind#DUPLICATE_KEY}
 */
public record RuleBreak(Kind kind, String column) {
    /** The rules that can be broken on demand. */
    public enum Kind {
        /** A null in a required field: rule {@code <field>:required}. */
        NULL_IN_REQUIRED,
        /** A value just past the field's maximum or below its minimum: {@code <field>:maximum} or {@code :minimum}. */
        OUT_OF_RANGE,
        /** The primary key of an earlier row: rule {@code primary_key}, on the later row. */
        DUPLICATE_KEY,
        /** A reference to no parent row; what rule that breaks depends on the check that enforces it. */
        ORPHAN_REFERENCE
    }

    /** Validates the components. */
    public RuleBreak {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(column, "column");
    }

    /** @param column a required column @return a null in it */
    public static RuleBreak nullIn(String column) {
        return new RuleBreak(Kind.NULL_IN_REQUIRED, column);
    }

    /** @param column a column with a minimum or maximum @return a value out of its range */
    public static RuleBreak outOfRange(String column) {
        return new RuleBreak(Kind.OUT_OF_RANGE, column);
    }

    /** @return a primary key an earlier row has */
    public static RuleBreak duplicateKey() {
        return new RuleBreak(Kind.DUPLICATE_KEY, "");
    }

    /** @param column a column declared with {@link DatasetGen#references} @return a value no parent row has */
    public static RuleBreak orphan(String column) {
        return new RuleBreak(Kind.ORPHAN_REFERENCE, column);
    }
}
