package dev.dataproduct.core.join;

import dev.dataproduct.api.error.DataProductException;

/**
 * A join whose build side does not fit its memory limit ({@link HashJoin.Builder#memoryLimit(long)}):
 * the build side's rows and hash table would take more bytes than allowed. The join does not spill
 * to disk; it fails, naming the limit and how many rows and keys it had read.
 */
public class JoinMemoryException extends DataProductException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the limit, what was read and what to do
     * @param cause the allocation that failed, if any
     */
    public JoinMemoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
