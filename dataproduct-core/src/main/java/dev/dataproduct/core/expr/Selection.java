package dev.dataproduct.core.expr;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * The rows of a batch a predicate selects: a mask with one bit per row, set where the predicate is
 * true (not false, not unknown).
 */
public final class Selection {
    private final BitSet bits;
    private final int size;

    Selection(BitSet bits, int size) {
        this.bits = Objects.requireNonNull(bits, "bits");
        this.size = size;
    }

    /**
     * @param size the number of rows
     * @return a selection of every row
     */
    public static Selection all(int size) {
        BitSet b = new BitSet(size);
        b.set(0, size);
        return new Selection(b, size);
    }

    /**
     * @param rows the rows left out
     * @param size the number of rows
     * @return a selection of every row but those
     */
    public static Selection allBut(java.util.Collection<Integer> rows, int size) {
        BitSet b = new BitSet(size);
        b.set(0, size);
        rows.forEach(b::clear);
        return new Selection(b, size);
    }

    /**
     * @param rows the selected rows; copied
     * @param size the number of rows
     * @return a selection of those rows (bits at or beyond {@code size} are ignored)
     */
    public static Selection of(BitSet rows, int size) {
        BitSet b = (BitSet) rows.clone();
        if (b.length() > size) {
            b.clear(size, b.length());
        }
        return new Selection(b, size);
    }

    /** @return the number of rows in the batch */
    public int size() {
        return size;
    }

    /** @return the number of selected rows */
    public int count() {
        return bits.cardinality();
    }

    /**
     * @param row a row index
     * @return whether the row is selected
     */
    public boolean isSelected(int row) {
        Objects.checkIndex(row, size);
        return bits.get(row);
    }

    /**
     * @param from a row index
     * @return the first selected row at or after {@code from}, or -1 if there is none
     */
    public int nextSelected(int from) {
        int next = bits.nextSetBit(from);
        return next >= size ? -1 : next;
    }

    /** @return a selection of the rows this one does not select */
    public Selection invert() {
        BitSet b = (BitSet) bits.clone();
        b.flip(0, size);
        return new Selection(b, size);
    }

    /**
     * @param other a selection over the same rows
     * @return the rows both select
     */
    public Selection and(Selection other) {
        checkSize(other);
        BitSet b = (BitSet) bits.clone();
        b.and(other.bits);
        return new Selection(b, size);
    }

    /**
     * Copies the selected rows of a batch, in order, into a new batch. When the selected rows are one
     * contiguous run, the copy shares the source's memory instead (the source is not changed and
     * stays usable; each is closed on its own).
     *
     * @param source a batch of {@link #size()} rows
     * @param schema the schema of the copy: the source's columns, in its order
     * @param allocator where the copy's memory comes from
     * @return the copy; the caller closes it
     */
    public VectorSchemaRoot copyRows(VectorSchemaRoot source, org.apache.arrow.vector.types.pojo.Schema schema,
                                     BufferAllocator allocator) {
        if (source.getRowCount() != size) {
            throw new IllegalArgumentException("a selection over " + size + " rows applied to a batch of "
                    + source.getRowCount());
        }
        List<FieldVector> from = source.getFieldVectors();
        List<FieldVector> to = new ArrayList<>(from.size());
        try {
            for (int c = 0; c < schema.getFields().size(); c++) {
                to.add(copyColumn(from.get(c), schema.getFields().get(c), allocator));
            }
            VectorSchemaRoot out = new VectorSchemaRoot(schema.getFields(), to, bits.length() <= size ? bits.cardinality()
                    : bits.get(0, size).cardinality());
            to = List.of();
            return out;
        } finally {
            to.forEach(FieldVector::close);
        }
    }

    /**
     * Copies the selected values of one column, in order, into a new vector; shares the source's
     * memory when the selected rows are one contiguous run, as {@link #copyRows} does.
     *
     * @param source a vector of at least {@link #size()} values; not changed
     * @param field the field of the copy, of the source's type
     * @param allocator where the copy's memory comes from
     * @return the copy, its value count set; the caller closes it
     */
    public FieldVector copyColumn(FieldVector source, Field field, BufferAllocator allocator) {
        FieldVector out = field.createVector(allocator);
        try {
            int first = bits.nextSetBit(0);
            int end = first < 0 ? -1 : bits.nextClearBit(first);
            if (first >= 0 && first < size && (end >= size || bits.nextSetBit(end) < 0 || bits.nextSetBit(end) >= size)) {
                // one run: slicing the source's buffers costs nothing per row, where copying a row at a time
                // was most of a read's time
                source.makeTransferPair(out).splitAndTransfer(first, Math.min(end, size) - first);
                return out;
            }
            RowGather.gather(source, bits, size, out);
            return out;
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private void checkSize(Selection other) {
        if (other.size != size) {
            throw new IllegalArgumentException("selections over " + size + " and " + other.size + " rows");
        }
    }

    @Override
    public String toString() {
        return "Selection[" + count() + " of " + size + "]";
    }

    /**
     * Copies one value between vectors of the same type, growing the target as needed. Arrow's
     * own copy of nested values cannot copy a timestamp with a time zone inside a list or struct
     * (it throws {@code UnsupportedOperationException}); such values are copied value by value.
     *
     * @param from the source vector
     * @param fromRow the row read
     * @param to the target vector, of the same type
     * @param toRow the row written
     */
    public static void copyValue(FieldVector from, int fromRow, FieldVector to, int toRow) {
        if (!from.getField().getChildren().isEmpty() && holdsZonedTimestamp(from.getField())) {
            dev.dataproduct.api.data.VectorValues.set(to, toRow, dev.dataproduct.api.data.VectorValues.get(from,
                    fromRow));
        } else {
            to.copyFromSafe(fromRow, toRow, from);
        }
    }

    private static boolean holdsZonedTimestamp(org.apache.arrow.vector.types.pojo.Field field) {
        if (field.getType() instanceof org.apache.arrow.vector.types.pojo.ArrowType.Timestamp t
                && t.getTimezone() != null) {
            return true;
        }
        return field.getChildren().stream().anyMatch(Selection::holdsZonedTimestamp);
    }
}
