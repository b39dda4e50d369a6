package dev.dataproduct.ports.stream;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.SchemaObject;
import dev.dataproduct.api.contract.SchemaProperty;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.error.IncompatibleChangeException;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.port.CommittedSnapshot;
import dev.dataproduct.api.port.DatasetChanges;
import dev.dataproduct.api.port.OutputContext;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.port.SnapshotInfo;
import dev.dataproduct.api.schema.TextValues;
import dev.dataproduct.core.compat.CompatibilityChecker;
import dev.dataproduct.core.compat.CompatibilityMode;
import dev.dataproduct.core.compat.CompatibilityReport;
import dev.dataproduct.core.odcs.OdcsCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A delivery port that publishes each committed snapshot, as its audience may read it, to a topic:
 * one record per row (or per changed row, see below), keyed by the row's primary key, with a CloudEvents envelope in the headers
 * ({@link CloudEvents}: {@code id} = snapshot@commit-time/dataset/row, {@code source} = the product's
 * address, {@code type} = {@value CloudEvents#ROW_TYPE}, {@code time} = the commit time,
 * {@code dataschema} = the contract version, {@code subject} = the dataset and key) and the row as
 * the value, in JSON or Arrow IPC ({@link ValueFormat}).
 *
 * <pre>{@code
 * OutputPort topic = StreamOutput.to(KafkaStream.connect("broker:9092"), "attendance")
 *     .audience(Principal.of("attendance-stream", "analyst"));
 * }</pre>
 *
 * <p>A snapshot is delivered all or nothing: its records are written in one transaction, so a
 * consumer reading with {@code isolation.level=read_committed} sees whole snapshots only, and a
 * failed delivery leaves nothing on the topic. The product's contract is kept on the companion
 * topic {@code <topic>.contract}, written in the same transaction when it changes; a contract that
 * breaks the one on the topic (see {@link CompatibilityChecker}) is refused before anything is
 * written, since the topic's consumers read by that contract: a breaking change is a new major
 * version, delivered to a new topic.
 *
 * <p>A dataset each run replaces is delivered whole with every snapshot. A dataset written
 * incrementally (an append, events, an upsert) is delivered as its changes
 * ({@link CommittedSnapshot#changes}): one record per row the snapshot added or wrote again, and
 * for each key that left the dataset as the audience sees it (deleted, or moved out of its row
 * filter) a tombstone: the key, no value, {@code ce_type} {@value CloudEvents#DELETED_TYPE}. The
 * first snapshot, or one whose parent retention removed, is delivered whole. A failed delivery of
 * an incremental snapshot must be redelivered before the next one, whose changes are relative to it.
 *
 * <p>Each delivery ends with a closing record on the companion topic
 * {@code <topic>}{@value #DELIVERIES_TOPIC_SUFFIX}, in the same transaction (see
 * {@link #DELIVERIES_TOPIC_SUFFIX}).
 *
 * <p>Rows are streamed from the read path batch by batch; memory use is bounded by one batch. A
 * key column the audience may not see gives records without a key, and no tombstones.
 */
public final class StreamOutput implements OutputPort {
    /** The default port name. */
    public static final String DEFAULT_NAME = "stream";
    /** The suffix of the companion topic that holds the contract of the records of a topic. */
    public static final String CONTRACT_TOPIC_SUFFIX = ".contract";
    /**
     * The suffix of the companion topic where each delivery, in its transaction, writes one closing
     * record ({@value CloudEvents#DELIVERED_TYPE}): the snapshot, the delivery id, whether the
     * delivery holds the snapshot whole or its changes ({@code increment}) and the number of records
     * it wrote. It tells a reader where snapshots end, an empty one included, which the records of
     * the topic alone cannot.
     */
    public static final String DELIVERIES_TOPIC_SUFFIX = ".deliveries";

    private final EventStream stream;
    private final String topic;
    private final String name;
    private final Principal audience;
    private final ValueFormat format;
    private String productAddress;
    private Optional<DataContract> contract = Optional.empty();
    private EventStream.Publisher publisher;

    private StreamOutput(EventStream stream, String topic, String name, Principal audience, ValueFormat format) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.name = Objects.requireNonNull(name, "name");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.format = Objects.requireNonNull(format, "format");
        if (topic.isBlank()) {
            throw new IllegalArgumentException("a stream output needs a topic name");
        }
    }

    /**
     * A port named {@value #DEFAULT_NAME} delivering JSON values for the anonymous audience.
     *
     * @param stream the stream (a Kafka cluster, or memory)
     * @param topic the topic the rows go to; created if absent
     * @return the port
     */
    public static StreamOutput to(EventStream stream, String topic) {
        return new StreamOutput(stream, topic, DEFAULT_NAME, ANONYMOUS, ValueFormat.JSON);
    }

    /** @param value the port name @return a copy with it */
    public StreamOutput named(String value) {
        return new StreamOutput(stream, topic, value, audience, format);
    }

    /** @param value who the port delivers for @return a copy with it */
    public StreamOutput audience(Principal value) {
        return new StreamOutput(stream, topic, name, value, format);
    }

    /** @param value how rows are written in the values @return a copy with it */
    public StreamOutput format(ValueFormat value) {
        return new StreamOutput(stream, topic, name, audience, value);
    }

    /** @return the topic the rows go to */
    public String topic() {
        return topic;
    }

    @Override
    public PortDescriptor descriptor() {
        return new PortDescriptor(name, "stream", format == ValueFormat.JSON ? "json" : "arrow-ipc", topic);
    }

    @Override
    public Principal audience() {
        return audience;
    }

    @Override
    public synchronized void open(OutputContext context) {
        this.productAddress = context.productAddress();
        this.contract = context.contract();
        stream.ensureTopic(topic);
        stream.ensureTopic(topic + CONTRACT_TOPIC_SUFFIX);
        stream.ensureTopic(topic + DELIVERIES_TOPIC_SUFFIX);
        publisher();
    }

    private EventStream.Publisher publisher() {
        if (publisher == null) {
            // one writer per product, port and topic: a restarted one fences a stale one left running
            publisher = stream.publisher("dataproduct:" + productAddress + ":" + name + ":" + topic);
        }
        return publisher;
    }

    @Override
    public synchronized void publish(CommittedSnapshot snapshot) {
        if (productAddress == null) {
            throw new PortException("stream output '" + name + "' was not opened; open it before publishing");
        }
        SnapshotInfo info = snapshot.info();
        boolean newContract = contract.isPresent() && checkContractOnTopic(contract.get());
        String version = contract.map(DataContract::version).orElse(info.productVersion());
        Map<String, String> envelope = new HashMap<>();
        envelope.put(CloudEvents.SPEC_VERSION, CloudEvents.SPEC_VERSION_VALUE);
        envelope.put(CloudEvents.SOURCE, info.productAddress());
        envelope.put(CloudEvents.TYPE, CloudEvents.ROW_TYPE);
        envelope.put(CloudEvents.TIME, info.committedAt().toString());
        envelope.put(CloudEvents.DATA_SCHEMA, CloudEvents.dataSchema(info.productAddress(), version));
        envelope.put(CloudEvents.SNAPSHOT, info.id());
        envelope.put(CloudEvents.DELIVERY, java.util.UUID.randomUUID().toString());
        envelope.put(CloudEvents.CONTENT_TYPE, format.contentType());
        RowCodec codec = new RowCodec(format);
        boolean begun = false;
        try {
            publisher().begin();
            begun = true;
            if (newContract) {
                Map<String, String> h = new HashMap<>(envelope);
                h.put(CloudEvents.TYPE, CloudEvents.CONTRACT_TYPE);
                h.put(CloudEvents.ID, CloudEvents.snapshotEvent(info.id(), info.committedAt()) + "/contract");
                h.put(CloudEvents.SUBJECT, "contract");
                h.put(CloudEvents.CONTENT_TYPE, "application/json");
                publisher.send(topic + CONTRACT_TOPIC_SUFFIX, info.productAddress().getBytes(StandardCharsets.UTF_8),
                        OdcsCodec.toJson(contract.get()).getBytes(StandardCharsets.UTF_8), h, info.committedAt());
            }
            long records = 0;
            boolean increment = false;
            for (String dataset : snapshot.datasetNames()) {
                Optional<DatasetChanges> changes = snapshot.changes(dataset);
                if (changes.isPresent()) {
                    increment = true;
                    records += send(changes.get().upserted(), info, envelope, codec, false);
                    records += send(changes.get().deleted(), info, envelope, codec, true);
                } else {
                    records += send(snapshot.dataset(dataset), info, envelope, codec, false);
                }
            }
            Map<String, String> closing = new HashMap<>(envelope);
            closing.put(CloudEvents.TYPE, CloudEvents.DELIVERED_TYPE);
            closing.put(CloudEvents.ID, CloudEvents.snapshotEvent(info.id(), info.committedAt()) + "/delivered/"
                    + envelope.get(CloudEvents.DELIVERY));
            closing.put(CloudEvents.SUBJECT, "delivery");
            closing.put(CloudEvents.CONTENT_TYPE, "application/json");
            publisher.send(topic + DELIVERIES_TOPIC_SUFFIX, info.productAddress().getBytes(StandardCharsets.UTF_8),
                    new Deliveries.Delivered(info.id(), envelope.get(CloudEvents.DELIVERY), increment, records)
                            .toJson(), closing, info.committedAt());
            publisher.commit();
        } catch (DataProductException e) {
            abort(begun);
            throw e;
        } catch (RuntimeException e) {
            abort(begun);
            throw new PortException("stream output '" + name + "' could not deliver snapshot " + info.id() + " of "
                    + info.productAddress() + " to topic '" + topic + "' on " + stream + ": " + e
                    + "; nothing of it is visible to read_committed consumers; redeliver it when the stream is back",
                    e);
        }
    }

    /**
     * Sends the rows of a dataset, or, for {@code tombstones}, a record with the key and no value
     * for each key of a deleted row (the Kafka convention, which compaction acts on).
     *
     * @return the number of records sent
     */
    private long send(Dataset dataset, SnapshotInfo info, Map<String, String> envelope, RowCodec codec,
                      boolean tombstones) {
        List<String> keyColumns = keyColumns(dataset.name());
        Map<String, String> headers = new HashMap<>(envelope);
        String idPrefix = CloudEvents.snapshotEvent(info.id(), info.committedAt()) + "/" + dataset.name()
                + (tombstones ? "/deleted/" : "/");
        if (tombstones) {
            headers.put(CloudEvents.TYPE, CloudEvents.DELETED_TYPE);
            headers.remove(CloudEvents.CONTENT_TYPE);  // no data
        }
        long row = 0;
        long sent = 0;
        try (BatchCursor cursor = dataset.open()) {
            while (cursor.next()) {
                VectorSchemaRoot batch = cursor.batch();
                List<FieldVector> keys = new ArrayList<>();
                for (String k : keyColumns) {
                    FieldVector v = batch.getVector(k);
                    if (v == null) {
                        keys.clear();  // part of the key is hidden from the audience: no key at all
                        break;
                    }
                    keys.add(v);
                }
                for (int i = 0; i < batch.getRowCount(); i++, row++) {
                    String key = key(keys, i);
                    if (tombstones && key.isEmpty()) {
                        continue;  // a deletion without a key addresses nothing
                    }
                    headers.put(CloudEvents.ID, idPrefix + row);
                    headers.put(CloudEvents.SUBJECT, key.isEmpty() ? dataset.name() : dataset.name() + "/" + key);
                    publisher.send(topic, key.getBytes(StandardCharsets.UTF_8), tombstones ? null
                            : codec.encode(batch, i), headers, info.committedAt());
                    sent++;
                }
            }
        }
        return sent;
    }

    /**
     * The key's text: the value of a one-column key, the values joined by a bar for a longer one, a
     * bar or backslash within a value preceded by a backslash so that two keys never share a text
     * (compaction keeps one record of a key).
     */
    private static String key(List<FieldVector> keys, int row) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < keys.size(); k++) {
            if (k > 0) {
                b.append('|');
            }
            Object value = VectorValues.get(keys.get(k), row);
            String text = value == null ? "" : TextValues.format(value);
            if (keys.size() == 1) {
                b.append(text);
                continue;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '|' || c == '\\') {
                    b.append('\\');
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    private List<String> keyColumns(String dataset) {
        if (contract.isEmpty()) {
            return List.of();
        }
        for (SchemaObject o : contract.get().schema()) {
            if (o.name().equals(dataset)) {
                return o.properties().stream().filter(SchemaProperty::primaryKey)
                        .sorted(Comparator.comparingInt(SchemaProperty::primaryKeyPosition))
                        .map(SchemaProperty::name).toList();
            }
        }
        return List.of();
    }

    /**
     * Compares the contract with the last one on the topic.
     *
     * @return whether it differs (and must be written)
     * @throws IncompatibleChangeException if it breaks the one on the topic
     */
    private boolean checkContractOnTopic(DataContract next) {
        String contractTopic = topic + CONTRACT_TOPIC_SUFFIX;
        DataContract last = null;
        try (EventStream.Reader reader = stream.reader();
             EventStream.Records records = reader.read(contractTopic, reader.beginning(contractTopic),
                     reader.end(contractTopic))) {
            for (StreamRecord r = records.next(); r != null; r = records.next()) {
                last = OdcsCodec.readJson(new String(r.value(), StandardCharsets.UTF_8));
            }
        }
        if (last == null) {
            return true;
        }
        if (last.equals(next)) {
            return false;
        }
        CompatibilityReport report = CompatibilityChecker.check(last, next, CompatibilityMode.BACKWARD);
        if (report.isBreaking()) {
            throw new IncompatibleChangeException("topic '" + topic + "' carries contract '" + last.id() + "' version "
                    + last.version() + "; version " + next.version() + " breaks it (" + report.breaking()
                    + "); nothing was written. Deliver a breaking change to a new topic, with a new major version "
                    + "of the product, so that the topic's consumers keep reading what they expect");
        }
        return true;
    }

    private void abort(boolean begun) {
        if (begun) {
            try {
                publisher.abort();
            } catch (RuntimeException ignored) {
                // the publisher is broken: a new one, opened with the same id, fences what it left
                publisher.close();
                publisher = null;
            }
        }
    }

    @Override
    public synchronized void close() {
        if (publisher != null) {
            publisher.close();
            publisher = null;
        }
    }

    @Override
    public String toString() {
        return "stream output '" + name + "' to topic '" + topic + "' on " + stream;
    }
}
