package dev.dataproduct.ports.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.io.JsonValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/** Test access to topics: writing rows as a plain producer would, reading back what ports wrote. */
final class Topics {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private Topics() {
    }

    /** @return a topic name no other test uses */
    static String fresh(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet();
    }

    /** @return a row as a JSON object, values written as every JSON port writes them */
    static byte[] json(Map<String, ?> row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonFactory.builder().build().createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, ?> e : row.entrySet()) {
                g.writeFieldName(e.getKey());
                JsonValues.write(g, e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes rows to a topic in one transaction, as an upstream producer would, keyed by {@code key}. */
    static void produce(EventStream stream, String topic, List<? extends Map<String, ?>> rows, String key) {
        stream.ensureTopic(topic);
        try (EventStream.Publisher p = stream.publisher("test-producer-" + topic)) {
            p.begin();
            for (Map<String, ?> row : rows) {
                Object k = row.get(key);
                p.send(topic, k == null ? new byte[0] : k.toString().getBytes(StandardCharsets.UTF_8), json(row),
                        Map.of(), Instant.now());
            }
            p.commit();
        }
    }

    /** Writes raw values to a topic in one transaction. */
    static void produceRaw(EventStream stream, String topic, List<byte[]> values, Instant timestamp) {
        stream.ensureTopic(topic);
        try (EventStream.Publisher p = stream.publisher("test-producer-" + topic)) {
            p.begin();
            for (byte[] v : values) {
                p.send(topic, new byte[0], v, Map.of(), timestamp);
            }
            p.commit();
        }
    }

    /** @return every committed record of the topic */
    static List<StreamRecord> records(EventStream stream, String topic) {
        List<StreamRecord> out = new ArrayList<>();
        try (EventStream.Reader reader = stream.reader();
             EventStream.Records records = reader.read(topic, reader.beginning(topic), reader.end(topic))) {
            for (StreamRecord r = records.next(); r != null; r = records.next()) {
                out.add(r);
            }
        }
        return out;
    }

    /** @return the rows of the last snapshot delivered to the topic, with the columns each value has */
    static List<Map<String, Object>> lastSnapshot(EventStream stream, String topic, Schema schema) {
        List<StreamRecord> all = records(stream, topic);
        Deliveries deliveries = new Deliveries();
        all.forEach(deliveries::add);
        String last = deliveries.last().orElse("");
        List<Map<String, Object>> rows = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator()) {
            RowCodec codec = new RowCodec(ValueFormat.JSON);
            for (StreamRecord r : all) {
                if (r.header(CloudEvents.DELIVERY).equals(last)) {
                    String type = r.header(CloudEvents.CONTENT_TYPE);
                    RowCodec.Decoded d = (type.equals(ValueFormat.ARROW_IPC.contentType())
                            ? new RowCodec(ValueFormat.ARROW_IPC) : codec).decode(r.value(), schema, allocator);
                    if (!d.problems().isEmpty()) {
                        throw new AssertionError("record " + r.origin() + " does not read back: " + d.problems());
                    }
                    rows.add(d.values());
                }
            }
        }
        return rows;
    }
}
