package dev.dataproduct.core.snapshot;

import java.util.Objects;

/**
 * One snapshot of another product that a run read through a product input, as the snapshot
 * manifest of the run's own snapshot records it: enough to read the very same data again, so a
 * rerun over the same pinned snapshots gives the same output.
 *
 * @param input the name of the consuming product's input
 * @param productAddress the address of the product read, {@code urn:dataproduct:<domain>:<name>:v<major>}
 * @param dataset the dataset of that product read
 * @param snapshotId the id of the snapshot read
 * @param contractVersion the version of the upstream contract the input was checked against
 */
public record UpstreamSnapshot(String input, String productAddress, String dataset, String snapshotId,
                               String contractVersion) {
    /** Validates the components. */
    public UpstreamSnapshot {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(productAddress, "productAddress");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(contractVersion, "contractVersion");
    }
}
