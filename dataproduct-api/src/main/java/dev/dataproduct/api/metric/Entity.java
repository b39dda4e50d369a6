package dev.dataproduct.api.metric;

import java.util.Objects;

/**
 * A key of the model's rows, named by the conformed key it holds ({@code customer}), so that
 * models and products meeting on it join through the same name.
 *
 * @param name the conformed key's name
 * @param type primary (one row per value), unique or foreign (many rows per value)
 * @param column the column holding it
 */
public record Entity(String name, Type type, String column) {

    /** The role of the key in the model's rows. */
    public enum Type {
        /** Each row has a different value, never null. */
        PRIMARY,
        /** Each value appears at most once, may be null. */
        UNIQUE,
        /** A reference to another entity: many rows per value. */
        FOREIGN
    }

    /** Validates the components. */
    public Entity {
        Names.check(name, "entity");
        Objects.requireNonNull(type, "type");
        Names.check(column, "column");
    }

    /**
     * @param conformedKey the conformed key
     * @param column the column holding it
     * @return a primary entity
     */
    public static Entity primary(String conformedKey, String column) {
        return new Entity(conformedKey, Type.PRIMARY, column);
    }

    /**
     * @param conformedKey the conformed key
     * @param column the column holding it
     * @return a foreign entity
     */
    public static Entity foreign(String conformedKey, String column) {
        return new Entity(conformedKey, Type.FOREIGN, column);
    }
}
