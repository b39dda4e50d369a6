package dev.dataproduct.ports.stream;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One record of a stream as a reader sees it: where it is (topic, partition, offset), when it was
 * written, its key and value bytes and its headers (a CloudEvents envelope for what a
 * {@link StreamOutput} writes, see {@link CloudEvents}).
 *
 * @param topic the topic
 * @param partition the partition of the topic
 * @param offset the offset within the partition
 * @param timestamp the record's timestamp (for a delivered snapshot, its commit time)
 * @param key the key bytes; empty for none
 * @param value the value bytes; empty for none (a tombstone, see {@link CloudEvents#DELETED_TYPE})
 * @param headers the headers as UTF-8 text, by name
 */
public record StreamRecord(String topic, int partition, long offset, Instant timestamp, byte[] key, byte[] value,
                           Map<String, String> headers) {
    /** Validates and copies the components. */
    public StreamRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(timestamp, "timestamp");
        key = key == null ? new byte[0] : key;
        value = value == null ? new byte[0] : value;
        headers = Collections.unmodifiableMap(new TreeMap<>(headers));
    }

    /** @return {@code topic/partition@offset}, the record's place for messages and quarantined rows */
    public String origin() {
        return topic + "/" + partition + "@" + offset;
    }

    /**
     * @param name a header name
     * @return its value, or empty text if the record has no such header
     */
    public String header(String name) {
        return headers.getOrDefault(name, "");
    }

    @Override
    public String toString() {
        return "record " + origin() + " at " + timestamp;
    }
}
