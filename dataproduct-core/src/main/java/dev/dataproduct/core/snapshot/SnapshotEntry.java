package dev.dataproduct.core.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * One line of a product's snapshot list.
 *
 * @param manifest the snapshot's manifest: id, parent, commit time, row counts, version, and what
 *     made it
 * @param state where it stands now
 * @param tags the tags that name it, in name order
 */
public record SnapshotEntry(SnapshotManifest manifest, SnapshotState state, List<String> tags) {
    /** Validates and copies the components. */
    public SnapshotEntry {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(state, "state");
        tags = List.copyOf(tags);
    }
}
