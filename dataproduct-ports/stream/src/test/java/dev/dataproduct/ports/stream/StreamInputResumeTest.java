package dev.dataproduct.ports.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.error.PortException;
import dev.dataproduct.core.io.ArrowMemory;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.QualityGateException;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;

/** Runs of a product over a stream input go on from the position committed with the last snapshot. */
class StreamInputResumeTest {
    private final InMemoryStream stream = InMemoryStream.withPartitions(2);
    private final String topic = Topics.fresh("raw");
    @TempDir
    Path dir;

    @Test
    void eachRunReadsOnlyTheRecordsAfterTheLastCommittedSnapshot() {
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(DirectorySnapshotStore.at(dir))
                     .build()) {
            StreamInput input = StreamInput.from(stream, topic, Events.SPEC.schema()).named("raw");
            Topics.produce(stream, topic, Events.rows(0, 30), "event_id");
            RunResult first = runtime.run(Events.product(input));
            Topics.produce(stream, topic, Events.rows(30, 45), "event_id");
            RunResult second = runtime.run(Events.product(input));
            RunResult third = runtime.run(Events.product(input));
            assertEquals(30, first.rowsIn());
            assertEquals(15, second.rowsIn());
            assertEquals(0, third.rowsIn());
            assertEquals(Map.of("events", 45L), third.snapshot().rowCounts());
        }
    }

    @Test
    void aRunThatIsNotCommittedIsReadAgainByTheNext() {
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(DirectorySnapshotStore.at(dir))
                     .build()) {
            StreamInput input = StreamInput.from(stream, topic, Events.SPEC.schema()).named("raw");
            Topics.produce(stream, topic, Events.rows(0, 10), "event_id");
            assertThrows(QualityGateException.class, () -> runtime.run(Events.failing(input)));
            RunResult retried = runtime.run(Events.product(input));
            assertEquals(10, retried.rowsIn());
            assertEquals(Map.of("events", 10L), retried.snapshot().rowCounts());
        }
    }

    @Test
    void anUnreadableRecordIsQuarantinedWithItsTopicPartitionAndOffset() {
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(DirectorySnapshotStore.at(dir))
                     .build()) {
            Topics.produce(stream, topic, Events.rows(0, 3), "event_id");
            StreamRecord bad = stream.append(topic, new byte[0], "{\"event_id\": \"ev-x\", \"minutes\": \"many\""
                    .getBytes(StandardCharsets.UTF_8), Map.of(), Instant.now());
            stream.append(topic, new byte[0], "{\"event_id\":\"ev-y\",\"student_id\":\"s\",\"minutes\":\"many\"}"
                    .getBytes(StandardCharsets.UTF_8), Map.of(), Instant.now());
            RunResult run = runtime.run(Events.product(StreamInput.from(stream, topic, Events.SPEC.schema())
                    .named("raw")));
            assertEquals(5, run.rowsIn(), "rows in = published + quarantined");
            assertEquals(3, run.published());
            assertEquals(2, run.quarantined());
            assertTrue(run.samples().toString().contains(bad.origin()), run.samples().toString());
        }
    }

    @Test
    void refusesToGoOnWhenRetentionDeletedRecordsNoRunRead() {
        Topics.produce(stream, topic, Events.rows(0, 3), "event_id");
        StreamInput input = StreamInput.from(stream, topic, Events.SPEC.schema()).named("raw");
        try (BufferAllocator allocator = ArrowMemory.rootAllocator()) {
            PortException e = assertThrows(PortException.class, () -> input.open(new dev.dataproduct.api.port
                    .InputContext(allocator, java.time.Clock.systemUTC(), r -> { }, Map.of("0", "-1"))));
            assertTrue(e.getMessage().contains("retention"), e.getMessage());
            input.close();
        }
    }
}
