package dev.dataproduct.core.runtime;

/**
 * What an input port gave a run.
 *
 * @param name the input name
 * @param rowsRead rows the port delivered in its first full pass (a transform that stops early
 *     sees fewer)
 * @param rejected rows the port could read but not convert, kept in the quarantine
 */
public record InputStats(String name, long rowsRead, long rejected) {
    /** Validates the name. */
    public InputStats {
        java.util.Objects.requireNonNull(name, "name");
    }
}
