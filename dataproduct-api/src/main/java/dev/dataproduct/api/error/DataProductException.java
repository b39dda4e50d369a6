package dev.dataproduct.api.error;

/**
 * The unchecked root of every exception the SDK throws on purpose.
 *
 * <p>Bad input <em>data</em> never surfaces as an exception: it becomes quarantined rows and a
 * report. Exceptions are for bad definitions, bad configuration and broken I/O. Each message says
 * what was wrong, where, and what to do about it.
 */
public class DataProductException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, where, and what to do
     */
    public DataProductException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong, where, and what to do
     * @param cause the underlying failure
     */
    public DataProductException(String message, Throwable cause) {
        super(message, cause);
    }
}
