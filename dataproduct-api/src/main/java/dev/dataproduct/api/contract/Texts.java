package dev.dataproduct.api.contract;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Normalisation of optional record components: absent text is empty, absent lists and maps are empty. */
final class Texts {
    private Texts() {
    }

    static String text(String s) {
        return s == null ? "" : s;
    }

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    /** Copies a map keeping its order; values may be any JSON-like value, including null. */
    static Map<String, Object> map(Map<String, Object> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
