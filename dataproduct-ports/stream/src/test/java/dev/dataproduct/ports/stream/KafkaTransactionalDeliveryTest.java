package dev.dataproduct.ports.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.port.CommittedSnapshot;
import dev.dataproduct.api.port.OutputContext;
import dev.dataproduct.api.port.SnapshotInfo;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.io.ArrowMemory;
import java.time.Clock;
import java.time.Duration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** A snapshot reaches a topic all or nothing: read_committed consumers never see part of one. */
class KafkaTransactionalDeliveryTest {
    private static final int ROWS = 2_000;
    private static final int BATCH = 250;

    /** A snapshot of {@link Events} rows that fails after {@code failAfter} batches, if given. */
    private static CommittedSnapshot snapshot(long sequence, int failAfter, BufferAllocator allocator) {
        Schema schema = Events.SPEC.schema();
        SnapshotInfo info = new SnapshotInfo(String.format("%08d", sequence), sequence, Optional.empty(),
                Events.at((int) sequence), "urn:dataproduct:school:events:v1", "1.0.0", Map.of(), Map.of());
        Dataset rows = new Dataset() {
            @Override
            public String name() {
                return "events";
            }

            @Override
            public Schema schema() {
                return schema;
            }

            @Override
            public BatchCursor open() {
                return new BatchCursor() {
                    private int batch = -1;
                    private VectorSchemaRoot root;

                    @Override
                    public boolean next() {
                        close();
                        batch++;
                        if (batch == failAfter) {
                            throw new IllegalStateException("the read path failed at batch " + batch);
                        }
                        if (batch * BATCH >= ROWS) {
                            return false;
                        }
                        root = BatchBuilder.fromRows(schema, Events.rows(batch * BATCH, (batch + 1) * BATCH),
                                allocator);
                        return true;
                    }

                    @Override
                    public VectorSchemaRoot batch() {
                        return root;
                    }

                    @Override
                    public void close() {
                        if (root != null) {
                            root.close();
                            root = null;
                        }
                    }
                };
            }
        };
        return new CommittedSnapshot() {
            @Override
            public SnapshotInfo info() {
                return info;
            }

            @Override
            public Set<String> datasetNames() {
                return Set.of("events");
            }

            @Override
            public Dataset dataset(String name) {
                return rows;
            }
        };
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String isolation) {
        Map<String, Object> c = new HashMap<>();
        c.put("bootstrap.servers", Broker.bootstrapServers());
        c.put("isolation.level", isolation);
        c.put("enable.auto.commit", false);
        return new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Test
    void aFailedDeliveryLeavesNothingForReadCommittedConsumersAndTheNextIsSeenWhole() throws Exception {
        KafkaStream stream = Broker.stream();
        String topic = Topics.fresh("tx");
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             StreamOutput port = StreamOutput.to(stream, topic)) {
            port.open(new OutputContext("urn:dataproduct:school:events:v1", allocator, Clock.systemUTC()));
            assertThrows(PortException.class, () -> port.publish(snapshot(1, 3, allocator)));
            port.publish(snapshot(2, -1, allocator));
        }
        Map<String, Integer> committed = countBySnapshot(topic, "read_committed");
        assertEquals(Map.of("00000002", ROWS), committed);
    }

    @Test
    void aConsumerReadingWhileSnapshotsAreDeliveredSeesWholeSnapshotsOnly() throws Exception {
        KafkaStream stream = Broker.stream();
        String topic = Topics.fresh("tx-live");
        stream.ensureTopic(topic);
        AtomicBoolean done = new AtomicBoolean();
        Map<String, Integer> seen = new HashMap<>();
        StringBuilder partial = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> c = consumer("read_committed")) {
                TopicPartition tp = new TopicPartition(topic, 0);
                c.assign(List.of(tp));
                c.seekToBeginning(List.of(tp));
                boolean caughtUp = false;
                while (!(done.get() && caughtUp)) {
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(20))) {
                        seen.merge(new String(r.headers().lastHeader(CloudEvents.SNAPSHOT).value()), 1, Integer::sum);
                    }
                    // every record of a transaction is before the position: a snapshot seen is seen whole
                    caughtUp = c.position(tp) == c.endOffsets(List.of(tp)).get(tp);
                    if (caughtUp) {
                        seen.forEach((s, n) -> {
                            if (n != ROWS) {
                                partial.append(s).append('=').append(n).append(' ');
                            }
                        });
                    }
                }
            }
        });
        reader.start();
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             StreamOutput port = StreamOutput.to(stream, topic)) {
            port.open(new OutputContext("urn:dataproduct:school:events:v1", allocator, Clock.systemUTC()));
            for (int s = 1; s <= 5; s++) {
                port.publish(snapshot(s, -1, allocator));
            }
        }
        done.set(true);
        reader.join(60_000);
        assertEquals("", partial.toString(), "snapshots seen in part");
        assertEquals(5, seen.size());
        assertTrue(seen.values().stream().allMatch(n -> n == ROWS), seen.toString());
    }

    private static Map<String, Integer> countBySnapshot(String topic, String isolation) {
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer(isolation)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (c.position(tp) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(100))) {
                    counts.merge(new String(r.headers().lastHeader(CloudEvents.SNAPSHOT).value()), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

}
