package dev.dataproduct.api.quality;

import java.util.Locale;

/** The data quality dimension a check measures, as ODCS names them. */
public enum Dimension {
    /** Values are correct. */
    ACCURACY,
    /** Values are present. */
    COMPLETENESS,
    /** Values follow the expected format, range or set. */
    CONFORMITY,
    /** Values agree with each other and with other datasets. */
    CONSISTENCY,
    /** The data covers what it should. */
    COVERAGE,
    /** The data is recent enough. */
    TIMELINESS,
    /** Values that should be unique are. */
    UNIQUENESS;

    /** @return the ODCS name, such as {@code completeness} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param label an ODCS dimension, ignoring case
     * @return the dimension
     * @throws IllegalArgumentException if the label names none
     */
    public static Dimension ofLabel(String label) {
        for (Dimension d : values()) {
            if (d.name().equalsIgnoreCase(label.strip())) {
                return d;
            }
        }
        throw new IllegalArgumentException("dimension '" + label + "' is not one of accuracy, completeness, "
                + "conformity, consistency, coverage, timeliness, uniqueness");
    }
}
