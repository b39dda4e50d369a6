package dev.dataproduct.core.contract;

import dev.dataproduct.api.expr.Expr;
import java.util.Objects;

/**
 * One row-level rule of a dataset's contract, compiled from its schema: the predicate a row must
 * satisfy to pass.
 *
 * @param field the field the rule is about
 * @param rule the rule id: {@code required}, {@code minimum}, {@code maximum}, {@code min_length},
 *     {@code max_length}, {@code pattern} or {@code allowed_values}
 * @param predicate true for rows that pass (a null value passes every rule but {@code required})
 * @param expectation what a passing value looks like, such as {@code >= 1}
 */
public record ContractRule(String field, String rule, Expr predicate, String expectation) {
    /** Validates the components. */
    public ContractRule {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(predicate, "predicate");
        Objects.requireNonNull(expectation, "expectation");
    }

    @Override
    public String toString() {
        return field + " " + rule + ": " + predicate;
    }
}
