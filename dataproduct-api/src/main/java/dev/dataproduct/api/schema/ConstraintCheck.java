package dev.dataproduct.api.schema;

import java.math.BigDecimal;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Finds the problems of a field's constraints against its type, for definition-time errors. */
final class ConstraintCheck {
    private ConstraintCheck() {
    }

    static List<String> problems(String where, Field field) {
        List<String> problems = new ArrayList<>();
        LogicalType type = field.type();
        Constraints c = field.constraints();
        boolean ordered = type.isNumeric() || type.isTemporal();
        Optional<Comparable<Object>> min = bound(where, "minimum", type, c.minimum(), ordered, problems);
        Optional<Comparable<Object>> max = bound(where, "maximum", type, c.maximum(), ordered, problems);
        if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
            problems.add(where + ": minimum " + c.minimum().get() + " is greater than maximum " + c.maximum().get());
        }
        boolean lengthy = type instanceof LogicalType.StringType || type instanceof LogicalType.ArrayType;
        if ((c.minLength().isPresent() || c.maxLength().isPresent()) && !lengthy) {
            problems.add(where + ": length bounds apply to string and array fields, not " + type.typeName());
        }
        if (c.minLength().isPresent() && c.maxLength().isPresent() && c.minLength().get() > c.maxLength().get()) {
            problems.add(where + ": minimum length " + c.minLength().get() + " is greater than maximum length "
                    + c.maxLength().get());
        }
        if (c.pattern().isPresent()) {
            if (!(type instanceof LogicalType.StringType)) {
                problems.add(where + ": a pattern applies to string fields, not " + type.typeName());
            }
            try {
                Pattern.compile(c.pattern().get());
            } catch (PatternSyntaxException e) {
                problems.add(where + ": pattern '" + c.pattern().get() + "' is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        for (String allowed : c.allowedValues()) {
            if (!TextValues.isTextReadable(type)) {
                problems.add(where + ": allowed values apply to scalar fields, not " + type.typeName());
                break;
            }
            try {
                TextValues.parse(type, allowed);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": allowed value " + e.getMessage());
            }
        }
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static Optional<Comparable<Object>> bound(String where, String which, LogicalType type,
                                                      Optional<String> text, boolean ordered, List<String> problems) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (!ordered) {
            problems.add(where + ": a " + which + " applies to numbers, dates, times and timestamps, not "
                    + type.typeName() + "; use a length bound or allowed values");
            return Optional.empty();
        }
        try {
            Object v = type.isNumeric() ? new BigDecimal(text.get().strip()) : TextValues.parse(type, text.get());
            if (v instanceof BigDecimal || v instanceof Temporal) {
                return Optional.of((Comparable<Object>) v);
            }
            return Optional.empty();
        } catch (NumberFormatException e) {
            problems.add(where + ": " + which + " '" + text.get() + "' is not a number");
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + which + " " + e.getMessage());
        }
        return Optional.empty();
    }
}
