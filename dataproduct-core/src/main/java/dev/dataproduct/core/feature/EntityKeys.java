package dev.dataproduct.core.feature;

import dev.dataproduct.api.data.VectorValues;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the join keys of a row as one value that compares by value: the key's value itself for an
 * entity of one join key, the list of values for a composite one; {@code null} when a part is null.
 */
final class EntityKeys {
    private final List<FieldVector> vectors;
    /** The one join key, where it is an integer column read without boxing; otherwise null. */
    private final BaseIntVector integer;

    private EntityKeys(List<FieldVector> vectors) {
        this.vectors = vectors;
        this.integer = vectors.size() == 1 && vectors.get(0) instanceof BaseIntVector i ? i : null;
    }

    /** @return whether the key is one integer column, read with {@link #longAt} */
    boolean isLong() {
        return integer != null;
    }

    boolean isNull(int row) {
        return vectors.get(0).isNull(row);
    }

    long longAt(int row) {
        return integer.getValueAsLong(row);
    }

    /**
     * @param batch a batch holding the key columns
     * @param columns the join key columns, in order
     * @param what what the batch is, for the message
     * @throws IllegalArgumentException naming the column missing
     */
    static EntityKeys of(VectorSchemaRoot batch, List<String> columns, String what) {
        List<FieldVector> vectors = new ArrayList<>(columns.size());
        for (String c : columns) {
            FieldVector v = batch.getVector(c);
            if (v == null) {
                throw new IllegalArgumentException(what + " has no join key column '" + c + "'; its columns are "
                        + batch.getSchema().getFields().stream().map(f -> f.getName()).toList());
            }
            vectors.add(v);
        }
        return new EntityKeys(vectors);
    }

    Object at(int row) {
        if (vectors.size() == 1) {
            return VectorValues.get(vectors.get(0), row);
        }
        List<Object> key = new ArrayList<>(vectors.size());
        for (FieldVector v : vectors) {
            Object part = VectorValues.get(v, row);
            if (part == null) {
                return null;
            }
            key.add(part);
        }
        return key;
    }
}
