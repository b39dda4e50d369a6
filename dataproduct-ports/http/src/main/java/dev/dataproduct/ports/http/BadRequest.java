package dev.dataproduct.ports.http;

import dev.dataproduct.api.access.Principal;

/**
 * A request the port refuses before reading: the status, what was wrong and which query parameter
 * (or header) it was in.
 */
final class BadRequest extends RuntimeException {
    private final int status;
    private final String title;
    private final String parameter;

    BadRequest(int status, String title, String detail, String parameter) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.parameter = parameter;
    }

    static BadRequest query(String parameter, String detail) {
        return new BadRequest(400, "Bad query", detail, parameter);
    }

    /**
     * A denied read: what was denied and whom the request was read as (a caller who forgot its
     * credentials on a host that lets visitors in learns it here), never why the policy denies it.
     *
     * @param what what the caller may not read, as in "dataset 'x' of urn:..."
     * @param principal whom the request was read as
     * @return the refusal, a 403
     */
    static BadRequest forbidden(String what, Principal principal) {
        return new BadRequest(403, "Forbidden", "you may not read " + what + " (the request was read as principal '"
                + principal.id() + "'); send the credentials of a principal who may read it, or ask the product's "
                + "owner for access", null);
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }

    /** @return the query parameter or header at fault, or {@code null} */
    String parameter() {
        return parameter;
    }
}
