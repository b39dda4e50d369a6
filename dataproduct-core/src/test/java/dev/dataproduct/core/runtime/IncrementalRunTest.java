package dev.dataproduct.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.UpdateMode;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A product declares how its runs change its data: append or upsert with a delete marker. */
class IncrementalRunTest {
    private static final Schema ORDERS = Schema.of(Field.of("id", LogicalType.STRING, false),
            Field.of("quantity", LogicalType.INT64, false), Field.of("cancelled", LogicalType.BOOLEAN, true));

    @TempDir
    Path root;

    private static Map<String, Object> order(String id, long quantity, boolean cancelled) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("quantity", quantity);
        row.put("cancelled", cancelled);
        return row;
    }

    private static DataProduct product(UpdateMode mode, List<Map<String, Object>> rows) {
        return DataProduct.builder("orders").domain("retail").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Orders.")
                .input(new MemoryInput("orders", ORDERS, rows, 2))
                .output(DatasetSpec.named("orders").updateMode(mode).maxQuarantinedShare(0.5)
                        .field("id", LogicalType.STRING, f -> f.required().primaryKey())
                        .field("quantity", LogicalType.INT64, f -> f.required())
                        .field("cancelled", LogicalType.BOOLEAN))
                .transform(ctx -> ctx.input("orders")).build();
    }

    private static Map<String, Long> rows(ProductRuntime runtime, SnapshotManifest m, BufferAllocator allocator) {
        Map<String, Long> out = new TreeMap<>();
        runtime.store().open(m, allocator).dataset("orders").forEachRow(r -> out.put(r.getString("id"),
                r.getLong("quantity")));
        return out;
    }

    @Test
    void anUpsertingProductReplacesRowsByKeyAndDeletesTheRowsItsMarkerFlags() {
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(root)).build()) {
            UpdateMode upsert = UpdateMode.upsert().deleteMarker("cancelled");
            runtime.run(product(upsert, List.of(order("a", 1, false), order("b", 2, false), order("c", 3, false))));
            RunResult second = runtime.run(product(upsert, List.of(order("b", 20, false), order("c", 0, true),
                    order("d", 4, false))));
            assertEquals(3, second.published() + second.quarantined(), "every row is accounted for");
            SnapshotManifest current = runtime.store().current(product(upsert, List.of()).address()).orElseThrow();
            assertEquals(SnapshotManifest.Operation.UPSERT, current.operation());
            assertEquals(Map.of("a", 1L, "b", 20L, "d", 4L), rows(runtime, current, allocator));
            assertEquals(3L, current.datasets().get("orders"), "the row count is of the whole snapshot");
        }
    }

    @Test
    void anAppendingProductAddsToItsPreviousRows() {
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(root)).build()) {
            runtime.run(product(UpdateMode.append(), List.of(order("a", 1, false))));
            runtime.run(product(UpdateMode.append(), List.of(order("b", 2, false))));
            SnapshotManifest current = runtime.store().current(product(UpdateMode.append(), List.of()).address())
                    .orElseThrow();
            assertEquals(Map.of("a", 1L, "b", 2L), rows(runtime, current, allocator));
        }
    }

    @Test
    void anAppendQuarantinesRowsWhoseKeyAnEarlierRunWroteAndAcceptsKeysAnUpsertDeleted() {
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(root)).build()) {
            runtime.run(product(UpdateMode.upsert().deleteMarker("cancelled"), List.of(order("a", 1, false),
                    order("b", 2, false), order("x", 9, false))));
            runtime.run(product(UpdateMode.upsert().deleteMarker("cancelled"), List.of(order("x", 0, true))));
            RunResult again = runtime.run(product(UpdateMode.append(), List.of(order("b", 20, false),
                    order("c", 3, false), order("a", 10, false), order("x", 90, false))));
            assertEquals(4, again.rowsIn());
            assertEquals(2, again.published(), "c and x (deleted before) are new keys");
            assertEquals(2, again.quarantined(), "a and b are already in the snapshot");
            assertEquals(again.rowsIn(), again.published() + again.quarantined());
            assertTrue(again.samples().stream().allMatch(r -> r.violations().get(0).rule()
                    .equals("primary key unique across runs")), again.samples().toString());
            assertTrue(again.samples().get(0).violations().get(0).message().contains("already in the current snapshot"),
                    again.samples().toString());
            SnapshotManifest current = runtime.store().current(product(UpdateMode.append(), List.of()).address())
                    .orElseThrow();
            assertEquals(Map.of("a", 1L, "b", 2L, "c", 3L, "x", 90L), rows(runtime, current, allocator),
                    "the rows of the earlier runs stay as they were");
            RunResult third = runtime.run(product(UpdateMode.append(), List.of(order("c", 30, false),
                    order("d", 4, false))));
            assertEquals(1, third.quarantined(), "a key appended by the previous append is present too");
        }
    }

    @Test
    void aDefinitionRefusesAnUpsertWithoutKeyOrADeleteMarkerThatIsNotBoolean() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DatasetSpec("orders", "", ORDERS, 0.1, UpdateMode.upsert().deleteMarker("quantity")));
        assertTrue(e.getMessage().contains("primary key"), e.getMessage());
        assertTrue(e.getMessage().contains("BOOLEAN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> UpdateMode.append().deleteMarker("cancelled"));
        dev.dataproduct.api.error.InvalidDefinitionException built = assertThrows(
                dev.dataproduct.api.error.InvalidDefinitionException.class, () -> DatasetSpec.named("orders")
                        .updateMode(UpdateMode.upsert()).field("id", LogicalType.STRING).build());
        assertTrue(built.getMessage().contains("an upsert needs a primary key"), built.getMessage());
    }
}
