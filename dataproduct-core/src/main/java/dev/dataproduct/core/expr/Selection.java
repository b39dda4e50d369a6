package dev.dataproduct.core.expr;

import java.util.BitSet;
import java.util.Objects;

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

    private void checkSize(Selection other) {
        if (other.size != size) {
            throw new IllegalArgumentException("selections over " + size + " and " + other.size + " rows");
        }
    }

    @Override
    public String toString() {
        return "Selection[" + count() + " of " + size + "]";
    }
}
