package dev.dataproduct.api.contract;

import java.util.List;
import java.util.Map;

/**
 * A foreign key relationship between properties ({@code relationships} in ODCS v3.1). On a schema
 * object both ends are given; on a property {@code from} is empty (it is the property itself).
 *
 * @param id a stable id; empty if none
 * @param type the relationship type; {@code foreignKey}
 * @param from the referencing properties, such as {@code orders.customer_id}; several for a composite key
 * @param to the referenced properties, such as {@code customers.id}
 * @param customProperties further properties, such as the cardinality
 * @param extensions fields ODCS does not define, kept and written back
 */
public record Relationship(String id, String type, List<String> from, List<String> to,
                           List<CustomProperty> customProperties, Map<String, Object> extensions) {
    /** Normalises absent components to empty ones. */
    public Relationship {
        id = Texts.text(id);
        type = Texts.text(type);
        from = Texts.list(from);
        to = Texts.list(to);
        customProperties = Texts.list(customProperties);
        extensions = Texts.map(extensions);
    }
}
