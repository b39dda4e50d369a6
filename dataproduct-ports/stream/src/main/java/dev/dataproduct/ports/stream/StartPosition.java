package dev.dataproduct.ports.stream;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Where a read of a topic starts when nothing tells it otherwise: the earliest record still kept,
 * given offsets, or the first records at or after a point in time. Only within retention: what the
 * cluster has deleted cannot be read.
 */
public sealed interface StartPosition {

    /** @return the earliest record each partition still keeps */
    static StartPosition earliest() {
        return new Earliest();
    }

    /**
     * @param offsets the first offset to read, by partition; partitions not named start at the earliest
     * @return that position
     */
    static StartPosition offsets(Map<Integer, Long> offsets) {
        return new Offsets(Map.copyOf(offsets));
    }

    /**
     * @param time a point in time
     * @return per partition, the earliest offset whose timestamp is at or after {@code time}
     */
    static StartPosition time(Instant time) {
        return new AtTime(Objects.requireNonNull(time, "time"));
    }

    /** The earliest record kept. */
    record Earliest() implements StartPosition {
    }

    /** @param offsets first offsets by partition */
    record Offsets(Map<Integer, Long> offsets) implements StartPosition {
    }

    /** @param time the point in time */
    record AtTime(Instant time) implements StartPosition {
    }
}
