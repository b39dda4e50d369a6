package dev.dataproduct.api.error;

/** An input or output port failed: a file that cannot be read, a directory that cannot be written. */
public class PortException extends DataProductException {
    private static final long serialVersionUID = 1L;

    /** @param message which port failed, on what, and what to do */
    public PortException(String message) {
        super(message);
    }

    /**
     * @param message which port failed, on what, and what to do
     * @param cause the underlying I/O failure
     */
    public PortException(String message, Throwable cause) {
        super(message, cause);
    }
}
