package dev.dataproduct.ports.stream;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Where a read starts, in offsets, for the inputs and replays of a topic. */
final class StartPositions {
    private StartPositions() {
    }

    /** @return the first offset of each partition to read from {@code start} */
    static Map<Integer, Long> resolve(StartPosition start, EventStream.Reader reader, String topic) {
        Map<Integer, Long> from = new LinkedHashMap<>(reader.beginning(topic));
        if (start instanceof StartPosition.Offsets o) {
            // an offset retention has passed starts at what is kept
            o.offsets().forEach((part, off) -> from.computeIfPresent(part, (k, b) -> Math.max(b, off)));
        } else if (start instanceof StartPosition.AtTime t) {
            from.putAll(reader.offsetsAt(topic, t.time()));
        }
        return from;
    }

    /**
     * Skips, in each partition, the records before the first one at or after the start time: Kafka
     * finds the time's offset by the timestamps of control records too, which are the broker's, so
     * the offset found can lie before the first record at or after the time.
     */
    static final class TimeFilter {
        private final Optional<Instant> notBefore;
        private final Set<Integer> reached = new HashSet<>();

        TimeFilter(Optional<Instant> notBefore) {
            this.notBefore = notBefore;
        }

        boolean beforeStart(StreamRecord r) {
            if (notBefore.isEmpty() || reached.contains(r.partition())) {
                return false;
            }
            if (r.timestamp().isBefore(notBefore.get())) {
                return true;
            }
            reached.add(r.partition());
            return false;
        }
    }
}
