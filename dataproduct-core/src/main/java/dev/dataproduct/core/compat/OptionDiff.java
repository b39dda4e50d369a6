package dev.dataproduct.core.compat;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares the {@code logicalTypeOptions} of a property: bounds, lengths, item counts, pattern and
 * format; any other option that changes is left to review.
 */
final class OptionDiff {
    private static final Set<String> KNOWN = Set.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
            "minLength", "maxLength", "minItems", "maxItems", "pattern", "format");

    private OptionDiff() {
    }

    /** A bound on values or sizes; {@code exclusive} for {@code exclusiveMinimum} and {@code exclusiveMaximum}. */
    private record Bound(Object value, boolean exclusive) {
        String describe(String label) {
            return (exclusive ? "exclusive " + label : label) + " " + value;
        }
    }

    /**
     * @param formatIsType whether either version is an integer or a number, whose {@code format} is
     *     its width and belongs to the type comparison
     */
    static void compare(Findings out, String path, boolean formatIsType, Map<String, Object> before,
                        Map<String, Object> after) {
        bound(out, path, "minimum", valueBound(before, "minimum", "exclusiveMinimum", true),
                valueBound(after, "minimum", "exclusiveMinimum", true), true, Rule.MINIMUM_RAISED,
                Rule.MINIMUM_LOWERED);
        bound(out, path, "maximum", valueBound(before, "maximum", "exclusiveMaximum", false),
                valueBound(after, "maximum", "exclusiveMaximum", false), false, Rule.MAXIMUM_LOWERED,
                Rule.MAXIMUM_RAISED);
        size(out, path, "minLength", before, after, true, Rule.MIN_LENGTH_RAISED, Rule.MIN_LENGTH_LOWERED);
        size(out, path, "maxLength", before, after, false, Rule.MAX_LENGTH_LOWERED, Rule.MAX_LENGTH_RAISED);
        size(out, path, "minItems", before, after, true, Rule.MIN_ITEMS_RAISED, Rule.MIN_ITEMS_LOWERED);
        size(out, path, "maxItems", before, after, false, Rule.MAX_ITEMS_LOWERED, Rule.MAX_ITEMS_RAISED);
        text(out, path, "pattern", before.get("pattern"), after.get("pattern"), Rule.PATTERN_ADDED,
                Rule.PATTERN_REMOVED, Rule.PATTERN_CHANGED);
        if (!formatIsType) {
            text(out, path, "format", before.get("format"), after.get("format"), Rule.FORMAT_ADDED,
                    Rule.FORMAT_REMOVED, Rule.FORMAT_CHANGED);
        }
        Set<String> others = new LinkedHashSet<>(before.keySet());
        others.addAll(after.keySet());
        others.removeAll(KNOWN);
        for (String option : others) {
            if (!Objects.equals(before.get(option), after.get(option))) {
                out.add(Rule.OPTION_CHANGED, path, "Option " + option + " changed"
                        + Findings.fromTo(before.get(option), after.get(option)) + ".");
            }
        }
    }

    /** The effective bound from an inclusive and an exclusive option; ODCS 3.0 gave exclusiveness as a boolean. */
    private static Optional<Bound> valueBound(Map<String, Object> options, String inclusive, String exclusive,
                                              boolean lower) {
        Object in = options.get(inclusive);
        Object ex = options.get(exclusive);
        if (ex instanceof Boolean) {
            return in == null ? Optional.empty() : Optional.of(new Bound(in, (Boolean) ex));
        }
        if (in == null || ex == null) {
            return in != null ? Optional.of(new Bound(in, false))
                    : ex != null ? Optional.of(new Bound(ex, true)) : Optional.empty();
        }
        int c = Values.compare(in, ex).orElse(0);
        boolean inclusiveIsTighter = lower ? c > 0 : c < 0;
        return Optional.of(inclusiveIsTighter ? new Bound(in, false) : new Bound(ex, true));
    }

    private static void size(Findings out, String path, String option, Map<String, Object> before,
                             Map<String, Object> after, boolean lower, Rule tighter, Rule looser) {
        bound(out, path, option, Optional.ofNullable(before.get(option)).map(v -> new Bound(v, false)),
                Optional.ofNullable(after.get(option)).map(v -> new Bound(v, false)), lower, tighter, looser);
    }

    private static void bound(Findings out, String path, String label, Optional<Bound> before,
                              Optional<Bound> after, boolean lower, Rule tighter, Rule looser) {
        if (before.isEmpty() && after.isEmpty()) {
            return;
        }
        if (before.isEmpty()) {
            out.add(tighter, path, Findings.capitalised(after.get().describe(label)) + " added.");
            return;
        }
        if (after.isEmpty()) {
            out.add(looser, path, Findings.capitalised(before.get().describe(label)) + " removed.");
            return;
        }
        Bound b = before.get();
        Bound a = after.get();
        Optional<Integer> order = Values.compare(a.value(), b.value());
        String fromTo = " from " + b.describe(label) + " to " + a.describe(label);
        if (order.isEmpty()) {
            out.add(Rule.BOUND_CHANGED, path, Findings.capitalised(label) + " changed" + fromTo
                    + "; the two cannot be compared.");
        } else if (order.get() != 0) {
            boolean raised = order.get() > 0;
            out.add(raised == lower ? tighter : looser, path,
                    Findings.capitalised(label) + (raised ? " raised" : " lowered") + fromTo + ".");
        } else if (a.exclusive() != b.exclusive()) {
            String made = a.exclusive() ? " made exclusive" : " made inclusive";
            out.add(a.exclusive() ? Rule.EXCLUSIVE_BOUND_TIGHTENED : Rule.EXCLUSIVE_BOUND_LOOSENED, path,
                    Findings.capitalised(label) + made + fromTo + ".");
        }
    }

    private static void text(Findings out, String path, String option, Object before, Object after, Rule added,
                             Rule removed, Rule changed) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before == null) {
            out.add(added, path, Findings.capitalised(option) + " " + Findings.quote(after) + " added.");
        } else if (after == null) {
            out.add(removed, path, Findings.capitalised(option) + " " + Findings.quote(before) + " removed.");
        } else {
            out.add(changed, path, Findings.capitalised(option) + " changed" + Findings.fromTo(before, after)
                    + (option.equals("pattern") ? "; patterns cannot be compared, so values valid before may fail."
                    : "."));
        }
    }
}
