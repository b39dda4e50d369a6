package dev.dataproduct.api.quarantine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A row kept out of the published data, with its original values and every rule it broke.
 * Nothing is dropped silently: every rejected row is written to the quarantine of its dataset.
 *
 * @param dataset the dataset (or input) the row belonged to
 * @param origin where the row came from, such as {@code orders.csv:42} or {@code batch 3, row 17}
 * @param violations the rules the row broke, at least one
 * @param values the original values by column, as text; a missing value is absent
 */
public record RejectedRow(String dataset, String origin, List<Violation> violations, Map<String, String> values) {
    /** Validates and copies the components, keeping the column order of {@code values}. */
    public RejectedRow {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(origin, "origin");
        violations = List.copyOf(violations);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a rejected row needs at least one violation");
        }
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * The values of one row of a batch as a rejected row keeps them: by column, as
     * {@link dev.dataproduct.api.schema.TextValues#format text}, nulls left out.
     *
     * @param batch the batch
     * @param row the row
     * @return the values, in the batch's column order
     */
    public static Map<String, String> valuesOf(org.apache.arrow.vector.VectorSchemaRoot batch, int row) {
        Map<String, String> values = new LinkedHashMap<>();
        for (org.apache.arrow.vector.FieldVector v : batch.getFieldVectors()) {
            Object value = dev.dataproduct.api.data.VectorValues.get(v, row);
            if (value != null) {
                values.put(v.getName(), dev.dataproduct.api.schema.TextValues.format(value));
            }
        }
        return values;
    }
}
