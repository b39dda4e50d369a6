package dev.dataproduct.api.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A read-only view of one row of a batch, for code that prefers rows to columns. One view can be
 * moved along the batch with {@link #at(int)}, so reading rows allocates nothing per row beyond
 * the values themselves. {@link #get(String)} returns values in the SDK's value model (see
 * {@link dev.dataproduct.api.schema.TextValues}), where every integer is a {@code Long} and every
 * floating point number a {@code Double}; the typed getters read them as the Java type you want.
 *
 * <pre>{@code
 * RowView row = RowView.over(batch);
 * for (int i = 0; i < batch.getRowCount(); i++) {
 *     row.at(i);
 *     int quantity = row.getInt("quantity");     // int8, int16, int32
 *     long total = row.getLong("total_cents");   // any integer column
 * }
 * }</pre>
 */
public final class RowView {
    private final VectorSchemaRoot batch;
    private final IntFunction<Optional<String>> origins;
    private final Map<String, FieldVector> columns = new HashMap<>();
    private int index;

    private RowView(VectorSchemaRoot batch, IntFunction<Optional<String>> origins) {
        this.batch = batch;
        this.origins = origins;
        for (FieldVector v : batch.getFieldVectors()) {
            columns.put(v.getName(), v);
        }
    }

    /**
     * @param batch the batch to view; the view is valid as long as the batch is
     * @return a view positioned on row 0
     */
    public static RowView over(VectorSchemaRoot batch) {
        return new RowView(Objects.requireNonNull(batch, "batch"), row -> Optional.empty());
    }

    /**
     * A view of a cursor's current batch that knows where each row came from, so that a row built
     * from it can be quarantined with the origin of its input row (see {@link #origin()}).
     *
     * <pre>{@code
     * try (BatchCursor cursor = ctx.input("orders").open(); BatchBuilder out = ctx.batchBuilder()) {
     *     while (cursor.next()) {
     *         RowView order = RowView.overCursor(cursor);
     *         for (int i = 0; i < cursor.batch().getRowCount(); i++) {
     *             order.at(i);
     *             out.origin(order.origin()).addRow(...);
     *         }
     *     }
     * }
     * }</pre>
     *
     * @param cursor a cursor positioned on a batch; the view is valid until the cursor moves
     * @return a view positioned on row 0
     * @throws IllegalStateException if the cursor is not on a batch
     */
    public static RowView overCursor(BatchCursor cursor) {
        Objects.requireNonNull(cursor, "cursor");
        return new RowView(cursor.batch(), cursor::origin);
    }

    /**
     * Moves the view to a row.
     *
     * @param row the row index within the batch
     * @return this view
     * @throws IndexOutOfBoundsException if the batch has no such row
     */
    public RowView at(int row) {
        Objects.checkIndex(row, batch.getRowCount());
        this.index = row;
        return this;
    }

    /** @return the index of the current row within its batch */
    public int index() {
        return index;
    }

    /**
     * @return where the current row came from, such as {@code orders.csv:42}, if the view was
     *     made {@linkplain #overCursor(BatchCursor) over a cursor} whose source knows it; otherwise
     *     {@code row <index>}
     */
    public String origin() {
        return origins.apply(index).orElseGet(() -> "row " + index);
    }

    /**
     * @param column a column name
     * @return whether the row holds no value in that column
     * @throws IllegalArgumentException if the batch has no such column
     */
    public boolean isNull(String column) {
        return vector(column).isNull(index);
    }

    /**
     * @param column a column name
     * @return the value in the SDK's value model, or {@code null}
     * @throws IllegalArgumentException if the batch has no such column
     */
    public Object get(String column) {
        return VectorValues.get(vector(column), index);
    }

    /**
     * @param column a string column
     * @return the value, or {@code null}
     */
    public String getString(String column) {
        Object v = get(column);
        return v == null ? null : v.toString();
    }

    /**
     * @param column an integer column (int8 to int64)
     * @return the value
     * @throws NullPointerException naming the column if the row holds no value
     * @throws IllegalArgumentException if the column is not an integer column
     */
    public long getLong(String column) {
        Object v = nonNull(column);
        if (v instanceof Long l) {
            return l;
        }
        throw new IllegalArgumentException("column '" + column + "' holds " + v.getClass().getSimpleName()
                + " values, not integers; use " + (v instanceof BigDecimal ? "getDecimal" : "getDouble")
                + " or get");
    }

    /**
     * Reads an int8, int16 or int32 column (or an int64 column whose value fits). The value model
     * ({@link #get(String)}) holds every integer as a {@code Long}; this reads it as an {@code int}.
     *
     * @param column an integer column
     * @return the value
     * @throws NullPointerException naming the column if the row holds no value
     * @throws IllegalArgumentException if the column is not an integer column
     * @throws ArithmeticException naming the column and row if the value does not fit in an {@code int}
     */
    public int getInt(String column) {
        long v = getLong(column);
        if (v != (int) v) {
            throw new ArithmeticException("column '" + column + "' holds a value beyond the int range in row " + index
                    + "; use getLong");
        }
        return (int) v;
    }

    /**
     * @param column a floating point, decimal or integer column
     * @return the value
     * @throws NullPointerException naming the column if the row holds no value
     */
    public double getDouble(String column) {
        return ((Number) nonNull(column)).doubleValue();
    }

    /**
     * @param column a decimal column
     * @return the value, or {@code null}
     */
    public BigDecimal getDecimal(String column) {
        return (BigDecimal) get(column);
    }

    /**
     * @param column a boolean column
     * @return the value
     * @throws NullPointerException naming the column if the row holds no value
     */
    public boolean getBoolean(String column) {
        return (Boolean) nonNull(column);
    }

    /**
     * @param column a date column
     * @return the value, or {@code null}
     */
    public LocalDate getDate(String column) {
        return (LocalDate) get(column);
    }

    /**
     * @param column a timestamp column without zone
     * @return the value, or {@code null}
     */
    public LocalDateTime getTimestamp(String column) {
        return (LocalDateTime) get(column);
    }

    /**
     * @param column a timestamp column with zone
     * @return the value, or {@code null}
     */
    public Instant getInstant(String column) {
        return (Instant) get(column);
    }

    /** @return every column of the row by name, in column order; values may be {@code null} */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FieldVector v : batch.getFieldVectors()) {
            out.put(v.getName(), VectorValues.get(v, index));
        }
        return out;
    }

    @Override
    public String toString() {
        return "Row " + index + " " + toMap();
    }

    private Object nonNull(String column) {
        Object v = get(column);
        if (v == null) {
            throw new NullPointerException("column '" + column + "' holds no value in row " + index);
        }
        return v;
    }

    private FieldVector vector(String column) {
        FieldVector v = columns.get(column);
        if (v == null) {
            throw new IllegalArgumentException("no column '" + column + "' in this batch; columns are "
                    + columns.keySet());
        }
        return v;
    }
}
