package dev.dataproduct.api.descriptor;

import dev.dataproduct.api.schema.Field;
import java.util.List;

/**
 * A dataset as a product descriptor lists it.
 *
 * @param name the dataset name
 * @param address the dataset's permanent address under the product's
 * @param description what one row stands for
 * @param fields the fields with their types, meaning, classification and constraints
 */
public record DatasetDescriptor(String name, String address, String description, List<Field> fields) {
    /** Validates and copies the components; a {@code null} description is taken as empty. */
    public DatasetDescriptor {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(address, "address");
        description = description == null ? "" : description;
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
