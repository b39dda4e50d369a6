package dev.dataproduct.core.read;

import java.time.Instant;
import java.util.Objects;

/**
 * Which snapshot a read reads: the current one, one by id (a staged one too, for its audit), one
 * by tag, or the one that was current at an instant (time travel, from the commit times of the
 * committed manifests).
 *
 * <pre>{@code
 * SnapshotSelector.current();
 * SnapshotSelector.id("00000007");
 * SnapshotSelector.asOf(Instant.parse("2026-11-30T00:00:00Z"));
 * SnapshotSelector.tag("release-2026-q4");
 * }</pre>
 */
public sealed interface SnapshotSelector {

    /** @return the current snapshot when the read starts */
    static SnapshotSelector current() {
        return new Current();
    }

    /** @param id a snapshot id @return that snapshot */
    static SnapshotSelector id(String id) {
        return new ById(id);
    }

    /**
     * @param instant a point in time
     * @return the last snapshot committed at or before it
     */
    static SnapshotSelector asOf(Instant instant) {
        return new AsOf(instant);
    }

    /**
     * @param tag a tag of the product
     * @return the snapshot the tag names
     */
    static SnapshotSelector tag(String tag) {
        return new Tagged(tag);
    }

    /**
     * A snapshot by tag.
     *
     * @param tag the tag
     */
    record Tagged(String tag) implements SnapshotSelector {
        /** Validates the tag. */
        public Tagged {
            Objects.requireNonNull(tag, "tag");
        }
    }

    /** The current snapshot. */
    record Current() implements SnapshotSelector {
    }

    /**
     * A snapshot by id.
     *
     * @param id the id
     */
    record ById(String id) implements SnapshotSelector {
        /** Validates the id. */
        public ById {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * The snapshot current at an instant.
     *
     * @param instant the instant
     */
    record AsOf(Instant instant) implements SnapshotSelector {
        /** Validates the instant. */
        public AsOf {
            Objects.requireNonNull(instant, "instant");
        }
    }
}
