package dev.dataproduct.core.snapshot;

import dev.dataproduct.api.product.ProductAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
     * @return its committed snapshots, oldest first (staged ones are not committed)
     */
    List<SnapshotManifest> history(ProductAddress product);

    /**
     * The snapshot list: every retained snapshot, staged ones included, with its state and tags.
     *
     * @param product a product
     * @return its snapshots, oldest first
     */
    default List<SnapshotEntry> snapshots(ProductAddress product) {
        Optional<SnapshotManifest> current = current(product);
        return history(product).stream().map(m -> new SnapshotEntry(m,
                current.isPresent() && current.get().id().equals(m.id()) ? SnapshotState.CURRENT
                        : SnapshotState.PUBLISHED, List.of())).toList();
    }

    /**
     * @param product a product
     * @param id a snapshot id
     * @return that snapshot, committed or staged, if the store holds it
     */
    default Optional<SnapshotManifest> find(ProductAddress product, String id) {
        return snapshots(product).stream().map(SnapshotEntry::manifest).filter(m -> m.id().equals(id)).findFirst();
    }

    /**
     * @param product a product
     * @return its tags: tag name to snapshot id, in name order
     */
    default Map<String, String> tags(ProductAddress product) {
        return Map.of();
    }

    /**
     * Names a snapshot: the tag keeps it from retention and reads it by name. Setting a tag that
     * exists moves it.
     *
     * @param product a product
     * @param tag letters, digits, {@code . _ -}, such as {@code release-2026-q4}
     * @param id a retained snapshot
     * @throws IllegalArgumentException if the name is not a tag name or the snapshot is not retained
     * @throws UnsupportedOperationException if the store has no tags
     */
    default void tag(ProductAddress product, String tag, String id) {
        throw unsupported("tags");
    }

    /**
     * Removes a tag; the snapshot it named is then subject to retention again.
     *
     * @param product a product
     * @param tag the tag
     * @return whether the tag existed
     */
    default boolean untag(ProductAddress product, String tag) {
        throw unsupported("tags");
    }

    /**
     * Makes an earlier snapshot current again, as a new commit whose manifest records the
     * rollback, its source and the reason; the history is never rewritten.
     *
     * @param product a product
     * @param id the retained committed snapshot to make current again
     * @param reason why, for the people who read the history
     * @param at the commit time
     * @return the manifest of the rollback commit
     * @throws IllegalArgumentException if the snapshot is not a retained committed one
     */
    default SnapshotManifest rollback(ProductAddress product, String id, String reason, Instant at) {
        throw unsupported("rollbacks");
    }

    /**
     * Publishes a staged snapshot after its audit: a new commit, with the staged snapshot's data,
     * becomes current.
     *
     * @param product a product
     * @param stagedId a staged snapshot
     * @param at the commit time
     * @return the manifest of the publication
     * @throws IllegalStateException if another snapshot became current since it was staged (it was
     *     built on an older one: run again), or it was published already
     */
    default SnapshotManifest publish(ProductAddress product, String stagedId, Instant at) {
        throw unsupported("staged snapshots");
    }

    /**
     * Discards a staged snapshot that failed its audit; the current snapshot stays as it was.
     *
     * @param product a product
     * @param stagedId a staged snapshot, never published
     * @throws IllegalStateException if it is not staged, was published or is pinned by a reader
     */
    default void discard(ProductAddress product, String stagedId) {
        throw unsupported("staged snapshots");
    }

    /**
     * Removes the snapshots the policy no longer keeps, with the files no retained snapshot lists.
     *
     * @param product a product
     * @param policy what to keep
     * @param now the time ages are measured from
     * @return what was removed and the space reclaimed
     */
    default RetentionResult expire(ProductAddress product, RetentionPolicy policy, Instant now) {
        throw unsupported("retention");
    }

    /**
     * Rewrites the current snapshot's datasets into one file each, without deleted rows, as a new
     * snapshot with the same rows; committed only if the row counts and a content checksum of the
     * new files equal those of the old.
     *
     * @param product a product with a current snapshot
     * @param allocator the allocator for the rewrite
     * @param at the commit time
     * @return the manifest of the compacted snapshot
     */
    default SnapshotManifest compact(ProductAddress product, BufferAllocator allocator, Instant at) {
        throw unsupported("compaction");
    }

    private UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " has no " + what
                + "; use a DirectorySnapshotStore");
    }

    /**
     * A file kept with a snapshot by {@link SnapshotTransaction#attach}. A snapshot that shares the
     * rows of another one (a rollback or a publication: same rows, new commit) has the attachments
     * of the snapshot whose rows it shares.
     *
     * @param manifest a snapshot of this store
     * @param name the attachment's name
     * @return its bytes; empty if the snapshot has none of that name (or the store keeps none)
     * @throws dev.dataproduct.api.error.PortException if it exists but cannot be read
     */
    default Optional<byte[]> attachment(SnapshotManifest manifest, String name) {
        return Optional.empty();
    }

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
     * @return whether the snapshot is committed or staged in this store and not removed
     */
    default boolean holds(SnapshotManifest manifest) {
        return find(ProductAddress.parse(manifest.productAddress()), manifest.id()).isPresent();
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
