package dev.dataproduct.core.snapshot;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dataproduct.api.port.SnapshotInfo;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The record of one snapshot, stored beside its data as {@code manifest.json}. Manifests never
 * change once written: a rollback, a publication of a staged snapshot or a compaction is a new
 * snapshot whose manifest says what it did. Manifests written before the lifecycle fields existed
 * read with their defaults: a replace that owns one file per dataset.
 *
 * @param id the snapshot id: its sequence number, zero-padded to 8 digits
 * @param sequence the 1-based position in the product's history
 * @param parent the id of the snapshot that was current when this one was committed; empty for the first
 * @param committedAt when it was committed
 * @param productAddress the address of the product
 * @param productVersion the product version that produced it
 * @param datasets live (published) rows per dataset
 * @param quarantine quarantined rows per dataset or input (file {@code quarantine/<name>.arrow})
 * @param upstreamSnapshots the snapshots of other products the run read through product inputs, in
 *     the order of the inputs; empty for a product that reads no other product, and in manifests
 *     written before the field existed
 * @param files the data files of each dataset, possibly written by earlier snapshots; empty for a
 *     manifest of before incremental runs, whose dataset lies in {@code data/<name>.arrow}
 * @param quarantineFiles the file of each quarantine, relative to the product's directory, where
 *     it is not this snapshot's own {@code quarantine/<name>.arrow} (a rollback or publication
 *     shares its source's)
 * @param operation what made the snapshot; {@link Operation#REPLACE} for old manifests
 * @param source for a rollback, the snapshot made current again; for a publication, the staged
 *     snapshot published; for a compaction, the snapshot compacted; empty otherwise
 * @param reason why a rollback was made, as its author gave it; empty otherwise
 * @param staged whether the snapshot was written as staged (write-audit-publish): it never became
 *     current itself, a {@link Operation#PUBLISH publication} does
 * @param inputPositions where the run's read of each input with positions ended (a stream's
 *     offsets per partition), by input name; the next run of the product reads on from there.
 *     Empty for inputs without positions, and in manifests written before the field existed; a
 *     rollback, publication or compaction keeps its source's
 */
// a replace writes exactly the manifest of before incremental runs, so older readers still read it,
// and fields a newer writer adds are skipped, so this reader reads newer manifests
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotManifest(String id, long sequence, String parent, Instant committedAt, String productAddress,
                               String productVersion, Map<String, Long> datasets, Map<String, Long> quarantine,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<UpstreamSnapshot> upstreamSnapshots,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, List<DataFile>> files,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> quarantineFiles,
                               @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = IsReplace.class)
                               Operation operation,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) String source,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) String reason,
                               @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean staged,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY)
                               Map<String, Map<String, String>> inputPositions) {

    /** Leaves the default operation out of the JSON. */
    static final class IsReplace {
        @Override
        public boolean equals(Object value) {
            return value == Operation.REPLACE;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    /** What made a snapshot. */
    public enum Operation {
        /** A run that replaced every row. */
        REPLACE,
        /** A run that added rows to its parent's. */
        APPEND,
        /** A run that replaced, added and deleted rows by primary key. */
        UPSERT,
        /** An earlier snapshot made current again. */
        ROLLBACK,
        /** A staged snapshot made current after its audit. */
        PUBLISH,
        /** The same rows rewritten into fewer files. */
        COMPACT
    }

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
        Map<String, List<DataFile>> copy = new LinkedHashMap<>();
        if (files != null) {
            files.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        }
        files = Collections.unmodifiableMap(copy);
        quarantineFiles = Map.copyOf(quarantineFiles == null ? Map.of() : quarantineFiles);
        operation = operation == null ? Operation.REPLACE : operation;
        source = source == null ? "" : source;
        reason = reason == null ? "" : reason;
        Map<String, Map<String, String>> positions = new TreeMap<>();
        if (inputPositions != null) {
            inputPositions.forEach((k, v) -> positions.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
        }
        inputPositions = Collections.unmodifiableMap(positions);
    }

    /**
     * A manifest that records no input positions, as every manifest did before stream inputs.
     *
     * @param id the snapshot id
     * @param sequence the position in the history
     * @param parent the parent's id, empty for none
     * @param committedAt the commit time
     * @param productAddress the product's address
     * @param productVersion the product version
     * @param datasets live rows per dataset
     * @param quarantine quarantined rows per dataset or input
     * @param upstreamSnapshots the snapshots of other products the run read
     * @param files the data files of each dataset
     * @param quarantineFiles the quarantine files not of this snapshot's own
     * @param operation what made the snapshot
     * @param source the snapshot a rollback, publication or compaction came from
     * @param reason why a rollback was made
     * @param staged whether the snapshot was written as staged
     */
    public SnapshotManifest(String id, long sequence, String parent, Instant committedAt, String productAddress,
                            String productVersion, Map<String, Long> datasets, Map<String, Long> quarantine,
                            List<UpstreamSnapshot> upstreamSnapshots, Map<String, List<DataFile>> files,
                            Map<String, String> quarantineFiles, Operation operation, String source, String reason,
                            boolean staged) {
        this(id, sequence, parent, committedAt, productAddress, productVersion, datasets, quarantine,
                upstreamSnapshots, files, quarantineFiles, operation, source, reason, staged, Map.of());
    }

    /**
     * A manifest of a replacing run that owns one file per dataset and read the given snapshots of
     * other products.
     *
     * @param id the snapshot id
     * @param sequence the position in the history
     * @param parent the parent's id, empty for none
     * @param committedAt the commit time
     * @param productAddress the product's address
     * @param productVersion the product version
     * @param datasets published rows per dataset
     * @param quarantine quarantined rows per dataset or input
     * @param upstreamSnapshots the snapshots of other products the run read
     */
    public SnapshotManifest(String id, long sequence, String parent, Instant committedAt, String productAddress,
                            String productVersion, Map<String, Long> datasets, Map<String, Long> quarantine,
                            List<UpstreamSnapshot> upstreamSnapshots) {
        this(id, sequence, parent, committedAt, productAddress, productVersion, datasets, quarantine,
                upstreamSnapshots, Map.of(), Map.of(), Operation.REPLACE, "", "", false);
    }

    /**
     * A manifest of a replacing run that owns one file per dataset, as every manifest was before
     * incremental runs.
     *
     * @param id the snapshot id
     * @param sequence the position in the history
     * @param parent the parent's id, empty for none
     * @param committedAt the commit time
     * @param productAddress the product's address
     * @param productVersion the product version
     * @param datasets published rows per dataset
     * @param quarantine quarantined rows per dataset or input
     */
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

    /**
     * @param dataset a dataset of this snapshot
     * @return its data files, relative to the product's directory; for a manifest of before
     *     incremental runs, the one file this snapshot wrote
     */
    public List<DataFile> filesOf(String dataset) {
        List<DataFile> listed = files.get(dataset);
        if (listed != null) {
            return listed;
        }
        long rows = datasets.getOrDefault(dataset, 0L);
        return List.of(new DataFile("snapshots/" + id + "/data/" + dataset + ".arrow", rows, "", "", 0));
    }

    /**
     * @param name a dataset or input with quarantined rows in this snapshot
     * @return its quarantine file, relative to the product's directory
     */
    public String quarantineFileOf(String name) {
        return quarantineFiles.getOrDefault(name, "snapshots/" + id + "/quarantine/" + name + ".arrow");
    }

    /** @return the snapshot's facts as output ports see them */
    public SnapshotInfo info() {
        return new SnapshotInfo(id, sequence, parent.isEmpty() ? Optional.empty() : Optional.of(parent), committedAt,
                productAddress, productVersion, datasets, quarantine);
    }
}
