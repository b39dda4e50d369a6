package dev.dataproduct.core.snapshot;

import dev.dataproduct.api.product.ProductAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Where committed snapshots of products live. A snapshot is written in a {@link SnapshotTransaction}
 * and becomes visible all at once on commit: a reader sees the previous snapshot or the new one,
 * never part of one, and a failed or killed run leaves the previous snapshot current.
 *
 * <p>Two stores come with the SDK: {@link DirectorySnapshotStore} (Arrow IPC files and a JSON
 * manifest in a local directory) and {@link InMemorySnapshotStore} (for tests).
 */
public interface SnapshotStore {

    /**
     * Starts writing a snapshot.
     *
     * @param product the product the snapshot belongs to
     * @param allocator the allocator for the writers' buffers
     * @return the transaction; close it to abandon the snapshot if it was not committed
     */
    SnapshotTransaction begin(ProductAddress product, BufferAllocator allocator);

    /**
     * @param product a product
     * @return its current snapshot, if any was committed
     */
    Optional<SnapshotManifest> current(ProductAddress product);

    /**
     * @param product a product
     * @return its committed snapshots, oldest first
     */
    List<SnapshotManifest> history(ProductAddress product);

    /**
     * Opens a committed snapshot for reading.
     *
     * @param manifest a manifest from {@link #current} or {@link #history}
     * @param allocator the allocator of the batches read
     * @return the snapshot
     */
    StoredSnapshot open(SnapshotManifest manifest, BufferAllocator allocator);

    /**
     * @param manifest a committed snapshot
     * @return where it lies, for people: a directory, or a description for memory
     */
    String location(SnapshotManifest manifest);

    /**
     * @param manifest a snapshot's manifest
     * @return whether the snapshot is committed in this store and not removed
     */
    default boolean holds(SnapshotManifest manifest) {
        return history(ProductAddress.parse(manifest.productAddress())).stream()
                .anyMatch(m -> m.id().equals(manifest.id()));
    }

    /**
     * Pins a committed snapshot for as long as it is read: until the pin is closed the snapshot is
     * neither removed nor changed, whatever commits after it. Any retention of old snapshots must
     * skip pinned ones (see {@link #pinned}). Pins live in this JVM.
     *
     * @param manifest a committed snapshot of this store
     * @return the pin; close it when done
     * @throws IllegalArgumentException if the snapshot is not (or no longer) in the store
     */
    SnapshotPin pin(SnapshotManifest manifest);

    /**
     * @param product a product
     * @return the ids of its snapshots pinned now, which retention must keep
     */
    Set<String> pinned(ProductAddress product);
}
