package dev.dataproduct.ports.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.io.ArrowMemory;
import dev.dataproduct.core.runtime.PortOutcome;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract of a topic's records is kept beside it; a breaking change is refused on the topic. */
class KafkaContractTest {
    @TempDir
    Path dir;

    private final KafkaStream stream = Broker.stream();

    /** The events dataset replaced by each run, so that a column added later is in every row read. */
    private static final DatasetSpec BASE = DatasetSpec.named("events").maxQuarantinedShare(1)
            .field("event_id", LogicalType.STRING, f -> f.required().primaryKey())
            .field("student_id", LogicalType.STRING, f -> f.required())
            .field("minutes", LogicalType.INT64, f -> f.required().range(0, 1000))
            .build();

    private RunResult run(String raw, String out, String version, DatasetSpec spec, int from) {
        Topics.produce(stream, raw, Events.rows(from, from + 5), "event_id");
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             StreamOutput port = StreamOutput.to(stream, out).audience(Events.READER);
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(dir)).build()) {
            DataProduct p = Events.product(version, spec,
                    StreamInput.from(stream, raw, spec.schema()).named("raw"), port);
            return runtime.run(p);
        }
    }

    @Test
    void refusesABreakingContractChangeOnTheTopicAndWritesNothing() {
        String raw = Topics.fresh("contract-raw");
        String out = Topics.fresh("contract-out");
        assertEquals(List.of(), run(raw, out, "1.0.0", BASE, 0).portFailures());
        int before = Topics.records(stream, out).size();
        // minutes is dropped: consumers of the topic read it
        DatasetSpec dropped = DatasetSpec.named("events").maxQuarantinedShare(1)
                .field("event_id", LogicalType.STRING, f -> f.required().primaryKey())
                .field("student_id", LogicalType.STRING, f -> f.required())
                .build();
        RunResult broken = run(raw, out, "1.1.0", dropped, 5);
        PortOutcome outcome = broken.delivery(StreamOutput.DEFAULT_NAME);
        assertEquals(PortOutcome.Status.FAILED, outcome.status());
        assertTrue(outcome.error().orElseThrow().contains("breaks"), outcome.error().orElseThrow());
        assertEquals(before, Topics.records(stream, out).size(), "nothing written for the refused snapshot");
        assertEquals(1, Topics.records(stream, out + StreamOutput.CONTRACT_TOPIC_SUFFIX).size());
    }

    @Test
    void acceptsACompatibleContractChangeAndRecordsTheNewContract() {
        String raw = Topics.fresh("contract-raw");
        String out = Topics.fresh("contract-out");
        assertEquals(List.of(), run(raw, out, "1.0.0", BASE, 0).portFailures());
        DatasetSpec added = DatasetSpec.named("events").maxQuarantinedShare(1)
                .field("event_id", LogicalType.STRING, f -> f.required().primaryKey())
                .field("student_id", LogicalType.STRING, f -> f.required())
                .field("minutes", LogicalType.INT64, f -> f.required().range(0, 1000))
                .field("note", LogicalType.STRING)
                .build();
        RunResult compatible = run(raw, out, "1.1.0", added, 5);
        assertEquals(List.of(), compatible.portFailures());
        List<StreamRecord> contracts = Topics.records(stream, out + StreamOutput.CONTRACT_TOPIC_SUFFIX);
        assertEquals(2, contracts.size());
        assertTrue(Topics.records(stream, out).stream()
                .anyMatch(r -> r.header(CloudEvents.DATA_SCHEMA).endsWith(":contract:1.1.0")));
    }
}
