package dev.dataproduct.ports.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.UpdateMode;
import dev.dataproduct.core.io.ArrowMemory;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.testkit.port.RowsInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Record keys name one row each: parts of a composite key holding the separator do not collide. */
class StreamKeysTest {
    @TempDir
    Path dir;

    @Test
    void compositeKeysWhosePartsHoldTheBarAreDistinctRecordKeys() {
        DatasetSpec spec = DatasetSpec.named("marks").maxQuarantinedShare(1)
                .field("school", LogicalType.STRING, f -> f.required().primaryKey())
                .field("student", LogicalType.STRING, f -> f.required().primaryKey())
                .field("mark", LogicalType.INT64)
                .updateMode(UpdateMode.replace()).build();
        List<Map<String, Object>> rows = List.of(Map.of("school", "a|b", "student", "c", "mark", 1L),
                Map.of("school", "a", "student", "b|c", "mark", 2L),
                Map.of("school", "a\\", "student", "|c", "mark", 3L),
                Map.of("school", "x", "student", "y", "mark", 4L));
        InMemoryStream stream = InMemoryStream.create();
        String topic = Topics.fresh("marks");
        try (BufferAllocator allocator = ArrowMemory.rootAllocator();
             StreamOutput port = StreamOutput.to(stream, topic).audience(Events.READER);
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(dir)).build()) {
            RunResult r = runtime.run(DataProduct.builder("marks").domain("school").version("1.0.0")
                    .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Marks by school and student.")
                    .access(dev.dataproduct.api.access.Policy.forDataset("marks").grant(dev.dataproduct.api.access
                            .Grant.to(dev.dataproduct.api.access.Audience.role("reader")).allColumns().build()).build())
                    .input(RowsInput.of("raw", spec.schema(), rows)).output(spec).serve(port)
                    .transform(ctx -> ctx.input("raw")).build());
            assertEquals(List.of(), r.portFailures(), r.summary());
        }
        TreeSet<String> keys = new TreeSet<>();
        Topics.records(stream, topic).forEach(rec -> keys.add(new String(rec.key(), StandardCharsets.UTF_8)));
        assertEquals(4, keys.size(), "one key per row: " + keys);
        assertEquals(true, keys.contains("x|y"), "a key without a bar or backslash is as before: " + keys);
    }
}
