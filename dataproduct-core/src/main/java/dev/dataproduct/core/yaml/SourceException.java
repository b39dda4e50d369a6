package dev.dataproduct.core.yaml;

/**
 * A document that cannot be parsed at all: a syntax error, a limit exceeded, an alias without its
 * anchor. Its message names the place (line, column or byte offset) and what to do; the codec turns
 * it into the one problem of an {@link dev.dataproduct.api.error.InvalidDefinitionException}.
 */
public final class SourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what cannot be parsed, where, and what to do */
    public SourceException(String message) {
        super(message, null, false, false);
    }

    /** @return {@code " (line 3, column 7)"}, leaving out unknown parts */
    public static String at(int line, int column) {
        if (line < 1) {
            return "";
        }
        return " (line " + line + (column > 0 ? ", column " + column : "") + ")";
    }
}
