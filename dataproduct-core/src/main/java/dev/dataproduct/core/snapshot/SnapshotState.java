package dev.dataproduct.core.snapshot;

/** Where a snapshot stands in its product's history. */
public enum SnapshotState {
    /** Written and checked but not current: waiting for an audit to publish or discard it. */
    STAGED,
    /** The snapshot readers get when they ask for none in particular. */
    CURRENT,
    /** Was current once (or, if staged, was published by a later commit); readable by id. */
    PUBLISHED,
    /** Was current, then superseded by a rollback to an earlier snapshot; readable by id. */
    ROLLED_BACK
}
