package dev.dataproduct.api.quarantine;

/**
 * Where an input port sends rows it could read but not convert, such as a CSV cell that is not a
 * number. The runtime writes them to the quarantine and counts them, so that rows in = rows
 * published + rows quarantined.
 */
@FunctionalInterface
public interface RejectSink {
    /**
     * Quarantines a row.
     *
     * @param row the rejected row with its original values and reasons
     */
    void reject(RejectedRow row);
}
