package dev.dataproduct.ports.stream;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.quarantine.RejectSink;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.quarantine.Violation;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.TextValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * An input port that reads a topic into Arrow batches with a product's schema. Each run reads the
 * records committed since the position stored with the product's current snapshot (see
 * {@link InputContext#committedPosition()}) up to the end of each partition when the run opened
 * the port; the run's commit stores the new position in the snapshot's manifest. A run that fails
 * or crashes before its commit stores nothing, so the next run reads the same records again: no
 * record is lost and none is read twice by committed snapshots. Only committed records of
 * transactional producers are read ({@code read_committed}).
 *
 * <pre>{@code
 * InputPort raw = StreamInput.from(KafkaStream.connect("broker:9092"), "attendance-raw", schema)
 *     .named("records")
 *     .startingAt(StartPosition.time(Instant.parse("2026-09-01T00:00:00Z")));  // the first run only
 * }</pre>
 *
 * <p>A record whose value does not parse, or a value that does not fit its column, is sent to the
 * run's quarantine with its place ({@code topic/partition@offset}), rule {@code parse} and the
 * field; the reason never repeats a value of a classified field. Fields of the value the schema
 * lacks are ignored; columns the value lacks are null (the contract gate decides whether that is
 * allowed). A tombstone (a deletion delivered by a {@link StreamOutput}, with no value) is no row:
 * it is quarantined with rule {@code tombstone}. Memory use is bounded by the batch size.
 */
public final class StreamInput implements InputPort {
    private final EventStream stream;
    private final String topic;
    private final Schema schema;
    private final String name;
    private final ValueFormat format;
    private final StartPosition start;
    private final int batchSize;
    private final boolean lastSnapshotOnly;
    private final List<Runnable> toClose = new ArrayList<>();
    private Map<String, String> position = Map.of();

    private StreamInput(EventStream stream, String topic, Schema schema, String name, ValueFormat format,
                        StartPosition start, int batchSize, boolean lastSnapshotOnly) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.name = Objects.requireNonNull(name, "name");
        this.format = Objects.requireNonNull(format, "format");
        this.start = Objects.requireNonNull(start, "start");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        this.batchSize = batchSize;
        this.lastSnapshotOnly = lastSnapshotOnly;
        if (format == ValueFormat.JSON) {
            for (Field f : schema.fields()) {
                if (!TextValues.isTextReadable(f.type())) {
                    throw new IllegalArgumentException("stream input '" + name + "' reads JSON values of scalar "
                            + "columns, but field '" + f.name() + "' is " + f.type().typeName()
                            + "; read it as ValueFormat.ARROW_IPC");
                }
            }
        }
    }

    /**
     * An input named after the topic, reading JSON values from the earliest record kept.
     *
     * @param stream the stream (a Kafka cluster, or memory)
     * @param topic the topic
     * @param schema the schema the values are read into
     * @return the port
     */
    public static StreamInput from(EventStream stream, String topic, Schema schema) {
        return new StreamInput(stream, topic, schema, topic, ValueFormat.JSON, StartPosition.earliest(), 4096, false);
    }

    /** @param value the input's name, by which transforms read it @return a copy with it */
    public StreamInput named(String value) {
        return new StreamInput(stream, topic, schema, value, format, start, batchSize, lastSnapshotOnly);
    }

    /** @param value how the rows are written in the values @return a copy with it */
    public StreamInput format(ValueFormat value) {
        return new StreamInput(stream, topic, schema, name, value, start, batchSize, lastSnapshotOnly);
    }

    /**
     * Where the first run starts; later runs go on from the position committed with the product's
     * snapshot. To replay, give a product with no snapshot yet (a new store) a start.
     *
     * @param value the start
     * @return a copy with it
     */
    public StreamInput startingAt(StartPosition value) {
        return new StreamInput(stream, topic, schema, name, format, value, batchSize, lastSnapshotOnly);
    }

    /** @param rows the number of rows per batch, at least 1 @return a copy with it */
    public StreamInput batchSize(int rows) {
        return new StreamInput(stream, topic, schema, name, format, start, rows, lastSnapshotOnly);
    }

    /**
     * Reads the records of the last snapshot delivered by a {@link StreamOutput} only, whole: to
     * rebuild a product that replaces its rows with each snapshot from its own stream, or to mirror
     * one. Every run reads the last delivery after the start (see {@link #startingAt}), not only
     * records that arrived since the last run, since a replacing product's state is its last
     * snapshot: a run with no new delivery reads the same snapshot again rather than an empty one.
     * The last delivery is the last closing record on the topic's deliveries topic
     * ({@link StreamOutput#DELIVERIES_TOPIC_SUFFIX}), so an empty snapshot rebuilds an empty
     * product; for a topic written before deliveries were recorded, it is the last delivery found
     * among the records. Records of earlier deliveries are superseded, not read.
     *
     * <p>A last delivery of which the topic keeps fewer records than its closing record counts
     * (retention deleted part of it) fails the run ({@link PortException}) rather than rebuilding
     * part of a snapshot.
     *
     * <p>A product whose snapshots are increments (an append, events, an upsert) delivers its
     * changes only: its last delivery is not its state. Such a stream is refused when its last
     * delivery is an increment ({@link PortException} at open); rebuild that product from all its
     * records, without this.
     *
     * @return a copy that does so
     */
    public StreamInput lastSnapshotOnly() {
        return new StreamInput(stream, topic, schema, name, format, start, batchSize, true);
    }

    @Override
    public PortDescriptor descriptor() {
        return new PortDescriptor(name, "stream", format == ValueFormat.JSON ? "json" : "arrow-ipc", topic);
    }

    @Override
    public synchronized Dataset open(InputContext context) {
        EventStream.Reader reader = stream.reader();
        toClose.add(reader::close);
        try {
            // the closing records first: a delivery they name has all its records before the ends read next
            Optional<Deliveries.Delivered> closed = lastSnapshotOnly ? lastClosed(reader) : Optional.empty();
            Map<Integer, Long> to = reader.end(topic);
            Map<Integer, Long> from = lastSnapshotOnly ? StartPositions.resolve(start, reader, topic)
                    : from(reader, context.committedPosition());
            Map<String, String> p = new LinkedHashMap<>();
            to.forEach((part, off) -> p.put(Integer.toString(part), Long.toString(off)));
            position = p;
            Optional<String> delivery = !lastSnapshotOnly ? Optional.empty()
                    : closed.isPresent() ? closed.map(Deliveries.Delivered::delivery) : lastDelivery(reader, from, to);
            if (closed.isPresent() && closed.get().increment()) {
                throw new PortException("stream input '" + name + "' reads the last snapshot only, but the last "
                        + "delivery to topic '" + topic + "' (snapshot " + closed.get().snapshot() + ") is an increment: "
                        + "the product that delivers it writes changes, not its whole state. Read the topic "
                        + "without lastSnapshotOnly() to rebuild that product from all its records");
            }
            boolean fromStart = lastSnapshotOnly || context.committedPosition().isEmpty();
            AtomicBoolean firstPass = new AtomicBoolean(true);
            return new Dataset() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public Schema schema() {
                    return schema;
                }

                @Override
                public BatchCursor open() {
                    // a second pass reads the same records: their rejects were sent by the first
                    RejectSink rejects = firstPass.getAndSet(false) ? context.rejects() : r -> { };
                    return new Cursor(reader.read(topic, from, to), context.allocator(), rejects, delivery, closed,
                            fromStart && start instanceof StartPosition.AtTime t
                                    ? Optional.of(t.time()) : Optional.empty());
                }
            };
        } catch (PortException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PortException("stream input '" + name + "' cannot read topic '" + topic + "' on " + stream
                    + ": " + e + "; nothing was committed, the next run reads from the same position", e);
        }
    }

    private Map<Integer, Long> from(EventStream.Reader reader, Map<String, String> committed) {
        if (committed.isEmpty()) {
            return StartPositions.resolve(start, reader, topic);
        }
        Map<Integer, Long> beginning = reader.beginning(topic);
        Map<Integer, Long> from = new LinkedHashMap<>();
        for (Map.Entry<Integer, Long> e : beginning.entrySet()) {
            String at = committed.get(Integer.toString(e.getKey()));
            long off = at == null ? e.getValue() : Long.parseLong(at);
            if (off < e.getValue()) {
                throw new PortException("stream input '" + name + "' should go on from offset " + off + " of "
                        + topic + "/" + e.getKey() + ", but the topic keeps records from offset " + e.getValue()
                        + " only: records were deleted by retention before a run read them. Raise the topic's "
                        + "retention or run the product more often; to go on regardless, rebuild the product");
            }
            from.put(e.getKey(), off);
        }
        return from;
    }

    /** @return the last closing record on the topic's deliveries topic, if it has any */
    private Optional<Deliveries.Delivered> lastClosed(EventStream.Reader reader) {
        String deliveries = topic + StreamOutput.DELIVERIES_TOPIC_SUFFIX;
        if (reader.partitions(deliveries).isEmpty()) {
            return Optional.empty();
        }
        StreamRecord last = null;
        try (EventStream.Records records = reader.read(deliveries, reader.beginning(deliveries),
                reader.end(deliveries))) {
            for (StreamRecord r = records.next(); r != null; r = records.next()) {
                // one product's closing records share a key, hence a partition, where offsets order them
                if (last == null || r.partition() == last.partition() || r.timestamp().isAfter(last.timestamp())) {
                    last = r;
                }
            }
        }
        return last == null ? Optional.empty() : Optional.of(Deliveries.Delivered.fromJson(last));
    }

    private Optional<String> lastDelivery(EventStream.Reader reader, Map<Integer, Long> from, Map<Integer, Long> to) {
        Deliveries deliveries = new Deliveries();
        try (EventStream.Records records = reader.read(topic, from, to)) {
            for (StreamRecord r = records.next(); r != null; r = records.next()) {
                deliveries.add(r);
            }
        }
        return deliveries.last();
    }

    @Override
    public synchronized Map<String, String> position() {
        return position;
    }

    @Override
    public synchronized void close() {
        toClose.forEach(Runnable::run);
        toClose.clear();
    }

    @Override
    public String toString() {
        return "stream input '" + name + "' from topic '" + topic + "' on " + stream;
    }

    /** Records decoded into batches of the schema, one batch at a time. */
    private final class Cursor implements BatchCursor {
        private final EventStream.Records records;
        private final BufferAllocator allocator;
        private final RejectSink rejects;
        private final Optional<String> delivery;
        /** The closing record of the delivery read, which says how many records it wrote. */
        private final Optional<Deliveries.Delivered> closed;
        private long delivered;
        private final RowCodec codec = new RowCodec(format);
        private final List<String> origins = new ArrayList<>();
        private final StartPositions.TimeFilter notBefore;
        private VectorSchemaRoot batch;

        Cursor(EventStream.Records records, BufferAllocator allocator, RejectSink rejects, Optional<String> delivery,
               Optional<Deliveries.Delivered> closed, Optional<java.time.Instant> notBefore) {
            this.closed = closed;
            this.notBefore = new StartPositions.TimeFilter(notBefore);
            this.records = records;
            this.allocator = allocator;
            this.rejects = rejects;
            this.delivery = delivery;
        }

        @Override
        public boolean next() {
            closeBatch();
            origins.clear();
            try (BatchBuilder b = BatchBuilder.quarantining(schema, allocator, name, rejects)) {
                StreamRecord r = null;
                while (b.rowCount() < batchSize && (r = records.next()) != null) {
                    if (delivery.isPresent() && !delivery.get().equals(r.header(CloudEvents.DELIVERY))
                            || notBefore.beforeStart(r)) {
                        continue;
                    }
                    delivered++;
                    add(b, r);
                }
                if (r == null && closed.isPresent() && delivered < closed.get().records()) {
                    throw new PortException("stream input '" + name + "' reads the last snapshot delivered to topic '"
                            + topic + "' (snapshot " + closed.get().snapshot() + "), which wrote "
                            + closed.get().records() + " records, but found " + delivered + " of them after the start: "
                            + "retention deleted part of it, or the start lies after it. Nothing was committed; "
                            + "rebuild from a topic that keeps the whole last snapshot, or from an earlier start");
                }
                if (b.rowCount() == 0) {
                    return false;
                }
                batch = b.build();
                return true;
            }
        }

        private void add(BatchBuilder b, StreamRecord r) {
            if (r.value().length == 0 && CloudEvents.DELETED_TYPE.equals(r.header(CloudEvents.TYPE))) {
                // a deletion is no row: kept in the quarantine, never dropped unseen (the key is not repeated)
                rejects.reject(new RejectedRow(name, r.origin(), List.of(new Violation("", "tombstone", "record "
                        + r.origin() + " is a tombstone: it deletes a key of the product that delivered it and "
                        + "holds no row; read the topic into a product that applies the deletion, or skip it")),
                        Map.of()));
                return;
            }
            RowCodec.Decoded row = codec.decode(r.value(), schema, allocator);
            if (!row.problems().isEmpty()) {
                List<Violation> violations = new ArrayList<>();
                for (RowCodec.Problem p : row.problems()) {
                    violations.add(new Violation(p.field() == null ? "" : p.field().name(), "parse",
                            p.message() + " (record " + r.origin() + ")"));
                }
                rejects.reject(new RejectedRow(name, r.origin(), violations, row.text()));
                return;
            }
            int before = b.rowCount();
            try {
                b.origin(r.origin()).addRow(row.values());
            } catch (IllegalArgumentException e) {
                rejects.reject(new RejectedRow(name, r.origin(), List.of(new Violation("", "parse",
                        "the value does not fit the schema " + schema.fieldNames() + " (record " + r.origin() + ")")),
                        row.text()));
                return;
            }
            if (b.rowCount() > before) {
                origins.add(r.origin());
            }
        }

        @Override
        public VectorSchemaRoot batch() {
            if (batch == null) {
                throw new IllegalStateException("the cursor of stream input '" + name + "' is not on a batch");
            }
            return batch;
        }

        @Override
        public Optional<String> origin(int row) {
            return row >= 0 && row < origins.size() ? Optional.of(origins.get(row)) : Optional.empty();
        }

        private void closeBatch() {
            if (batch != null) {
                batch.close();
                batch = null;
            }
        }

        @Override
        public void close() {
            closeBatch();
            records.close();
        }
    }
}
