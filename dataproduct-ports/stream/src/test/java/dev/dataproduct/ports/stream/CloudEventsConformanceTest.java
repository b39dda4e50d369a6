package dev.dataproduct.ports.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every record the stream output writes, on the topic and its companion topics, follows the
 * CloudEvents 1.0 Kafka protocol binding in binary content mode: the required attributes as
 * {@code ce_} headers, {@code content-type} for data and none without, attribute names in the
 * spec's alphabet, RFC 3339 times, URI sources, and an id unique within its source, also when a
 * product rebuilt in a new store delivers to the same topic again.
 */
class CloudEventsConformanceTest {
    private static final Pattern ATTRIBUTE = Pattern.compile("ce_[a-z0-9]{1,20}");
    private final InMemoryStream stream = InMemoryStream.withPartitions(2);
    @TempDir
    Path dir;

    @Test
    void everyRecordWrittenIsABinaryModeCloudEventWithAnIdUniqueWithinItsSource() {
        // two deliveries, then the product again from a new store, whose snapshot ids start over
        String out = LastSnapshotOnlyTest.deliver(stream, dir.resolve("first"), Events.SPEC,
                List.of(new int[] {0, 5}, new int[] {5, 8}));
        String again = LastSnapshotOnlyTest.deliverTo(stream, dir.resolve("rebuilt"), Events.SPEC, out,
                List.of(new int[] {100, 103}));
        assertEquals(out, again);
        Set<String> ids = new HashSet<>();
        int checked = 0;
        for (String topic : List.of(out, out + StreamOutput.DELIVERIES_TOPIC_SUFFIX,
                out + StreamOutput.CONTRACT_TOPIC_SUFFIX)) {
            for (StreamRecord r : Topics.records(stream, topic)) {
                checked++;
                String where = r.origin() + " " + r.headers();
                for (String name : r.headers().keySet()) {
                    assertTrue(ATTRIBUTE.matcher(name).matches() || name.equals(CloudEvents.CONTENT_TYPE), where);
                }
                assertEquals("1.0", r.header(CloudEvents.SPEC_VERSION), where);
                assertFalse(r.header(CloudEvents.ID).isEmpty(), where);
                assertFalse(r.header(CloudEvents.TYPE).isEmpty(), where);
                URI source = URI.create(r.header(CloudEvents.SOURCE));
                assertFalse(source.toString().isEmpty(), where);
                URI.create(r.header(CloudEvents.DATA_SCHEMA));
                OffsetDateTime.parse(r.header(CloudEvents.TIME));
                assertEquals(r.value().length > 0, !r.header(CloudEvents.CONTENT_TYPE).isEmpty(),
                        "content-type exactly when there is data: " + where);
                assertTrue(ids.add(r.header(CloudEvents.SOURCE) + " " + r.header(CloudEvents.ID)),
                        "source and id name one event only: " + where);
            }
        }
        assertEquals(5 + 3 + 3 + 3 + 1, checked, "the rows and closing records of three deliveries, one contract");
    }
}
