package dev.dataproduct.core.compose;

import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.runtime.RunResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one product when its mesh ran.
 *
 * @param product the product
 * @param status what happened
 * @param result the run's result, for a committed run
 * @param reasons why the product failed, was refused or was skipped; empty for a committed run
 *     and a view
 */
public record MeshOutcome(ProductAddress product, Status status, Optional<RunResult> result, List<String> reasons) {
    /** Validates and copies the components. */
    public MeshOutcome {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(result, "result");
        reasons = List.copyOf(reasons);
    }

    /** What happened to a product of a mesh run. */
    public enum Status {
        /** The product ran and committed a new snapshot. */
        COMMITTED,
        /** The run failed (a transform, a port, a quality gate); the previous snapshot stays current. */
        FAILED,
        /** The run was refused before any work (an unmet expectation, a denied read). */
        REFUSED,
        /** The product was not run because a product it reads did not commit; it keeps its snapshot. */
        SKIPPED,
        /** A restricted product: a view of its source's snapshots, never run. */
        VIEW;

        /** @return whether the products reading this one may run: it committed, or it is a view */
        public boolean usable() {
            return this == COMMITTED || this == VIEW;
        }
    }

    @Override
    public String toString() {
        return product.urn() + ": " + status.name().toLowerCase(java.util.Locale.ROOT)
                + result.map(r -> " snapshot " + r.snapshot().id()).orElse("")
                + (reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")");
    }
}
