package dev.dataproduct.core.odcs;

import dev.dataproduct.core.yaml.Where;
import java.util.HashMap;
import java.util.Map;

/** Reports a value seen twice within one list, such as a property name or a key position. */
final class Uniques {
    private final String what;
    private final Map<Object, Where> seen = new HashMap<>();

    Uniques(String what) {
        this.what = what;
    }

    /** Checks the value of {@code key} in element {@code f}; empty text and null are not checked. */
    void check(Fields f, String key, Object value) {
        if (value == null || "".equals(value)) {
            return;
        }
        Where first = seen.putIfAbsent(value, f.where());
        if (first != null) {
            f.problem(key, "duplicate " + what + " '" + value + "'; also at " + first.display());
        }
    }
}
