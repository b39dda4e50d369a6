/**
 * Immutable snapshots of a product's output, committed atomically: the
 * {@link dev.dataproduct.core.snapshot.SnapshotStore} SPI with a directory store and an in-memory
 * store, the {@link dev.dataproduct.core.snapshot.SnapshotManifest manifest} of each snapshot, and
 * snapshots opened for reading.
 *
 * <p>A writer killed part way never damages a committed snapshot, and what it leaves behind does
 * not pile up: the {@link dev.dataproduct.core.snapshot.DirectorySnapshotStore} removes, when the
 * next transaction begins and under the product's lock, staging directories whose writer is gone,
 * snapshot directories newer than {@code CURRENT} that never became current, and a stray
 * {@code CURRENT.next}; live writers, in this process or another, keep theirs.
 *
 * <p>A reader {@link dev.dataproduct.core.snapshot.SnapshotStore#pin pins} the snapshot it reads;
 * a pinned snapshot is never removed or changed, and any retention of old snapshots must skip the
 * ids {@link dev.dataproduct.core.snapshot.SnapshotStore#pinned} returns. Pins are held in the
 * JVM (shared by every store over the same directory).
 *
 * <p>The manifest of a snapshot built from other products records, as {@code upstreamSnapshots},
 * the snapshot of each product input read (input, product address, dataset, snapshot id, contract
 * version), committed with
 * {@link dev.dataproduct.core.snapshot.SnapshotTransaction#commit(String, java.time.Instant, java.util.List)};
 * manifests written before the field existed read as having none.
 *
 * <p>Snapshots live on after their commit: the store lists them with their
 * {@link dev.dataproduct.core.snapshot.SnapshotState state} and tags, rolls back to an earlier one
 * as a new commit, tags them, publishes or discards {@link
 * dev.dataproduct.core.snapshot.SnapshotTransaction#stage staged} ones (write-audit-publish),
 * removes expired ones by a {@link dev.dataproduct.core.snapshot.RetentionPolicy}, and compacts.
 * A run writes a dataset by a {@link dev.dataproduct.core.snapshot.WriteMode}: replace, append or
 * upsert by key; an incremental snapshot lists {@link dev.dataproduct.core.snapshot.DataFile files}
 * written by earlier snapshots, with key indexes and deletion vectors, so a file is removed only
 * when no retained manifest lists it. Manifests written before these features read as replaces.
 *
 * <p>An opened snapshot reads the {@link dev.dataproduct.core.snapshot.SnapshotRows rows} it
 * added or removed relative to its parent from the two manifests' files and deletion vectors: a
 * file only one lists gives all its live rows to one side, a shared file the rows one deletion
 * vector names and the other does not. The in-memory store, which keeps whole snapshots, adds
 * all of a snapshot's rows and removes all its parent's.
 *
 * <p>An append with a key writes a key index too, so that a later append finds a key already in
 * the snapshot from the indexes ({@link
 * dev.dataproduct.core.snapshot.SnapshotTransaction#presentKeys}) without reading old rows. A
 * transaction may {@link dev.dataproduct.core.snapshot.SnapshotTransaction#attach attach} small
 * files to its snapshot (the runtime keeps each dataset's quality state there); they are removed
 * with the snapshot, and a rollback or publication, which shares its source's rows, reads its
 * source's. The {@link dev.dataproduct.core.snapshot.InMemorySnapshotStore} keeps the same list,
 * rollbacks, tags, staged snapshots, retention and attachments under the same rules (whole
 * snapshots only: no appends, upserts or compaction).
 */
package dev.dataproduct.core.snapshot;
