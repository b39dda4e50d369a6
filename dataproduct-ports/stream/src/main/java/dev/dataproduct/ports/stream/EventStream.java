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
