package dev.dataproduct.core.join;

import dev.dataproduct.api.error.DataProductException;

/**
 * A join refused because the data breaks its declared cardinality: a side declared "one" has a
 * key more than once, which would count the other side's rows twice. Thrown before any row is
 * output. The message gives counts, never key values (keys may be classified).
 */
public class JoinRefusedException extends DataProductException {
    private static final long serialVersionUID = 1L;
    private final long duplicateKeys;
    private final long rows;

    /**
     * @param message what was refused and what to do
     * @param duplicateKeys the distinct keys found more than once on a side declared "one"
     * @param rows the rows, on both sides, that carry those keys
     */
    public JoinRefusedException(String message, long duplicateKeys, long rows) {
        super(message);
        this.duplicateKeys = duplicateKeys;
        this.rows = rows;
    }

    /** @return the distinct keys found more than once on a side declared "one" */
    public long duplicateKeys() {
        return duplicateKeys;
    }

    /** @return the rows, on both sides, that carry those keys */
    public long rows() {
        return rows;
    }
}
