package dev.dataproduct.ports.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.dataproduct.api.error.PortException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the last delivery among the records of a topic. Snapshot ids do not order deliveries (a
 * rebuilt product numbers its snapshots from 1 again, a clock may stand still), offsets do, within
 * a partition: the records of the last delivery come after every other delivery's in each
 * partition it wrote to. A delivery that wrote no record (an empty snapshot) leaves none to find:
 * hence the record each delivery also writes to the topic's deliveries topic ({@link Delivered}),
 * which is read first; the scan of the records serves topics written before it existed.
 */
final class Deliveries {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private final Map<Integer, Set<String>> orderByPartition = new TreeMap<>();

    /**
     * What one delivery wrote, as its closing record on the deliveries topic says.
     *
     * @param snapshot the snapshot delivered
     * @param delivery the delivery's id (the {@code ce_delivery} of its records)
     * @param increment whether it holds the snapshot's changes only, not the snapshot whole
     * @param records how many records it wrote to the topic (rows and tombstones)
     */
    record Delivered(String snapshot, String delivery, boolean increment, long records) {
        byte[] toJson() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("snapshot", snapshot);
                g.writeStringField("delivery", delivery);
                g.writeBooleanField("increment", increment);
                g.writeNumberField("records", records);
                g.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        static Delivered fromJson(StreamRecord r) {
            String snapshot = null;
            String delivery = null;
            Boolean increment = null;
            long records = -1;
            try (JsonParser p = JSON.createParser(r.value())) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("not a JSON object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    switch (name) {
                        case "snapshot" -> snapshot = p.getValueAsString();
                        case "delivery" -> delivery = p.getValueAsString();
                        case "increment" -> increment = t == JsonToken.VALUE_TRUE;
                        case "records" -> records = p.getValueAsLong(-1);
                        default -> p.skipChildren();
                    }
                }
            } catch (IOException e) {
                delivery = null;
            }
            if (delivery == null || snapshot == null || increment == null || records < 0) {
                throw new PortException("record " + r.origin() + " is not the closing record of a delivery (a JSON "
                        + "object with snapshot, delivery, increment and records): only stream outputs write to a "
                        + "deliveries topic; remove what else was written there");
            }
            return new Delivered(snapshot, delivery, increment, records);
        }
    }

    /** Notes a record, in offset order within its partition. */
    void add(StreamRecord r) {
        String d = r.header(CloudEvents.DELIVERY);
        if (!d.isEmpty()) {
            Set<String> order = orderByPartition.computeIfAbsent(r.partition(), k -> new LinkedHashSet<>());
            order.remove(d);
            order.add(d);
        }
    }

    /** @return the delivery no other delivery follows in any partition */
    Optional<String> last() {
        Set<String> candidates = new LinkedHashSet<>();
        for (Set<String> order : orderByPartition.values()) {
            List<String> list = new ArrayList<>(order);
            candidates.add(list.get(list.size() - 1));
        }
        for (String c : candidates) {
            boolean followed = false;
            for (Set<String> order : orderByPartition.values()) {
                List<String> list = new ArrayList<>(order);
                int at = list.indexOf(c);
                followed |= at >= 0 && at < list.size() - 1;
            }
            if (!followed) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
