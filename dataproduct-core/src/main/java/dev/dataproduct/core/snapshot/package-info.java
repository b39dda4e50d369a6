/**
 * Immutable snapshots of a product's output, committed atomically: the
 * {@link dev.dataproduct.core.snapshot.SnapshotStore} SPI with a directory store and an in-memory
 * store, the {@link dev.dataproduct.core.snapshot.SnapshotManifest manifest} of each snapshot, and
 * snapshots opened for reading.
 */
package dev.dataproduct.core.snapshot;
