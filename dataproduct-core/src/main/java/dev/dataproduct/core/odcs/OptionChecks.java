package dev.dataproduct.core.odcs;

import dev.dataproduct.core.odcs.Vocabulary.Kind;
import dev.dataproduct.core.yaml.Where;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Checks the {@code logicalTypeOptions} of one property against the options its type allows.
 *
 * @param where the options' place in the document
 * @param problems where problems go
 * @param v31 whether the document is v3.1 rather than v3.0.x
 */
record OptionChecks(Where where, Problems problems, boolean v31) {

    void check(String logicalType, Map<String, Object> options) {
        if (options.isEmpty()) {
            return;
        }
        if (logicalType.isEmpty()) {
            problems.add(where, "options need a logicalType to apply to");
            return;
        }
        Map<String, Kind> allowed = Vocabulary.options(logicalType, v31);
        options.forEach((key, value) -> {
            Kind kind = allowed.get(key);
            if (kind == null) {
                problems.add(where.field(key), "'" + key + "' is not an option of logicalType '" + logicalType + "'"
                        + (allowed.isEmpty() ? ", which takes none" : "; it takes " + String.join(", ", allowed.keySet())));
            } else {
                String wrong = wrong(kind, value);
                if (wrong != null) {
                    boolean flag = v31 && value instanceof Boolean && key.startsWith("exclusive");
                    problems.add(where.field(key), wrong
                            + (flag ? " (since v3.1 " + key + " is the bound itself, not a flag)" : ""));
                }
            }
        });
    }

    /** @return what is wrong with the value, or null if it fits */
    private static String wrong(Kind kind, Object value) {
        switch (kind) {
            case TEXT:
                return value instanceof String ? null : Fields.expected("text", value);
            case BOOLEAN:
                return value instanceof Boolean ? null : Fields.expected("true or false", value);
            case COUNT:
                return Values.integral(value).filter(n -> n >= 0).isPresent() ? null
                        : Fields.expected("a whole number of 0 or more", value);
            case NUMBER:
                return value instanceof Number ? null : Fields.expected("a number", value);
            case POSITIVE_NUMBER:
                return value instanceof Number && Values.decimal((Number) value).signum() > 0 ? null
                        : Fields.expected("a number greater than 0", value);
            case INTEGER_FORMAT:
                return oneOf(value, Vocabulary.INTEGER_FORMATS);
            case NUMBER_FORMAT:
                return oneOf(value, Vocabulary.NUMBER_FORMATS);
            default:
                return uniqueTexts(value);
        }
    }

    private static String oneOf(Object value, List<String> allowed) {
        return allowed.contains(value) ? null
                : value instanceof String ? Vocabulary.notOneOf((String) value, allowed)
                : Fields.expected("one of " + String.join(", ", allowed), value);
    }

    private static String uniqueTexts(Object value) {
        if (!(value instanceof List) || ((List<?>) value).isEmpty()
                || !((List<?>) value).stream().allMatch(v -> v instanceof String)) {
            return Fields.expected("a non-empty list of property names", value);
        }
        List<?> names = (List<?>) value;
        return new HashSet<>(names).size() == names.size() ? null : "names must not repeat";
    }
}
