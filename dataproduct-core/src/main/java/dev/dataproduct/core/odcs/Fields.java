package dev.dataproduct.core.odcs;

import dev.dataproduct.core.yaml.Where;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed access to the fields of one mapping of an ODCS document. Each accessor marks its key as
 * known and reports a field of the wrong type, null included (a key written without its value);
 * the keys never asked for are the element's extensions, reported as keys the standard does not
 * define here with the nearest known key.
 */
final class Fields {
    private final Map<String, Object> map;
    private final Where where;
    private final Problems problems;
    private final Set<String> known = new HashSet<>();
    private boolean unknownKeysExpected;

    Fields(Map<String, Object> map, Where where, Problems problems) {
        this.map = map;
        this.where = where;
        this.problems = problems;
    }

    Where where() {
        return where;
    }

    Where where(String key) {
        return where.field(key);
    }

    Problems problems() {
        return problems;
    }

    /** Reports a problem about this element. */
    void problem(String message) {
        problems.add(where, message);
    }

    /** Reports a problem about one of its fields. */
    void problem(String key, String message) {
        problems.add(where.field(key), message);
    }

    /** @return the raw value, marking the key known; null if absent */
    Object any(String key) {
        known.add(key);
        return map.get(key);
    }

    /**
     * @return the value if present and of the type, otherwise empty, reporting a value of another
     *     type as not being {@code wanted}
     */
    private <T> Optional<T> typed(String key, Class<T> type, String wanted) {
        Object value = any(key);
        if (value == null) {
            if (map.containsKey(key)) {
                // a key left without its value, as in a file cut short after "required: "
                typeProblem(key, wanted, null);
            }
            return Optional.empty();
        }
        if (type.isInstance(value)) {
            return Optional.of(type.cast(value));
        }
        typeProblem(key, wanted, value);
        return Optional.empty();
    }

    String text(String key) {
        return typed(key, String.class, "text").orElse("");
    }

    /** @return the text, reporting it if absent or empty */
    String requiredText(String key) {
        Object raw = map.get(key);
        String text = text(key);
        if (raw == null && !map.containsKey(key)) {
            problem(key, "is required");
        } else if (raw instanceof String && text.isEmpty()) {
            problem(key, "must not be empty");
        }
        return text;
    }

    boolean bool(String key) {
        return typed(key, Boolean.class, "true or false").orElse(false);
    }

    /** @return an integer, or -1 if absent; {@code 2.0} counts as the integer 2 */
    int integer(String key) {
        Object value = any(key);
        if (value == null) {
            if (map.containsKey(key)) {
                typeProblem(key, "an integer", null);
            }
            return -1;
        }
        Optional<Long> integral = Values.integral(value);
        if (integral.isEmpty() || integral.get() < Integer.MIN_VALUE || integral.get() > Integer.MAX_VALUE) {
            typeProblem(key, "an integer", value);
            return -1;
        }
        return integral.get().intValue();
    }

    Optional<BigDecimal> decimal(String key) {
        return typed(key, Number.class, "a number").map(Values::decimal);
    }

    List<String> texts(String key) {
        List<?> list = listValue(key, "a list of text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String) {
                out.add((String) list.get(i));
            } else {
                problems.add(where.field(key).index(i), expected("text", list.get(i)));
            }
        }
        return out;
    }

    /** @return the list under the key; empty if absent or, reported, not a list */
    private List<?> listValue(String key, String wanted) {
        return typed(key, List.class, wanted).<List<?>>map(l -> l).orElse(List.of());
    }

    /** @return a free-form mapping, such as quality arguments */
    Map<String, Object> mapping(String key) {
        return typed(key, Map.class, "a mapping").map(Values::mapOf).orElse(Map.of());
    }

    Optional<Fields> object(String key) {
        return typed(key, Map.class, "a mapping").map(m -> new Fields(Values.mapOf(m), where.field(key), problems));
    }

    /**
     * Reads a list of mappings. Reports elements that are not mappings, and ids that are not
     * unique within the list.
     */
    <T> List<T> list(String key, Function<Fields, T> element) {
        return elements(where.field(key), listValue(key, "a list"), element);
    }

    <T> List<T> elements(Where list, List<?> values, Function<Fields, T> element) {
        List<T> out = new ArrayList<>();
        Uniques ids = new Uniques("id");
        for (int i = 0; i < values.size(); i++) {
            Object item = values.get(i);
            Where at = list.index(i);
            if (item instanceof Map) {
                Fields fields = new Fields(Values.mapOf(item), at, problems);
                ids.check(fields, "id", fields.map.get("id"));
                out.add(element.apply(fields));
            } else {
                problems.add(at, expected("a mapping", item));
            }
        }
        return out;
    }

    /**
     * @return the fields of this element that were never asked for, in document order, each
     *     reported as a key the standard does not define here
     */
    Map<String, Object> extensions() {
        Map<String, Object> rest = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!known.contains(k)) {
                rest.put(k, v);
                if (!unknownKeysExpected) {
                    problems.unknownKey(where.field(k), known);
                }
            }
        });
        return rest;
    }

    /**
     * Keeps the keys never asked for as extensions without reporting them, for elements whose
     * extra keys the standard allows, such as the inline arguments of a v3.0 quality rule.
     */
    void expectUnknownKeys() {
        unknownKeysExpected = true;
    }

    /** Marks keys as known without reading them, such as the operators a rule does not use. */
    void know(List<String> keys) {
        known.addAll(keys);
    }

    /** @return whether the key is written, even with a null value */
    boolean written(String key) {
        return map.containsKey(key);
    }

    /** @return the keys present, in document order */
    Set<String> keys() {
        return map.keySet();
    }

    private void typeProblem(String key, String wanted, Object found) {
        problem(key, expected(wanted, found));
    }

    static String expected(String wanted, Object found) {
        return "expected " + wanted + ", found " + Values.describe(found);
    }
}
