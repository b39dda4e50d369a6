package dev.dataproduct.ports.stream;

import dev.dataproduct.api.error.PortException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * An Apache Kafka cluster as an event stream. Deliveries are Kafka transactions (one per
 * snapshot), reads use {@code isolation.level=read_committed}, so a reader never sees part of a
 * snapshot. Topics the ports need are created with {@link #partitions(int)} partitions and the
 * cluster's default replication when absent.
 *
 * <pre>{@code
 * KafkaStream kafka = KafkaStream.connect("broker-1:9092")
 *     .config(Map.of("security.protocol", "SSL"));   // any client setting, for producer and consumer
 * }</pre>
 */
public final class KafkaStream extends EventStream {
    private static final Duration POLL = Duration.ofMillis(200);
    private final Map<String, Object> config;
    private final int partitions;
    private final Duration timeout;

    private KafkaStream(Map<String, Object> config, int partitions, Duration timeout) {
        this.config = Map.copyOf(config);
        this.partitions = partitions;
        this.timeout = timeout;
    }

    /**
     * @param bootstrapServers the {@code bootstrap.servers} of the cluster
     * @return a stream over that cluster
     */
    public static KafkaStream connect(String bootstrapServers) {
        return new KafkaStream(Map.of("bootstrap.servers", bootstrapServers), 1, Duration.ofSeconds(60));
    }

    /**
     * @param settings client settings for producers, consumers and the admin client (security,
     *     timeouts); the ports' own settings (serializers, transactions, isolation) win
     * @return a copy with them
     */
    public KafkaStream config(Map<String, ?> settings) {
        Map<String, Object> all = new HashMap<>(config);
        all.putAll(settings);
        return new KafkaStream(all, partitions, timeout);
    }

    /**
     * @param count the number of partitions of the topics the ports create, at least 1
     * @return a copy with it
     */
    public KafkaStream partitions(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition, not " + count);
        }
        return new KafkaStream(config, count, timeout);
    }

    /**
     * @param value how long a read waits for the cluster before it fails
     * @return a copy with it
     */
    public KafkaStream timeout(Duration value) {
        return new KafkaStream(config, partitions, value);
    }

    @Override
    void ensureTopic(String topic) {
        try (Admin admin = Admin.create(config)) {
            if (admin.listTopics().names().get().contains(topic)) {
                return;
            }
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new PortException("cannot create topic '" + topic + "' on " + config.get("bootstrap.servers")
                        + ": " + e.getCause() + "; check that the cluster is reachable and allows creating topics, "
                        + "or create it beforehand", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException("interrupted while creating topic '" + topic + "'", e);
        }
    }

    @Override
    Publisher publisher(String transactionalId) {
        Map<String, Object> p = new HashMap<>(config);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        // a snapshot is one transaction, however long it takes to write: up to the brokers' default maximum
        p.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 900_000);
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer());
        try {
            producer.initTransactions();
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw new PortException("cannot start transactions as '" + transactionalId + "' on "
                    + config.get("bootstrap.servers") + ": " + e + "; the cluster must allow transactions", e);
        }
        return new Publisher() {
            /** The offset after the last record this transaction wrote, by partition. */
            private final Map<TopicPartition, Long> written = new java.util.concurrent.ConcurrentHashMap<>();
            private KafkaConsumer<byte[], byte[]> visibility;

            @Override
            public void begin() {
                written.clear();
                producer.beginTransaction();
            }

            /** The last header of each name: the envelope repeats most values, encoded once. */
            private final Map<String, Header> lastHeaders = new HashMap<>();

            @Override
            public void send(String topic, byte[] key, byte[] value, Map<String, String> headers, Instant timestamp) {
                List<Header> h = new ArrayList<>(headers.size());
                headers.forEach((k, v) -> {
                    Header last = lastHeaders.get(k);
                    if (last == null || !(last instanceof Text t && t.text == v)) {
                        last = new Text(k, v);
                        lastHeaders.put(k, last);
                    }
                    h.add(last);
                });
                producer.send(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(),
                        key.length == 0 ? null : key, value, h), (meta, error) -> {
                            if (meta != null) {
                                written.merge(new TopicPartition(meta.topic(), meta.partition()), meta.offset() + 1,
                                        Math::max);
                            }
                        });
            }

            @Override
            public void commit() {
                producer.commitTransaction();
                awaitVisible();
            }

            /**
             * Waits until read_committed readers see the whole transaction: the commit returns once
             * it is decided, and the markers that make it visible reach each partition a moment later.
             */
            private void awaitVisible() {
                if (written.isEmpty()) {
                    return;
                }
                if (visibility == null) {
                    Map<String, Object> c = new HashMap<>(config);
                    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
                    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
                    visibility = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
                }
                long deadline = System.nanoTime() + timeout.toNanos();
                while (true) {
                    Map<TopicPartition, Long> stable = visibility.endOffsets(written.keySet(), timeout);
                    if (written.entrySet().stream().allMatch(e -> stable.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new PortException("the transaction of '" + transactionalId + "' was committed but "
                                + "read_committed readers did not see all of it within " + timeout + " (stable "
                                + "offsets " + stable + ", written up to " + written + "); check the cluster's health");
                    }
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new PortException("interrupted while waiting for a commit to become visible", e);
                    }
                }
            }

            @Override
            public void abort() {
                producer.abortTransaction();
            }

            @Override
            public void close() {
                producer.close();
                if (visibility != null) {
                    visibility.close();
                }
            }
        };
    }

    @Override
    Reader reader() {
        Map<String, Object> c = new HashMap<>(config);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        return new Reader() {
            @Override
            public List<Integer> partitions(String topic) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
                List<Integer> ids = new ArrayList<>();
                if (infos != null) {
                    infos.forEach(i -> ids.add(i.partition()));
                }
                ids.sort(null);
                return ids;
            }

            private List<TopicPartition> tps(String topic) {
                return partitions(topic).stream().map(p -> new TopicPartition(topic, p)).toList();
            }

            private Map<Integer, Long> byPartition(Map<TopicPartition, Long> m) {
                Map<Integer, Long> out = new LinkedHashMap<>();
                m.forEach((tp, o) -> out.put(tp.partition(), o));
                return out;
            }

            @Override
            public Map<Integer, Long> beginning(String topic) {
                return byPartition(consumer.beginningOffsets(tps(topic), timeout));
            }

            @Override
            public Map<Integer, Long> end(String topic) {
                // with read_committed, the end is the last stable offset: no open transaction's records
                return byPartition(consumer.endOffsets(tps(topic), timeout));
            }

            @Override
            public Map<Integer, Long> offsetsAt(String topic, Instant time) {
                Map<TopicPartition, Long> query = new HashMap<>();
                List<TopicPartition> all = tps(topic);
                all.forEach(tp -> query.put(tp, time.toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
                Map<Integer, Long> end = end(topic);
                Map<Integer, Long> out = new LinkedHashMap<>();
                for (TopicPartition tp : all) {
                    OffsetAndTimestamp at = found.get(tp);
                    out.put(tp.partition(), at == null ? end.get(tp.partition()) : at.offset());
                }
                return out;
            }

            @Override
            public Records read(String topic, Map<Integer, Long> from, Map<Integer, Long> to) {
                Map<TopicPartition, Long> ends = new HashMap<>();
                for (Map.Entry<Integer, Long> e : to.entrySet()) {
                    long start = from.getOrDefault(e.getKey(), 0L);
                    if (start < e.getValue()) {
                        ends.put(new TopicPartition(topic, e.getKey()), e.getValue());
                    }
                }
                consumer.assign(ends.keySet());
                ends.keySet().forEach(tp -> consumer.seek(tp, from.getOrDefault(tp.partition(), 0L)));
                return new Records() {
                    private final Deque<ConsumerRecord<byte[], byte[]>> buffered = new ArrayDeque<>();
                    private long idleSince = System.nanoTime();

                    @Override
                    public StreamRecord next() {
                        while (buffered.isEmpty()) {
                            ends.entrySet().removeIf(e -> consumer.position(e.getKey(), timeout) >= e.getValue());
                            if (ends.isEmpty()) {
                                return null;
                            }
                            consumer.assign(ends.keySet());
                            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                                Long end = ends.get(new TopicPartition(r.topic(), r.partition()));
                                if (end != null && r.offset() < end) {
                                    buffered.add(r);
                                }
                            }
                            if (!buffered.isEmpty()) {
                                idleSince = System.nanoTime();
                            } else if (System.nanoTime() - idleSince > timeout.toNanos()) {
                                throw new PortException("no records from topic '" + topic + "' for " + timeout
                                        + " although partitions " + ends + " hold committed records up to those "
                                        + "offsets; check that the cluster is reachable");
                            }
                        }
                        ConsumerRecord<byte[], byte[]> r = buffered.poll();
                        Map<String, String> headers = new LinkedHashMap<>();
                        for (Header h : r.headers()) {
                            headers.put(h.key(), h.value() == null ? "" : new String(h.value(),
                                    StandardCharsets.UTF_8));
                        }
                        return new StreamRecord(r.topic(), r.partition(), r.offset(),
                                Instant.ofEpochMilli(r.timestamp()), r.key(), r.value(), headers);
                    }

                    @Override
                    public void close() {
                        consumer.assign(List.of());
                    }
                };
            }

            @Override
            public void close() {
                consumer.close();
            }
        };
    }

    @Override
    public String toString() {
        return "Kafka cluster " + config.get("bootstrap.servers");
    }

    /** A header that remembers the text it encodes, so that the same text is not encoded twice. */
    private static final class Text extends RecordHeader {
        private final String text;

        Text(String key, String text) {
            super(key, text.getBytes(StandardCharsets.UTF_8));
            this.text = text;
        }
    }
}
