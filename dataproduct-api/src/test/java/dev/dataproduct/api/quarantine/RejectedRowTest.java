package dev.dataproduct.api.quarantine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RejectedRowTest {

    @Test
    void needsAtLeastOneViolation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RejectedRow("orders", "orders.csv:42", List.of(), Map.of()));
        assertEquals("a rejected row needs at least one violation", e.getMessage());
    }

    @Test
    void keepsTheColumnOrderOfValuesAndCopiesEverything() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("z", "1");
        values.put("a", "two");
        values.put("m", "3");
        List<Violation> violations = new ArrayList<>(List.of(new Violation("a", "parse", "'two' is not a number")));
        RejectedRow row = new RejectedRow("orders", "orders.csv:42", violations, values);
        values.put("b", "x");
        violations.clear();
        assertEquals(List.of("z", "a", "m"), List.copyOf(row.values().keySet()));
        assertEquals(1, row.violations().size());
        assertThrows(UnsupportedOperationException.class, () -> row.values().put("q", "r"));
    }

    @Test
    void violationPrintsFieldRuleAndMessage() {
        assertEquals("qty: minimum ('0' is below 1)", new Violation("qty", "minimum", "'0' is below 1").toString());
        assertEquals("columns (3 cells, expected 4)", new Violation("", "columns", "3 cells, expected 4").toString());
        assertThrows(NullPointerException.class, () -> new Violation(null, "r", "m"));
    }
}
