package dev.dataproduct.core.snapshot;

import java.util.List;

/**
 * What one pass of retention did.
 *
 * @param removed the ids of the snapshots removed, oldest first
 * @param kept the ids of the snapshots kept, oldest first
 * @param filesRemoved how many files went (files still listed by a kept snapshot stay)
 * @param bytesReclaimed the bytes those files took
 */
public record RetentionResult(List<String> removed, List<String> kept, int filesRemoved, long bytesReclaimed) {
    /** Copies the lists. */
    public RetentionResult {
        removed = List.copyOf(removed);
        kept = List.copyOf(kept);
    }
}
