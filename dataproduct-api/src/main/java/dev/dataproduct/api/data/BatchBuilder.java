package dev.dataproduct.api.data;

import dev.dataproduct.api.schema.Schema;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Builds an Arrow batch row by row, for tests, small inputs and transforms that think in rows.
 * Values follow the SDK's value model (see {@link dev.dataproduct.api.schema.TextValues}).
 *
 * <pre>{@code
 * try (BatchBuilder b = BatchBuilder.create(schema, allocator)) {
 *     b.addRow(Map.of("sku", "SKU-000001", "quantity", 2));
 *     try (VectorSchemaRoot batch = b.build()) {
 *         // use the batch
 *     }
 * }
 * }</pre>
 */
public final class BatchBuilder implements AutoCloseable {
    private final Schema schema;
    private VectorSchemaRoot root;
    private int rows;

    private BatchBuilder(Schema schema, BufferAllocator allocator) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.root = VectorSchemaRoot.create(schema.toArrow(), Objects.requireNonNull(allocator, "allocator"));
        root.allocateNew();
    }

    /**
     * @param schema the schema of the batch
     * @param allocator where the batch's memory comes from
     * @return an empty builder; close it if {@link #build()} is not called
     */
    public static BatchBuilder create(Schema schema, BufferAllocator allocator) {
        return new BatchBuilder(schema, allocator);
    }

    /**
     * Builds a batch from rows given as maps in one call.
     *
     * @param schema the schema of the batch
     * @param rows the rows; a missing key means {@code null}
     * @param allocator where the batch's memory comes from
     * @return the batch; the caller closes it
     * @throws IllegalArgumentException naming the row and column of a value that does not fit
     */
    public static VectorSchemaRoot fromRows(Schema schema, List<? extends Map<String, ?>> rows,
                                            BufferAllocator allocator) {
        try (BatchBuilder b = create(schema, allocator)) {
            for (Map<String, ?> row : rows) {
                b.addRow(row);
            }
            return b.build();
        }
    }

    /**
     * Appends a row.
     *
     * @param values the values by column name; a missing key means {@code null}
     * @return this builder
     * @throws IllegalArgumentException naming the row and column of a value that does not fit, or
     *     a key that names no column
     */
    public BatchBuilder addRow(Map<String, ?> values) {
        checkOpen();
        for (String key : values.keySet()) {
            if (schema.indexOf(key) < 0) {
                throw new IllegalArgumentException("row " + rows + ": no column '" + key + "'; columns are "
                        + schema.fieldNames());
            }
        }
        List<FieldVector> vectors = root.getFieldVectors();
        for (int c = 0; c < vectors.size(); c++) {
            setCell(vectors.get(c), values.get(vectors.get(c).getName()));
        }
        rows++;
        return this;
    }

    /**
     * Appends a row given in column order.
     *
     * @param values one value per column, {@code null} for none
     * @return this builder
     * @throws IllegalArgumentException if the number of values is not the number of columns, or a
     *     value does not fit its column
     */
    public BatchBuilder addRow(Object... values) {
        checkOpen();
        List<FieldVector> vectors = root.getFieldVectors();
        if (values.length != vectors.size()) {
            throw new IllegalArgumentException("row " + rows + " has " + values.length + " values but the schema has "
                    + vectors.size() + " columns " + schema.fieldNames());
        }
        for (int c = 0; c < vectors.size(); c++) {
            setCell(vectors.get(c), values[c]);
        }
        rows++;
        return this;
    }

    private void setCell(FieldVector vector, Object value) {
        try {
            VectorValues.set(vector, rows, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("row " + rows + ", column '" + vector.getName() + "': "
                    + e.getMessage(), e);
        }
    }

    /** @return the number of rows added so far */
    public int rowCount() {
        return rows;
    }

    /**
     * Hands the batch over. The builder is empty afterwards and can't be used again.
     *
     * @return the batch; the caller closes it
     */
    public VectorSchemaRoot build() {
        checkOpen();
        root.setRowCount(rows);
        VectorSchemaRoot out = root;
        root = null;
        return out;
    }

    @Override
    public void close() {
        if (root != null) {
            root.close();
            root = null;
        }
    }

    private void checkOpen() {
        if (root == null) {
            throw new IllegalStateException("this batch builder was already built or closed");
        }
    }
}
