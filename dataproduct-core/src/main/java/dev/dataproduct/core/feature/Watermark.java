package dev.dataproduct.core.feature;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How far an online store has materialised a feature product: the manifest of its materialisation,
 * kept by the store beside the values.
 *
 * @param product the address of the feature product
 * @param snapshotId the last snapshot of it materialised
 * @param committedAt when that snapshot was committed
 * @param createdUpTo the greatest created time materialised, where the view has a created time; it
 *     tells how recent the store is, not which rows are new (the snapshots tell that)
 * @param materializedAt when the materialisation finished
 * @param rowsRead the rows the last materialisation read
 * @param rowsApplied the rows of those that became an entity's latest
 */
public record Watermark(String product, String snapshotId, Instant committedAt, Optional<Instant> createdUpTo,
                        Instant materializedAt, long rowsRead, long rowsApplied) {

    /** Validates the components. */
    public Watermark {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(committedAt, "committedAt");
        Objects.requireNonNull(createdUpTo, "createdUpTo");
        Objects.requireNonNull(materializedAt, "materializedAt");
    }

    /** @return how long the snapshot took from its commit to the online store */
    public Duration lag() {
        Duration d = Duration.between(committedAt, materializedAt);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
