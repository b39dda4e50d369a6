package dev.dataproduct.api.error;

/**
 * A change to a contract or product breaks its consumers without the version change that would
 * announce it (a new major version).
 */
public class IncompatibleChangeException extends DataProductException {
    private static final long serialVersionUID = 1L;

    /** @param message which changes break consumers and which version would allow them */
    public IncompatibleChangeException(String message) {
        super(message);
    }
}
