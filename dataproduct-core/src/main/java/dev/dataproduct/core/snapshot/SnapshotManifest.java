package dev.dataproduct.core.snapshot;

import dev.dataproduct.api.port.SnapshotInfo;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The record of one committed snapshot, stored beside its data as {@code manifest.json}.
 *
 * @param id the snapshot id: its sequence number, zero-padded to 8 digits
 * @param sequence the 1-based position in the product's history
 * @param parent the id of the snapshot that was current when this one was committed; empty for the first
 * @param committedAt when it was committed
 * @param productAddress the address of the product
 * @param productVersion the product version that produced it
 * @param datasets published rows per dataset (file {@code data/<name>.arrow})
 * @param quarantine quarantined rows per dataset or input (file {@code quarantine/<name>.arrow})
 * @param upstreamSnapshots the snapshots of other products the run read through product inputs, in
 *     the order of the inputs; empty for a product that reads no other product, and in manifests
 *     written before the field existed
 */
public record SnapshotManifest(String id, long sequence, String parent, Instant committedAt, String productAddress,
                               String productVersion, Map<String, Long> datasets, Map<String, Long> quarantine,
                               List<UpstreamSnapshot> upstreamSnapshots) {

    /** Validates and copies the components, keeping the order of the maps. */
    public SnapshotManifest {
        Objects.requireNonNull(id, "id");
        parent = parent == null ? "" : parent;
        Objects.requireNonNull(committedAt, "committedAt");
        Objects.requireNonNull(productAddress, "productAddress");
        Objects.requireNonNull(productVersion, "productVersion");
        datasets = Collections.unmodifiableMap(new LinkedHashMap<>(datasets == null ? Map.of() : datasets));
        quarantine = Collections.unmodifiableMap(new LinkedHashMap<>(quarantine == null ? Map.of() : quarantine));
        upstreamSnapshots = upstreamSnapshots == null ? List.of() : List.copyOf(upstreamSnapshots);
    }

    /** A manifest of a snapshot built without reading other products. */
    public SnapshotManifest(String id, long sequence, String parent, Instant committedAt, String productAddress,
                            String productVersion, Map<String, Long> datasets, Map<String, Long> quarantine) {
        this(id, sequence, parent, committedAt, productAddress, productVersion, datasets, quarantine, List.of());
    }

    /**
     * @param sequence a sequence number
     * @return the id of the snapshot at that position
     */
    public static String idOf(long sequence) {
        return String.format("%08d", sequence);
    }

    /** @return the snapshot's facts as output ports see them */
    public SnapshotInfo info() {
        return new SnapshotInfo(id, sequence, parent.isEmpty() ? Optional.empty() : Optional.of(parent), committedAt,
                productAddress, productVersion, datasets, quarantine);
    }
}
