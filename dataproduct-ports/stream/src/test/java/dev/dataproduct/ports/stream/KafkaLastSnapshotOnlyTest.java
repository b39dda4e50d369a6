package dev.dataproduct.ports.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dataproduct.core.runtime.RunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link StreamInput#lastSnapshotOnly()} on a real broker, over a topic of three partitions. */
class KafkaLastSnapshotOnlyTest {
    @TempDir
    Path dir;

    @Test
    void rebuildsAReplacingProductFromItsLastDeliveryAnEmptyOneIncluded() {
        KafkaStream stream = Broker.stream().partitions(3);
        String out = LastSnapshotOnlyTest.deliver(stream, dir.resolve("source"), LastSnapshotOnlyTest.REPLACING,
                List.of(new int[] {0, 40}, new int[] {40, 70}));
        RunResult rebuilt = LastSnapshotOnlyTest.rebuild(stream, dir.resolve("rebuilt"), out, 1).get(0);
        assertEquals(Map.of("events", 30L), rebuilt.snapshot().rowCounts(), rebuilt.summary());
        assertEquals(Events.rows(40, 70).stream().map(r -> (String) r.get("event_id")).toList(),
                LastSnapshotOnlyTest.ids(rebuilt, dir.resolve("rebuilt")));

        // the source runs again with nothing new: its replacing snapshot, and its delivery, are empty
        LastSnapshotOnlyTest.deliverTo(stream, dir.resolve("source"), LastSnapshotOnlyTest.REPLACING, out,
                List.of(new int[] {70, 70}));
        RunResult emptied = LastSnapshotOnlyTest.rebuild(stream, dir.resolve("rebuilt-empty"), out, 1).get(0);
        assertEquals(Map.of("events", 0L), emptied.snapshot().rowCounts(), emptied.summary());
    }
}
