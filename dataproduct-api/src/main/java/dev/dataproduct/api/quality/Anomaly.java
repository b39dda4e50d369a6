package dev.dataproduct.api.quality;

import java.util.Objects;

/**
 * Turns a check on a metric into a check on how the metric moved against its history: the measured
 * value becomes the absolute change, the relative change, or the deviation from the moving mean in
 * standard deviations, over the last {@code window} recorded runs.
 *
 * @param kind how the movement is measured
 * @param window how many earlier runs count, at least 1 (the moving mean uses them all, the changes
 *     only the latest)
 */
public record Anomaly(Kind kind, int window) {

    /** How the movement of a metric is measured. */
    public enum Kind {
        /** |value - previous value|. */
        ABSOLUTE_CHANGE,
        /** |value - previous value| / |previous value|. */
        RELATIVE_CHANGE,
        /** |value - mean| / standard deviation, over the window. */
        DEVIATION
    }

    /** Validates the components. */
    public Anomaly {
        Objects.requireNonNull(kind, "kind");
        if (window < 1) {
            throw new IllegalArgumentException("an anomaly window must be at least 1 run");
        }
    }
}
