package dev.dataproduct.api.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ordered list of fields with distinct names: the shape of a dataset. Converts to and from an
 * Arrow schema without loss for every type the SDK supports.
 *
 * @param fields the fields, in column order
 */
public record Schema(List<Field> fields) {

    /** Validates and copies the fields. */
    public Schema {
        fields = List.copyOf(fields);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            Integer before = seen.put(fields.get(i).name(), i);
            if (before != null) {
                throw new IllegalArgumentException("field '" + fields.get(i).name() + "' is declared twice, at "
                        + "positions " + (before + 1) + " and " + (i + 1));
            }
        }
    }

    /**
     * @param fields the fields, in column order
     * @return the schema
     */
    public static Schema of(Field... fields) {
        return new Schema(List.of(fields));
    }

    /**
     * @param name a field name
     * @return the field of that name
     */
    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * @param name a field name
     * @return the column index of the field, or -1 if there is none
     */
    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** @return the field names, in column order */
    public List<String> fieldNames() {
        return fields.stream().map(Field::name).toList();
    }

    /** @return the number of fields */
    public int size() {
        return fields.size();
    }

    /** @return the primary key fields in key order; empty if the schema has no key */
    public List<Field> primaryKey() {
        List<Field> key = new ArrayList<>();
        for (Field f : fields) {
            if (f.isPrimaryKey()) {
                key.add(f);
            }
        }
        key.sort(Comparator.comparingInt(Field::primaryKeyPosition));
        return List.copyOf(key);
    }

    /** @return the equivalent Arrow schema */
    public org.apache.arrow.vector.types.pojo.Schema toArrow() {
        return ArrowTypes.toArrow(this);
    }

    /**
     * Reads an Arrow schema.
     *
     * @param arrow an Arrow schema
     * @return the equivalent schema
     * @throws IllegalArgumentException naming the field and type if a type is not supported
     */
    public static Schema fromArrow(org.apache.arrow.vector.types.pojo.Schema arrow) {
        return ArrowTypes.fromArrow(arrow);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Schema[");
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            sb.append(i == 0 ? "" : ", ").append(f.name()).append(' ').append(f.type().typeName());
            if (f.required()) {
                sb.append(" not null");
            }
        }
        return sb.append(']').toString();
    }
}
