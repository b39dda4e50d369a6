package dev.dataproduct.core.compat;

import dev.dataproduct.core.odcs.OdcsKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Collects the findings of one comparison, in the order the contract is walked. */
final class Findings {
    private final List<Finding> list = new ArrayList<>();

    /** Adds a finding with the rule's usual classes. */
    void add(Rule rule, String path, String description) {
        add(rule, path, rule.backward(), rule.forward(), description);
    }

    void add(Rule rule, String path, ChangeClass backward, ChangeClass forward, String description) {
        list.add(new Finding(rule, path, backward, forward, description));
    }

    /** Reports a changed documentation field ({@code description} or any other) if the values differ. */
    void metadata(String path, String field, Object before, Object after) {
        if (field.equals("extensions") && before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
            misspeltKeys(path, b, a);
        }
        if (!Objects.equals(before, after)) {
            Rule rule = field.equals("description") ? Rule.DESCRIPTION_CHANGED : Rule.METADATA_CHANGED;
            add(rule, path, capitalised(field) + " changed" + fromTo(before, after) + ".");
        }
    }

    /** Reports extension keys, new or changed, that look like a misspelling of an ODCS key. */
    private void misspeltKeys(String path, Map<?, ?> before, Map<?, ?> after) {
        after.forEach((key, value) -> {
            if (!before.containsKey(key) || !Objects.equals(before.get(key), value)) {
                OdcsKeys.nearest(String.valueOf(key)).ifPresent(known -> add(Rule.MISSPELT_KEY, path, "Key '" + key
                        + "' is not an ODCS field and looks like a misspelling of '" + known + "', which keeps its "
                        + "default meanwhile; fix the key so that the change can be judged."));
            }
        });
    }

    List<Finding> list() {
        return List.copyOf(list);
    }

    /** @return {@code " from 'a' to 'b'"} for short single values, empty for lists, maps and long texts */
    static String fromTo(Object before, Object after) {
        if (isShort(before) && isShort(after)) {
            return " from " + quote(before) + " to " + quote(after);
        }
        return "";
    }

    static String quote(Object value) {
        if (value == null || value.toString().isEmpty()) {
            return "(none)";
        }
        return "'" + value + "'";
    }

    static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String child(String parent, String list, String name) {
        return (parent.isEmpty() ? "" : parent + ".") + list + "[" + name + "]";
    }

    private static boolean isShort(Object value) {
        return value == null || value instanceof Number || value instanceof Boolean
                || value instanceof String && ((String) value).length() <= 60 && !((String) value).contains("\n");
    }
}
