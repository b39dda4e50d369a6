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
 */
package dev.dataproduct.core.snapshot;
