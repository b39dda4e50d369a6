package dev.dataproduct.testkit.driver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A row a run kept out of its published data, as the committed snapshot's quarantine holds it.
 *
 * @param source the dataset whose gate rejected the row, or {@code input.<name>} for a row an input
 *     could not read
 * @param origin where the row came from, such as {@code orders row 3}
 * @param rules the rules broken, as {@code field:rule} (or {@code rule} for a whole-row rule),
 *     such as {@code quantity:maximum}, {@code quantity:parse} or, for a row check over several
 *     columns, {@code sku, quantity:quality check 'name'}
 * @param reasons the reasons, for people
 * @param values the original values as text, by column; absent for null
 */
public record QuarantinedRow(String source, String origin, List<String> rules, String reasons,
                             Map<String, String> values) {
    /** Validates and copies the components. */
    public QuarantinedRow {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(reasons, "reasons");
        rules = List.copyOf(rules);
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * @param rule a rule as {@code field:rule}, a bare rule such as {@code maximum}, or the name of a
     *     quality check that quarantines failing rows
     * @return whether the row broke it (a bare rule or a check's name matches on any field)
     */
    public boolean broke(String rule) {
        String check = "quality check '" + rule + "'";
        return rules.contains(rule) || rules.contains(check)
                || rules.stream().anyMatch(r -> r.endsWith(":" + rule) || r.endsWith(":" + check));
    }

    @Override
    public String toString() {
        return source + " @ " + origin + ": " + reasons + " " + values;
    }
}
