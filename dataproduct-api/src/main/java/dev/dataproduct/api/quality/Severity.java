package dev.dataproduct.api.quality;

import java.util.Locale;

/** What a failed check does: an error stops publication, a warning and an info are recorded. */
public enum Severity {
    /** A failure stops publication. */
    ERROR,
    /** A failure is recorded and reported. */
    WARNING,
    /** The result is recorded for information. */
    INFO;

    /** @return the ODCS name, such as {@code error} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param label an ODCS severity, ignoring case; empty means error
     * @return the severity
     * @throws IllegalArgumentException if the label is not error, warning or info
     */
    public static Severity ofLabel(String label) {
        if (label == null || label.isBlank()) {
            return ERROR;
        }
        for (Severity s : values()) {
            if (s.name().equalsIgnoreCase(label.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("severity '" + label + "' is not one of error, warning, info");
    }
}
