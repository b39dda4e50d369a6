package dev.dataproduct.api.error;

/**
 * A read request cannot be answered as asked: it names a column the reader cannot read, carries a
 * cursor of another request or snapshot, or asks for more than the read path will hold. The
 * message says what to change; it never tells a column the principal may not see from one that
 * does not exist.
 */
public class InvalidRequestException extends DataProductException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong with the request and what to do */
    public InvalidRequestException(String message) {
        super(message);
    }
}
