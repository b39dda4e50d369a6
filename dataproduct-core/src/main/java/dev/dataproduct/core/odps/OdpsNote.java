package dev.dataproduct.core.odps;

import java.util.Objects;

/**
 * Something the SDK needs that a valid ODPS document does not say, or says in a form the SDK cannot
 * use: missing SDK metadata, never an error in the document. The note names where in the document
 * it belongs, what the SDK took instead, and what to add.
 *
 * @param path the JSON path of what is missing, such as {@code $.customProperties[alignment]}
 * @param message what is missing, the default taken, and what to add to the document
 */
public record OdpsNote(String path, String message) {
    /** Validates the components. */
    public OdpsNote {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
