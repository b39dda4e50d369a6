package dev.dataproduct.api.port;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts of one committed, immutable snapshot of a product's output.
 *
 * @param id the snapshot id, unique within the product
 * @param sequence the 1-based position of the snapshot in the product's history
 * @param parent the id of the snapshot it replaced; empty for the first
 * @param committedAt when it was committed
 * @param productAddress the address of the product
 * @param productVersion the product version that produced it
 * @param rowCounts published rows per dataset, in dataset order
 * @param quarantinedCounts quarantined rows per dataset or input, in order
 */
public record SnapshotInfo(String id, long sequence, Optional<String> parent, Instant committedAt,
                           String productAddress, String productVersion, Map<String, Long> rowCounts,
                           Map<String, Long> quarantinedCounts) {
    /** Validates and copies the components, keeping the order of the maps. */
    public SnapshotInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(committedAt, "committedAt");
        Objects.requireNonNull(productAddress, "productAddress");
        Objects.requireNonNull(productVersion, "productVersion");
        rowCounts = Collections.unmodifiableMap(new LinkedHashMap<>(rowCounts));
        quarantinedCounts = Collections.unmodifiableMap(new LinkedHashMap<>(quarantinedCounts));
    }
}
