package dev.dataproduct.ports.http;

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
