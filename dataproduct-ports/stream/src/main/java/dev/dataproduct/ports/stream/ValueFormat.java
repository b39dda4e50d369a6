package dev.dataproduct.ports.stream;

/** How a stream port writes and reads a row in a record's value. */
public enum ValueFormat {
    /** A JSON object by column name, values as every JSON port of the SDK writes them. */
    JSON("application/json"),
    /** An Arrow IPC stream holding a one-row batch, with the schema of the row's columns. */
    ARROW_IPC("application/vnd.apache.arrow.stream");

    private final String contentType;

    ValueFormat(String contentType) {
        this.contentType = contentType;
    }

    /** @return the media type, the value of the {@code content-type} header */
    public String contentType() {
        return contentType;
    }
}
