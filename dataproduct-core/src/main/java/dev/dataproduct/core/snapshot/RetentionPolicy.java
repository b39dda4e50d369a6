package dev.dataproduct.core.snapshot;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which snapshots retention keeps. A committed snapshot is kept if it is among the last
 * {@code keepLast} committed ones, or younger than {@code keepYoungerThan}; with neither given,
 * every committed snapshot is kept. A staged snapshot is kept while younger than
 * {@code expireStagedAfter}. Whatever the policy, the current snapshot, a snapshot a reader holds
 * open ({@link SnapshotStore#pin}) and a tagged snapshot are always kept.
 *
 * <pre>{@code
 * RetentionPolicy.keepLast(30).orYoungerThan(Duration.ofDays(7));
 * }</pre>
 *
 * @param keepLast how many of the latest committed snapshots to keep; empty for no such rule
 * @param keepYoungerThan the age under which a snapshot is kept; empty for no such rule
 * @param expireStagedAfter the age at which a staged snapshot never published goes
 */
public record RetentionPolicy(OptionalInt keepLast, Optional<Duration> keepYoungerThan, Duration expireStagedAfter) {
    /** How long a staged snapshot waits for its audit unless the policy says otherwise. */
    public static final Duration STAGED_DEFAULT = Duration.ofDays(7);

    /** Validates the components. */
    public RetentionPolicy {
        Objects.requireNonNull(keepLast, "keepLast");
        Objects.requireNonNull(keepYoungerThan, "keepYoungerThan");
        Objects.requireNonNull(expireStagedAfter, "expireStagedAfter");
        if (keepLast.isPresent() && keepLast.getAsInt() < 1) {
            throw new IllegalArgumentException("keepLast must be at least 1 (the current snapshot), not "
                    + keepLast.getAsInt());
        }
        if (keepYoungerThan.isPresent() && keepYoungerThan.get().isNegative()) {
            throw new IllegalArgumentException("keepYoungerThan must not be negative: " + keepYoungerThan.get());
        }
        if (expireStagedAfter.isNegative()) {
            throw new IllegalArgumentException("expireStagedAfter must not be negative: " + expireStagedAfter);
        }
    }

    /**
     * @param n how many of the latest committed snapshots to keep, at least 1
     * @return the policy
     */
    public static RetentionPolicy keepLast(int n) {
        return new RetentionPolicy(OptionalInt.of(n), Optional.empty(), STAGED_DEFAULT);
    }

    /**
     * @param age the age under which snapshots are kept
     * @return the policy
     */
    public static RetentionPolicy keepYoungerThan(Duration age) {
        return new RetentionPolicy(OptionalInt.empty(), Optional.of(age), STAGED_DEFAULT);
    }

    /**
     * @param age the age under which snapshots are kept too
     * @return this policy, also keeping snapshots younger than {@code age}
     */
    public RetentionPolicy orYoungerThan(Duration age) {
        return new RetentionPolicy(keepLast, Optional.of(age), expireStagedAfter);
    }

    /**
     * @param age the age at which staged snapshots never published go
     * @return this policy with that limit
     */
    public RetentionPolicy expiringStagedAfter(Duration age) {
        return new RetentionPolicy(keepLast, keepYoungerThan, age);
    }
}
