package dev.dataproduct.core.quality;

import java.util.Objects;

/**
 * A failing value and how often it was seen.
 *
 * @param value the value as text ({@code <restricted>} for values of sensitive fields)
 * @param count how many failing rows hold it; from a bounded heavy-hitters counter, so it may be a
 *     lower bound of the true count (see {@link CheckResult#frequentFailingValues()})
 */
public record ValueCount(String value, long count) {
    /** Validates the components. */
    public ValueCount {
        Objects.requireNonNull(value, "value");
        if (count < 0) {
            throw new IllegalArgumentException("a count must not be negative, not " + count);
        }
    }
}
