package dev.dataproduct.core.snapshot;

/**
 * Which rows of a snapshot's dataset a read gets: all of them, or how the snapshot changed the
 * dataset relative to its parent. A change is told by row identity, not by value: a row is the
 * same row in two snapshots when it is the same position of the same data file, which an append
 * or upsert shares with its parent; a row a run wrote again (an upsert of an existing key) is
 * removed in its old place and added in its new one.
 */
public enum SnapshotRows {
    /** Every live row of the snapshot. */
    ALL,
    /**
     * The rows live in the snapshot that were not live in its parent: an append's new rows, an
     * upsert's written rows, every row of a replace; every row of a snapshot without parent.
     */
    ADDED,
    /**
     * The rows live in the parent that are not live in the snapshot: the old versions of the rows
     * an upsert wrote again and the rows it deleted, every row of the parent of a replace; none
     * for a snapshot without parent.
     */
    REMOVED
}
