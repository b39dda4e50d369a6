package dev.dataproduct.ports.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.core.io.ArrowMemory;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records a stream input cannot read (garbage, empty, truncated, lengths that lie, huge values,
 * no headers) are quarantined with their place, and nothing is lost: in = published + quarantined.
 */
class StreamInputBadRecordsTest {
    private final InMemoryStream stream = InMemoryStream.withPartitions(2);
    @TempDir
    Path dir;

    private RunResult run(StreamInput input) {
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(dir.resolve("store-" + System.nanoTime()))).build()) {
            return runtime.run(Events.product(input));
        }
    }

    /** A valid one-row Arrow IPC stream of an event. */
    private static byte[] arrowRow(int i) {
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             VectorSchemaRoot one = dev.dataproduct.api.data.BatchBuilder.fromRows(Events.SPEC.schema(),
                     Events.rows(i, i + 1), allocator)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArrowStreamWriter w = new ArrowStreamWriter(one, null, Channels.newChannel(out))) {
                w.start();
                w.writeBatch();
                w.end();
            }
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An IPC message header claiming {@code length} bytes of metadata, followed by little. */
    private static byte[] claims(int length) {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(-1).putInt(length).putLong(0).array();
    }

    @Test
    void arrowValuesThatDoNotParseOrLieAboutTheirLengthAreQuarantinedWithTheirPlace() {
        String topic = Topics.fresh("bad-arrow");
        long seed = new SplittableRandom().nextLong();
        SplittableRandom random = new SplittableRandom(seed);
        byte[] good = arrowRow(1);
        byte[] noise = new byte[64];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (byte) random.nextInt(256);
        }
        List<byte[]> values = new ArrayList<>(List.of(arrowRow(0), good, new byte[] {1},
                claims(Integer.MAX_VALUE - 8), claims(1 << 30), Arrays.copyOf(good, good.length / 2), noise,
                "{\"event_id\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        Topics.produceRaw(stream, topic, values, Instant.parse("2026-11-30T08:00:00Z"));
        RunResult r = run(StreamInput.from(stream, topic, Events.SPEC.schema()).format(ValueFormat.ARROW_IPC)
                .named("raw"));
        assertEquals(values.size(), r.rowsIn(), "seed " + seed + ": " + r.summary());
        assertEquals(r.rowsIn(), r.published() + r.quarantined(), "seed " + seed);
        assertEquals(2, r.published(), "seed " + seed + ": " + r.summary());
        for (RejectedRow q : r.samples()) {
            assertTrue(q.origin().matches(java.util.regex.Pattern.quote(topic) + "/\\d+@\\d+"), q.origin());
            assertEquals("parse", q.violations().get(0).rule(), q.toString());
        }
    }

    @Test
    void eventTimesWithOffsetsReadAsTheirInstantAndOnesWithoutAZoneAreQuarantined() {
        dev.dataproduct.api.schema.Schema schema = dev.dataproduct.api.schema.Schema.of(
                dev.dataproduct.api.schema.Field.of("event_id", dev.dataproduct.api.schema.LogicalType.STRING, false),
                dev.dataproduct.api.schema.Field.of("at", dev.dataproduct.api.schema.LogicalType.TIMESTAMP_TZ, false));
        String topic = Topics.fresh("zones");
        List<byte[]> values = List.of("{\"event_id\":\"paris\",\"at\":\"2026-11-30T09:00:00+01:00\"}",
                        "{\"event_id\":\"utc\",\"at\":\"2026-11-30T08:00:00Z\"}",
                        "{\"event_id\":\"kolkata\",\"at\":\"2026-11-30T13:30:00+05:30\"}",
                        "{\"event_id\":\"local\",\"at\":\"2026-11-30T08:00:00\"}").stream()
                .map(v -> v.getBytes(StandardCharsets.UTF_8)).toList();
        Topics.produceRaw(stream, topic, values, Instant.parse("2026-11-30T08:00:00Z"));
        StreamInput input = StreamInput.from(stream, topic, schema);
        List<Object> times = new ArrayList<>();
        List<RejectedRow> rejected = new ArrayList<>();
        try (BufferAllocator allocator = ArrowMemory.rootAllocator()) {
            input.open(new dev.dataproduct.api.port.InputContext(allocator, java.time.Clock.systemUTC(), rejected::add))
                    .forEachRow(r -> times.add(r.get("at")));
            input.close();
        }
        Instant eight = Instant.parse("2026-11-30T08:00:00Z");
        assertEquals(List.of(eight, eight, eight), times);
        assertEquals(1, rejected.size(), rejected.toString());
        assertEquals("at", rejected.get(0).violations().get(0).field());
    }

    @Test
    void jsonValuesThatAreEmptyHugeOrNotOneObjectAreQuarantinedWithoutHeadersToo() {
        String topic = Topics.fresh("bad-json");
        String huge = "x".repeat(1 << 20);
        List<byte[]> values = List.of(Topics.json(Events.rows(0, 1).get(0)), new byte[0],
                "null".getBytes(StandardCharsets.UTF_8), "[1,2]".getBytes(StandardCharsets.UTF_8),
                ("{\"event_id\":\"" + huge + "\",\"student_id\":\"s\",\"minutes\":1}").getBytes(StandardCharsets.UTF_8),
                "{\"event_id\":\"a\"} {".getBytes(StandardCharsets.UTF_8),
                "{\"event_id\":\"b\",\"student_id\":\"s\",\"minutes\":\"1e400\"}".getBytes(StandardCharsets.UTF_8),
                new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
                "{".repeat(5000).getBytes(StandardCharsets.UTF_8));
        Topics.produceRaw(stream, topic, values, Instant.parse("2026-11-30T08:00:00Z"));
        RunResult r = run(StreamInput.from(stream, topic, Events.SPEC.schema()).named("raw"));
        assertEquals(values.size(), r.rowsIn(), r.summary());
        assertEquals(r.rowsIn(), r.published() + r.quarantined());
        assertTrue(r.published() <= 2, "the good row, and the huge id if the contract allows it: " + r.summary());
        assertTrue(r.samples().stream().noneMatch(q -> q.toString().contains(huge)), "a huge value is not repeated");
        for (RejectedRow q : r.samples()) {
            assertTrue(q.origin().startsWith(topic + "/"), q.origin());
        }
        assertEquals(Map.of("events", r.published()), r.snapshot().rowCounts());
    }
}
