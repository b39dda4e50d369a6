package dev.dataproduct.core.odcs;

import dev.dataproduct.api.contract.QualityRule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads quality rules and checks what their type needs: a library rule (the default type, so also
 * a rule without a type) its metric (or, in v3.0, its {@code rule}), a sql rule its query, a custom
 * rule its engine and implementation; at most one operator, and in v3.1 exactly one on library and
 * sql rules.
 */
final class QualityReader {
    private final ContractReader common;
    private final List<String> types;

    QualityReader(ContractReader common) {
        this.common = common;
        List<String> types = new ArrayList<>(Vocabulary.QUALITY_TYPES);
        if (!common.v31()) {
            types.add("default"); // the v3.0 prose's name of library
        }
        this.types = List.copyOf(types);
    }

    QualityRule rule(Fields f) {
        String id = f.text("id");
        String name = f.text("name");
        String description = f.text("description");
        String type = enumerated(f, "type", types);
        String dimension = enumerated(f, "dimension", Vocabulary.DIMENSIONS);
        String metric = enumerated(f, "metric", Vocabulary.METRICS);
        String rule = f.text("rule");
        if (!rule.isEmpty()) {
            f.expectUnknownKeys(); // v3.0 rules take their arguments inline: rule: validValues, validValues: [a]
        }
        List<String> operators = f.keys().stream().filter(QualityRule.OPERATORS::contains).toList();
        String operator = operators.isEmpty() ? "" : operators.get(0);
        Optional<Object> value = Optional.empty();
        for (String op : operators) {
            Object v = f.any(op);
            if (op.equals(operator)) {
                value = Optional.ofNullable(v);
                checkOperand(f, op, v);
            }
        }
        f.know(QualityRule.OPERATORS);
        if (operators.size() > 1) {
            f.problem(operators.get(1), "a rule takes one operator, found " + String.join(", ", operators));
        }
        // library is the default type, so a rule without a type needs what a library rule needs
        boolean library = type.isEmpty() || type.equals("library") || type.equals("default") || !metric.isEmpty();
        if (library && metric.isEmpty() && common.v31()) {
            f.problem("metric", "is required for a library rule"
                    + (rule.isEmpty() ? "" : " ('rule' is deprecated since v3.1; name its metric)"));
        } else if (library && metric.isEmpty() && rule.isEmpty()) {
            f.problem("rule", "is required for a library rule");
        }
        if (common.v31() && (library || type.equals("sql")) && operators.isEmpty()) {
            f.problem("a " + (library ? "library" : "sql") + " rule needs one operator: "
                    + String.join(", ", QualityRule.OPERATORS));
        }
        String query = type.equals("sql") ? f.requiredText("query") : f.text("query");
        String engine = type.equals("custom") ? f.requiredText("engine") : f.text("engine");
        Object implementation = f.any("implementation");
        if (implementation == null && type.equals("custom")) {
            f.problem("implementation", "is required");
        } else if (implementation != null && !(implementation instanceof String) && Values.isScalar(implementation)) {
            f.problem("implementation", Fields.expected("text or a mapping", implementation));
        }
        return new QualityRule(id, name, description, type, metric, rule, f.mapping("arguments"), operator, value,
                f.text("unit"), query, engine, Optional.ofNullable(implementation), dimension, f.text("severity"),
                f.text("businessImpact"), f.text("method"), f.text("schedule"), f.text("scheduler"),
                f.texts("tags"), common.authoritativeDefinitions(f), common.customProperties(f), f.extensions());
    }

    private String enumerated(Fields f, String key, List<String> allowed) {
        String value = f.text(key);
        common.known(f, key, value, allowed);
        return value;
    }

    private static void checkOperand(Fields f, String operator, Object value) {
        if (operator.endsWith("Between")) {
            List<?> bounds = value instanceof List ? (List<?>) value : List.of();
            if (bounds.size() != 2 || !(bounds.get(0) instanceof Number) || !(bounds.get(1) instanceof Number)) {
                f.problem(operator, Fields.expected("a list of two numbers, the smaller first", value));
            } else {
                BigDecimal low = Values.decimal((Number) bounds.get(0));
                BigDecimal high = Values.decimal((Number) bounds.get(1));
                if (low.compareTo(high) >= 0) {
                    f.problem(operator, "the bounds must ascend: " + bounds.get(0) + " is not below " + bounds.get(1));
                }
            }
        } else if (operator.startsWith("mustBeGreater") || operator.startsWith("mustBeLess")) {
            if (!(value instanceof Number)) {
                f.problem(operator, Fields.expected("a number", value));
            }
        }
    }
}
