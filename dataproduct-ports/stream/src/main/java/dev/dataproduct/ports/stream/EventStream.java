package dev.dataproduct.ports.stream;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where stream ports write and read records: a Kafka cluster ({@link KafkaStream}) or memory
 * ({@link InMemoryStream}, for unit tests). The ports behave the same on both: they pass the same
 * conformance kits. The operations are the few the ports need, kept inside this package so that
 * the ports stay the one way in.
 */
public abstract sealed class EventStream implements AutoCloseable permits KafkaStream, InMemoryStream {

    EventStream() {
    }

    /** Creates a topic if it does not exist. */
    abstract void ensureTopic(String topic);

    /**
     * @param transactionalId who writes; a new publisher with the same id fences an older one
     * @return a publisher whose records become visible together at {@link Publisher#commit()}
     */
    abstract Publisher publisher(String transactionalId);

    /** @return a reader of committed records only */
    abstract Reader reader();

    /**
     * Reads the committed records of a topic as they are, from a start up to the end of each
     * partition as of this call, in offset order within each partition: to replay a product's
     * stream to a consumer of its own, or to look at what was delivered. To read a topic into a
     * product, use {@link StreamInput}.
     *
     * <pre>{@code
     * try (var records = stream.replay("attendance", StartPosition.time(Instant.parse("2026-09-01T00:00:00Z")))) {
     *     for (StreamRecord r = records.next(); r != null; r = records.next()) {
     *         System.out.println(r.header(CloudEvents.ID));
     *     }
     * }
     * }</pre>
     *
     * @param topic the topic
     * @param from where to start (within retention)
     * @return the records; close them
     */
    public Replay replay(String topic, StartPosition from) {
        Reader reader = reader();
        try {
            Map<Integer, Long> start = StartPositions.resolve(from, reader, topic);
            Records records = reader.read(topic, start, reader.end(topic));
            java.util.Optional<Instant> notBefore = from instanceof StartPosition.AtTime t
                    ? java.util.Optional.of(t.time()) : java.util.Optional.empty();
            return new Replay(records, reader, notBefore);
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** Records of a replay, pulled one at a time; closing releases the reader. */
    public static final class Replay implements AutoCloseable {
        private final Records records;
        private final Reader reader;
        private final StartPositions.TimeFilter filter;

        Replay(Records records, Reader reader, java.util.Optional<Instant> notBefore) {
            this.records = records;
            this.reader = reader;
            this.filter = new StartPositions.TimeFilter(notBefore);
        }

        /** @return the next record, or {@code null} after the last */
        public StreamRecord next() {
            for (StreamRecord r = records.next(); r != null; r = records.next()) {
                if (!filter.beforeStart(r)) {
                    return r;
                }
            }
            return null;
        }

        @Override
        public void close() {
            records.close();
            reader.close();
        }
    }

    /** Releases the connections the stream holds. */
    @Override
    public void close() {
    }

    /** Writes records in transactions: all of one transaction are seen, or none. */
    interface Publisher extends AutoCloseable {
        void begin();

        void send(String topic, byte[] key, byte[] value, Map<String, String> headers, Instant timestamp);

        void commit();

        void abort();

        @Override
        void close();
    }

    /** Reads committed records. */
    interface Reader extends AutoCloseable {
        /** @return the partitions of the topic, none if it does not exist */
        List<Integer> partitions(String topic);

        /** @return the first offset still kept of each partition */
        Map<Integer, Long> beginning(String topic);

        /** @return the offset after the last committed record of each partition */
        Map<Integer, Long> end(String topic);

        /** @return per partition, the first offset whose timestamp is at or after {@code time}; the end if none */
        Map<Integer, Long> offsetsAt(String topic, Instant time);

        /** @return the committed records of the topic from {@code from} (inclusive) to {@code to} (exclusive) */
        Records read(String topic, Map<Integer, Long> from, Map<Integer, Long> to);

        @Override
        void close();
    }

    /** Records in offset order within each partition, pulled one at a time. */
    interface Records extends AutoCloseable {
        /** @return the next record, or null at the end */
        StreamRecord next();

        @Override
        void close();
    }
}
