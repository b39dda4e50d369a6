package dev.dataproduct.core.slo;

import java.time.Instant;
import java.util.Objects;

/**
 * One measurement of a service level indicator: good or bad, with the value measured.
 *
 * @param product the product's address
 * @param objective the objective's name
 * @param at when it was measured: the commit of a run, the start of a run for frequency, the
 *     read for availability
 * @param good whether it counts as good against the objective
 * @param value what was measured: seconds for freshness, frequency and retention, a share 0 to 1
 *     for completeness and required values, 1 or 0 for availability
 */
public record SliEvent(String product, String objective, Instant at, boolean good, double value) {
    /** Validates the components. */
    public SliEvent {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(at, "at");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("an indicator value must be finite, not " + value);
        }
    }
}
