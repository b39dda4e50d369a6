package dev.dataproduct.api.feature;

import dev.dataproduct.api.schema.LogicalType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What features describe (a student, a customer, an asset), with the columns that identify it. The
 * join keys are a conformed key: the feature table declares them with
 * {@link dev.dataproduct.api.schema.Field.Builder#conformedKey(String)} under {@link #conformedKey()},
 * so that products joining on it find it.
 *
 * <pre>{@code
 * Entity student = Entity.of("student", "student_id");
 * }</pre>
 *
 * @param name the entity's name, such as {@code student}
 * @param joinKeys the columns identifying one entity and their types, in order
 * @param conformedKey the conformed key the join keys form; the entity's name by default
 */
public record Entity(String name, Map<String, LogicalType> joinKeys, String conformedKey) {

    /** Validates the components: a name and at least one join key. */
    public Entity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(conformedKey, "conformedKey");
        if (name.isBlank() || conformedKey.isBlank()) {
            throw new IllegalArgumentException("an entity needs a name and a conformed key");
        }
        if (joinKeys == null || joinKeys.isEmpty()) {
            throw new IllegalArgumentException("entity '" + name + "' needs at least one join key column");
        }
        joinKeys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(joinKeys));
    }

    /**
     * An entity identified by text columns, its conformed key named as the entity.
     *
     * @param name the entity's name
     * @param joinKeys the join key columns, each a string
     * @return the entity
     */
    public static Entity of(String name, String... joinKeys) {
        Map<String, LogicalType> keys = new LinkedHashMap<>();
        for (String k : joinKeys) {
            keys.put(Objects.requireNonNull(k, "join key"), LogicalType.STRING);
        }
        return new Entity(name, keys, name);
    }

    /**
     * @param column a join key column
     * @param type its type
     * @return this entity with the join key added, or retyped where it already has it
     */
    public Entity withKey(String column, LogicalType type) {
        Map<String, LogicalType> keys = new LinkedHashMap<>(joinKeys);
        keys.put(Objects.requireNonNull(column, "column"), Objects.requireNonNull(type, "type"));
        return new Entity(name, keys, conformedKey);
    }

    /** @return the join key columns, in order */
    public List<String> keyColumns() {
        return new ArrayList<>(joinKeys.keySet());
    }
}
