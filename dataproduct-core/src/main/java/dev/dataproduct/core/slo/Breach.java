package dev.dataproduct.core.slo;

import java.util.Objects;

/**
 * An objective that was met and no longer is: the share of good measurements in its window fell
 * below its target.
 *
 * @param product the product's address
 * @param status where the product stands now
 */
public record Breach(String product, ObjectiveStatus status) {
    /** Validates the components. */
    public Breach {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(status, "status");
    }
}
