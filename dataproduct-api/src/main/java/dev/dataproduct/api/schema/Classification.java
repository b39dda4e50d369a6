package dev.dataproduct.api.schema;

import java.util.Locale;

/**
 * How sensitive the values of a field are, from least to most restricted. Access policies and
 * logs use it: values of {@link #CONFIDENTIAL} and {@link #RESTRICTED} fields are never logged.
 */
public enum Classification {
    /** Anyone may see it. */
    PUBLIC,
    /** Anyone inside the organisation may see it; the default. */
    INTERNAL,
    /** Only people with a need to know may see it. */
    CONFIDENTIAL,
    /** Only named roles may see it, typically masked for everyone else. */
    RESTRICTED;

    /** @return the lower-case name used in descriptors and contracts */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a label, ignoring case.
     *
     * @param label {@code public}, {@code internal}, {@code confidential} or {@code restricted}
     * @return the classification
     * @throws IllegalArgumentException if the label names none
     */
    public static Classification ofLabel(String label) {
        for (Classification c : values()) {
            if (c.name().equalsIgnoreCase(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException(
                "unknown classification '" + label + "': expected public, internal, confidential or restricted");
    }

    /** @return whether values of this class must never appear in logs */
    public boolean isSensitive() {
        return this == CONFIDENTIAL || this == RESTRICTED;
    }
}
