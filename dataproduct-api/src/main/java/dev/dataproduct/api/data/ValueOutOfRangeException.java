package dev.dataproduct.api.data;

/**
 * A value of the right kind that a column's type cannot hold: an integer beyond its range, a
 * decimal with more digits than its precision or scale allows, a date or timestamp beyond what its
 * unit can count. Such a value is bad data, not a bad program: a {@link BatchBuilder} made with
 * {@link BatchBuilder#quarantining} quarantines its row instead of throwing this.
 */
public class ValueOutOfRangeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message the column, its type and why the value does not fit */
    public ValueOutOfRangeException(String message) {
        super(message);
    }
}
