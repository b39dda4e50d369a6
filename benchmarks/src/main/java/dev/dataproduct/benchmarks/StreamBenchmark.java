package dev.dataproduct.benchmarks;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.CommittedSnapshot;
import dev.dataproduct.api.port.OutputContext;
import dev.dataproduct.api.port.SnapshotInfo;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.io.ArrowMemory;
import dev.dataproduct.ports.stream.EventStream;
import dev.dataproduct.ports.stream.InMemoryStream;
import dev.dataproduct.ports.stream.KafkaStream;
import dev.dataproduct.ports.stream.StartPosition;
import dev.dataproduct.ports.stream.StreamOutput;
import dev.dataproduct.ports.stream.StreamRecord;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Records per second delivering one snapshot of {@code -Dstreamrows} rows (1M by default) through the
 * stream output (JSON values, CloudEvents headers, one transaction) against a bare KafkaProducer,
 * transactional with the same settings, writing the very same keys, values and headers, prepared
 * beforehand. Both write to a single-node KRaft broker in this JVM (or {@code -Dbootstrap}). Ends with
 * {@code ratio port/producer: X.XX}.
 */
final class StreamBenchmark {
    private static final Schema SCHEMA = Schema.of(
            Field.builder("event_id", LogicalType.STRING).required().primaryKey(1).build(),
            Field.of("student_id", LogicalType.STRING, true),
            Field.of("school_id", LogicalType.STRING, true),
            Field.of("status", LogicalType.STRING, true),
            Field.of("minutes_late", LogicalType.INT64, false),
            Field.of("recorded_at", LogicalType.TIMESTAMP_TZ, true));
    private static final int BATCH = 8192;

    private StreamBenchmark() {
    }

    static void run(int rows, int warmups, int runs, PrintStream out) throws Exception {
        String bootstrap = System.getProperty("bootstrap", "");
        KafkaClusterTestKit cluster = null;
        if (bootstrap.isEmpty()) {
            cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true)
                    .setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0").build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            bootstrap = cluster.bootstrapServers();
        }
        try (BufferAllocator allocator = ArrowMemory.rootAllocator()) {
            List<VectorSchemaRoot> batches = batches(rows, allocator);
            try {
                CommittedSnapshot snapshot = snapshot(batches);
                List<ProducerRecord<byte[], byte[]>> same = sameRecords(snapshot, allocator);
                long bytes = same.stream().mapToLong(r -> r.value().length + r.key().length).sum();
                out.printf("snapshot: %,d rows, %,d key and value bytes, %d headers per record%n", rows, bytes,
                        same.get(0).headers().toArray().length);
                KafkaStream kafka = KafkaStream.connect(bootstrap);
                List<Long> port = new ArrayList<>();
                List<Long> bare = new ArrayList<>();
                for (int i = 0; i < warmups + runs; i++) {
                    long p = timePort(kafka, snapshot, allocator, i);
                    long b = timeProducer(bootstrap, same, i);
                    if (i >= warmups) {
                        port.add(p);
                        bare.add(b);
                    }
                    out.printf("run %d: port %,d ms, producer %,d ms%n", i, p / 1_000_000, b / 1_000_000);
                }
                double portRate = rows / (median(port) / 1e9);
                double bareRate = rows / (median(bare) / 1e9);
                out.printf("port:     %,.0f records/s (median of %d)%n", portRate, runs);
                out.printf("producer: %,.0f records/s (median of %d)%n", bareRate, runs);
                out.printf("ratio port/producer: %.2f%n", portRate / bareRate);
            } finally {
                batches.forEach(VectorSchemaRoot::close);
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    /** The contract of the benchmark's dataset: the port keys records by its primary key. */
    private static Optional<DataContract> contract() {
        DatasetSpec.Builder spec = DatasetSpec.named("attendance");
        SCHEMA.fields().forEach(spec::field);
        dev.dataproduct.api.port.InputPort none = new dev.dataproduct.api.port.InputPort() {
            @Override
            public dev.dataproduct.api.port.PortDescriptor descriptor() {
                return new dev.dataproduct.api.port.PortDescriptor("raw", "memory", "arrow", "");
            }

            @Override
            public Dataset open(dev.dataproduct.api.port.InputContext context) {
                return Dataset.of("raw", SCHEMA, List.of());
            }
        };
        return Optional.of(DataProduct.builder("attendance-events").domain("school").version("1.0.0")
                .owner(Owner.person("Bench", "bench@example.com")).purpose("Benchmark of the stream output.")
                .input(none)
                .output(spec.build()).transform(ctx -> ctx.input("raw")).build().contract());
    }

    private static long timePort(KafkaStream kafka, CommittedSnapshot snapshot, BufferAllocator allocator, int run) {
        try (StreamOutput port = StreamOutput.to(kafka, "bench-port-" + run)) {
            port.open(new OutputContext(snapshot.info().productAddress(), allocator, Clock.systemUTC(), contract()));
            long start = System.nanoTime();
            port.publish(snapshot);
            return System.nanoTime() - start;
        }
    }

    private static long timeProducer(String bootstrap, List<ProducerRecord<byte[], byte[]>> records, int run) {
        String topic = "bench-bare-" + run;
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrap);
        p.put("transactional.id", "bench-bare-" + run);
        p.put("enable.idempotence", true);
        p.put("acks", "all");
        p.put("linger.ms", 5);
        p.put("batch.size", 256 * 1024);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            // the topic exists before the clock starts, as the port's does
            producer.partitionsFor(topic);
            long start = System.nanoTime();
            producer.beginTransaction();
            for (ProducerRecord<byte[], byte[]> r : records) {
                producer.send(new ProducerRecord<>(topic, null, r.timestamp(), r.key(), r.value(), r.headers()));
            }
            producer.commitTransaction();
            return System.nanoTime() - start;
        }
    }

    /** What the port writes, captured on the in-memory stream, as producer records. */
    private static List<ProducerRecord<byte[], byte[]>> sameRecords(CommittedSnapshot snapshot,
                                                                     BufferAllocator allocator) {
        InMemoryStream memory = InMemoryStream.create();
        try (StreamOutput port = StreamOutput.to(memory, "capture")) {
            port.open(new OutputContext(snapshot.info().productAddress(), allocator, Clock.systemUTC(), contract()));
            port.publish(snapshot);
        }
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (EventStream.Replay replay = memory.replay("capture", StartPosition.earliest())) {
            for (StreamRecord r = replay.next(); r != null; r = replay.next()) {
                List<Header> headers = new ArrayList<>();
                r.headers().forEach((k, v) -> headers.add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
                out.add(new ProducerRecord<>("", null, r.timestamp().toEpochMilli(), r.key(), r.value(), headers));
            }
        }
        return out;
    }

    private static List<VectorSchemaRoot> batches(int rows, BufferAllocator allocator) {
        List<VectorSchemaRoot> batches = new ArrayList<>();
        Instant t0 = Instant.parse("2026-09-01T07:55:00Z");
        String[] statuses = {"present", "absent", "late", "excused"};
        for (int from = 0; from < rows; from += BATCH) {
            try (BatchBuilder b = BatchBuilder.create(SCHEMA, allocator)) {
                for (int i = from; i < Math.min(rows, from + BATCH); i++) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("event_id", String.format("ev-%09d", i));
                    r.put("student_id", "st-" + (i % 50_000));
                    r.put("school_id", "sch-" + (i % 40));
                    r.put("status", statuses[i % 4]);
                    r.put("minutes_late", i % 4 == 2 ? (long) (i % 30) : null);
                    r.put("recorded_at", t0.plusSeconds(i % 86_400));
                    b.addRow(r);
                }
                batches.add(b.build());
            }
        }
        return batches;
    }

    private static CommittedSnapshot snapshot(List<VectorSchemaRoot> batches) {
        SnapshotInfo info = new SnapshotInfo("00000001", 1, Optional.empty(), Instant.now(),
                "urn:dataproduct:school:attendance-events:v1", "1.0.0", Map.of(), Map.of());
        Dataset dataset = new Dataset() {
            @Override
            public String name() {
                return "attendance";
            }

            @Override
            public Schema schema() {
                return SCHEMA;
            }

            @Override
            public BatchCursor open() {
                return new BatchCursor() {
                    private int next;

                    @Override
                    public boolean next() {
                        return next++ < batches.size();
                    }

                    @Override
                    public VectorSchemaRoot batch() {
                        return batches.get(next - 1);
                    }

                    @Override
                    public void close() {
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
                return Set.of("attendance");
            }

            @Override
            public Dataset dataset(String name) {
                return dataset;
            }
        };
    }

    private static long median(List<Long> values) {
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
