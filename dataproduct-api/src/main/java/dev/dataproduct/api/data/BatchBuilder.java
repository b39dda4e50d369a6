package dev.dataproduct.api.data;

import dev.dataproduct.api.quarantine.RejectSink;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.quarantine.Violation;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.TextValues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
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
 *
 * <p>A value of the wrong kind for its column (text for a number) is a fault of the program and
 * throws. A value of the right kind that the column's type cannot hold (an overflowing product of
 * two decimals, see {@link ValueOutOfRangeException}) throws too, unless the builder was made with
 * {@link #quarantining}: then the row is left out of the batch and quarantined with its
 * {@linkplain #origin(String) origin}, the column and the reason, and building goes on. A transform
 * gets such a builder from {@link dev.dataproduct.api.transform.TransformContext#batchBuilder()}.
 */
public final class BatchBuilder implements AutoCloseable {
    private final Schema schema;
    private final String dataset;
    private final RejectSink rejects;
    private VectorSchemaRoot root;
    private int rows;
    private long offered;
    private long quarantined;
    private String origin;

    private BatchBuilder(Schema schema, BufferAllocator allocator, String dataset, RejectSink rejects) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.dataset = dataset;
        this.rejects = rejects;
        this.root = VectorSchemaRoot.create(schema.toArrow(), Objects.requireNonNull(allocator, "allocator"));
        root.allocateNew();
    }

    /**
     * @param schema the schema of the batch
     * @param allocator where the batch's memory comes from
     * @return an empty builder; close it if {@link #build()} is not called
     */
    public static BatchBuilder create(Schema schema, BufferAllocator allocator) {
        return new BatchBuilder(schema, allocator, null, null);
    }

    /**
     * A builder that quarantines, instead of throwing, a row with a value its column's type cannot
     * hold ({@link ValueOutOfRangeException}): the row is left out and sent to {@code rejects}.
     *
     * @param schema the schema of the batch
     * @param allocator where the batch's memory comes from
     * @param dataset the dataset the rows belong to, named in the quarantined rows
     * @param rejects where quarantined rows go
     * @return an empty builder; close it if {@link #build()} is not called
     */
    public static BatchBuilder quarantining(Schema schema, BufferAllocator allocator, String dataset,
                                            RejectSink rejects) {
        return new BatchBuilder(schema, allocator, Objects.requireNonNull(dataset, "dataset"),
                Objects.requireNonNull(rejects, "rejects"));
    }

    /**
     * Says where the next row comes from, such as {@link RowView#origin()} of the input row it is
     * built from; a quarantined row keeps it. Applies to the next {@code addRow} only.
     *
     * @param value the origin, such as {@code orders.csv:42}
     * @return this builder
     */
    public BatchBuilder origin(String value) {
        this.origin = Objects.requireNonNull(value, "origin");
        return this;
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
                throw new IllegalArgumentException(where() + ": no column '" + key + "'; columns are "
                        + schema.fieldNames());
            }
        }
        List<FieldVector> vectors = root.getFieldVectors();
        return writeRow(c -> values.get(vectors.get(c).getName()));
    }

    /**
     * Appends a row given in column order.
     *
     * @param values one value per column, {@code null} for none
     * @return this builder
     * @throws IllegalArgumentException if the number of values is not the number of columns, or a
     *     value does not fit its column (unless the builder quarantines such rows)
     */
    public BatchBuilder addRow(Object... values) {
        checkOpen();
        if (values.length != root.getFieldVectors().size()) {
            throw new IllegalArgumentException(where() + " has " + values.length + " values but the schema has "
                    + root.getFieldVectors().size() + " columns " + schema.fieldNames());
        }
        return writeRow(c -> values[c]);
    }

    /** Writes every cell of the next row, or, for a value out of its column's range, quarantines it. */
    private BatchBuilder writeRow(IntFunction<Object> valueOf) {
        List<FieldVector> vectors = root.getFieldVectors();
        try {
            for (int c = 0; c < vectors.size(); c++) {
                try {
                    VectorValues.set(vectors.get(c), rows, valueOf.apply(c));
                } catch (ValueOutOfRangeException e) {
                    if (rejects == null) {
                        throw outOfRange(vectors.get(c), e);
                    }
                    // the slot is reused by the next row: clear what this one wrote
                    for (FieldVector v : vectors) {
                        VectorValues.setNull(v, rows);
                    }
                    quarantine(c, valueOf, e);
                    return this;
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where() + ", column '" + vectors.get(c).getName() + "': "
                            + e.getMessage(), e);
                }
            }
            rows++;
            return this;
        } finally {
            offered++;
            origin = null;
        }
    }

    private IllegalArgumentException outOfRange(FieldVector column, ValueOutOfRangeException e) {
        ValueOutOfRangeException wrapped = new ValueOutOfRangeException(where() + ", column '" + column.getName()
                + "': " + e.getMessage());
        wrapped.initCause(e);
        return wrapped;
    }

    private void quarantine(int column, IntFunction<Object> valueOf, ValueOutOfRangeException e) {
        Field field = schema.fields().get(column);
        String why = field.classification().isSensitive()
                ? "a " + field.classification().label() + " value does not fit " + field.type().typeName()
                : e.getMessage();
        Map<String, String> values = new LinkedHashMap<>();
        for (int c = 0; c < schema.size(); c++) {
            Object v = valueOf.apply(c);
            if (v != null) {
                values.put(schema.fields().get(c).name(), TextValues.format(v));
            }
        }
        quarantined++;
        rejects.reject(new RejectedRow(dataset, origin(), List.of(new Violation(field.name(), "type", why)), values));
    }

    /** Where the row being added comes from, for messages: its origin if given, else its number. */
    private String where() {
        return origin != null ? "row " + rows + " (from " + origin + ")" : "row " + rows;
    }

    private String origin() {
        return origin != null ? origin : "row " + offered + " built by the transform";
    }

    /** @return how many rows were quarantined instead of added, by a {@link #quarantining} builder */
    public long quarantinedCount() {
        return quarantined;
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
