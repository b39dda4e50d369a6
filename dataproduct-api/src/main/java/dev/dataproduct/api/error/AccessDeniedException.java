package dev.dataproduct.api.error;

/** A principal asked for data that the product's access policy does not grant it. */
public class AccessDeniedException extends DataProductException {
    private static final long serialVersionUID = 1L;

    /** @param message who was denied what, and which grant would allow it */
    public AccessDeniedException(String message) {
        super(message);
    }
}
