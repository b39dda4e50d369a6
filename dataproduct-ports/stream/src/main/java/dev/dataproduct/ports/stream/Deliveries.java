package dev.dataproduct.ports.stream;

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
 * partition it wrote to.
 */
final class Deliveries {
    private final Map<Integer, Set<String>> orderByPartition = new TreeMap<>();

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
