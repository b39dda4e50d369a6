package dev.dataproduct.testkit.gen;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows made by a {@link DatasetGen}, with the rows that break a rule on purpose.
 *
 * @param rows the rows by column name, values in the SDK's value model; null values are present as null
 * @param broken the indexes of the rows that break the rule, ascending; empty when none was asked for
 * @param rule the rule they break, as the contract gate names it ({@code quantity:maximum},
 *     {@code primary_key}, {@code customer_id:required}), or {@code <column>:orphan} for an orphan
 *     reference; empty when none
 */
public record GeneratedRows(List<Map<String, Object>> rows, List<Integer> broken, String rule) {
    /** Copies the components; rows keep null values. */
    public GeneratedRows {
        rows = rows.stream().map(r -> Collections.unmodifiableMap(new HashMap<>(r))).toList();
        broken = List.copyOf(broken);
        java.util.Objects.requireNonNull(rule, "rule");
    }

    /** @return the rows that break the rule */
    public List<Map<String, Object>> brokenRows() {
        return broken.stream().map(rows::get).toList();
    }
}
