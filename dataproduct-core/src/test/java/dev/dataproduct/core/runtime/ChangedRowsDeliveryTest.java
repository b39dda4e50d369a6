package dev.dataproduct.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.access.Target;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.port.CommittedSnapshot;
import dev.dataproduct.api.port.DatasetChanges;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.UpdateMode;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.core.snapshot.RetentionPolicy;
import dev.dataproduct.core.snapshot.SnapshotRows;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivery port of an incremental product is offered the rows each snapshot changed relative to
 * its parent, read through the read path as its audience: the rows written, and the keys of the
 * rows that left the dataset for that audience.
 */
class ChangedRowsDeliveryTest {
    private static final Schema ORDERS = Schema.of(Field.of("id", LogicalType.STRING, false),
            Field.of("region", LogicalType.STRING, false), Field.of("email", LogicalType.STRING, true),
            Field.of("quantity", LogicalType.INT64, false), Field.of("cancelled", LogicalType.BOOLEAN, true));
    private static final Principal ANALYST = Principal.of("eu-stream", "analyst");
    private static final Principal AUDITOR = Principal.of("audit-stream", "auditor");

    @TempDir
    Path root;

    /** What one publish handed the port: the whole dataset, or the changes. */
    record Delivered(Optional<Map<String, Map<String, Object>>> whole, Map<String, Map<String, Object>> upserted,
                     TreeSet<String> deleted) {
    }

    /** Reads, per snapshot, the changes where offered and the whole dataset otherwise. */
    static final class ChangesPort implements OutputPort {
        private final String name;
        private final Principal audience;
        final List<Delivered> deliveries = new ArrayList<>();

        ChangesPort(String name, Principal audience) {
            this.name = name;
            this.audience = audience;
        }

        @Override
        public PortDescriptor descriptor() {
            return new PortDescriptor(name, "memory", "arrow", "");
        }

        @Override
        public Principal audience() {
            return audience;
        }

        @Override
        public void publish(CommittedSnapshot snapshot) {
            Optional<DatasetChanges> changes = snapshot.changes("orders");
            if (changes.isEmpty()) {
                deliveries.add(new Delivered(Optional.of(byId(snapshot.dataset("orders"))), Map.of(), new TreeSet<>()));
                return;
            }
            TreeSet<String> deleted = new TreeSet<>();
            changes.get().deleted().forEachRow(r -> deleted.add(r.getString("id")));
            assertEquals(List.of("id"), changes.get().deleted().schema().fieldNames(), "a deletion carries the key only");
            deliveries.add(new Delivered(Optional.empty(), byId(changes.get().upserted()), deleted));
        }
    }

    private static Map<String, Map<String, Object>> byId(Dataset d) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        d.forEachRow(r -> out.put(r.getString("id"), r.toMap()));
        return out;
    }

    private static Map<String, Object> order(String id, String region, long quantity, boolean cancelled) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("region", region);
        row.put("email", id + "@example.com");
        row.put("quantity", quantity);
        row.put("cancelled", cancelled);
        return row;
    }

    /** Analysts read EU rows without the email; auditors every row with the email masked. */
    private static DataProduct product(UpdateMode mode, List<Map<String, Object>> rows, OutputPort... ports) {
        return DataProduct.builder("orders").domain("retail").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Orders delivered as changes.")
                .input(new MemoryInput("source", ORDERS, rows, 2))
                .output(DatasetSpec.named("orders").updateMode(mode)
                        .field("id", LogicalType.STRING, f -> f.required().primaryKey())
                        .field("region", LogicalType.STRING, f -> f.required())
                        .field("email", LogicalType.STRING)
                        .field("quantity", LogicalType.INT64, f -> f.required())
                        .field("cancelled", LogicalType.BOOLEAN))
                .access(Policy.forDataset("orders")
                        .grant(Grant.to(Audience.role("analyst")).columns("id", "region", "quantity")
                                .rows(Expr.col("region").eq("EU")).build())
                        .grant(Grant.to(Audience.role("auditor")).allColumns()
                                .mask(Target.field("email"), Mask.nullify()).build())
                        .build())
                .serve(ports)
                .transform(ctx -> ctx.input("source")).build();
    }

    @Test
    void anUpsertDeliversTheWrittenRowsAndTombstonesTheKeysThatLeftTheAudiencesView() {
        ChangesPort analyst = new ChangesPort("eu-stream", ANALYST);
        ChangesPort auditor = new ChangesPort("audit-stream", AUDITOR);
        UpdateMode upsert = UpdateMode.upsert().deleteMarker("cancelled");
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(root)).build()) {
            RunResult first = runtime.run(product(upsert, List.of(order("a", "EU", 1, false), order("b", "US", 2, false),
                    order("c", "EU", 3, false), order("e", "EU", 5, false)), analyst, auditor));
            assertEquals(RunResult.Status.SUCCEEDED, first.status(), first.summary());
            // b changes out of the analysts' sight, c is deleted, d is new, a moves out of the EU, e changes
            RunResult second = runtime.run(product(upsert, List.of(order("b", "US", 20, false),
                    order("c", "EU", 0, true), order("d", "EU", 4, false), order("a", "US", 10, false),
                    order("e", "EU", 50, false)), analyst, auditor));
            assertEquals(RunResult.Status.SUCCEEDED, second.status(), second.summary());

            assertEquals(2, analyst.deliveries.size());
            assertEquals(List.of("a", "c", "e"), List.copyOf(analyst.deliveries.get(0).whole().orElseThrow().keySet()),
                    "the first snapshot has no parent: delivered whole, as the analyst sees it");
            Delivered eu = analyst.deliveries.get(1);
            assertTrue(eu.whole().isEmpty(), "an upsert's snapshot is delivered as changes");
            assertEquals(List.of("d", "e"), List.copyOf(eu.upserted().keySet()), "only the EU rows written");
            assertEquals(50L, eu.upserted().get("e").get("quantity"));
            assertEquals(List.of("id", "region", "quantity"), List.copyOf(eu.upserted().get("d").keySet()),
                    "the analyst's columns only");
            assertEquals(new TreeSet<>(List.of("a", "c")), eu.deleted(),
                    "c was deleted and a left the EU: both leave the analyst's view");

            Delivered all = auditor.deliveries.get(1);
            assertEquals(List.of("a", "b", "d", "e"), List.copyOf(all.upserted().keySet()));
            assertTrue(all.upserted().values().stream().allMatch(r -> r.get("email") == null), "emails masked");
            assertEquals(new TreeSet<>(List.of("c")), all.deleted(), "an update is not a deletion");

            ProductReader reader = ProductReader.builder(runtime.store(), product(upsert, List.of())).allocator(allocator)
                    .build();
            try (ReadResult removed = reader.read(AUDITOR, ReadRequest.of("orders").rows(SnapshotRows.REMOVED).build())) {
                TreeMap<String, Long> old = new TreeMap<>();
                while (removed.next()) {
                    for (int i = 0; i < removed.batch().getRowCount(); i++) {
                        old.put(removed.batch().getVector("id").getObject(i).toString(),
                                (Long) removed.batch().getVector("quantity").getObject(i));
                    }
                }
                assertEquals(Map.of("a", 1L, "b", 2L, "c", 3L, "e", 5L), old,
                        "the parent's versions of the rows the upsert wrote or deleted");
            }
        }
    }

    @Test
    void anAppendDeliversOnlyTheRowsOfEachRunAndAReplaceTheWholeSnapshot() {
        ChangesPort appended = new ChangesPort("audit-stream", AUDITOR);
        ChangesPort replaced = new ChangesPort("audit-stream", AUDITOR);
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime appends = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(root.resolve("append"))).build();
             ProductRuntime replaces = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(root.resolve("replace"))).build()) {
            for (int run = 0; run < 3; run++) {
                List<Map<String, Object>> rows = List.of(order("r" + run + "a", "EU", 1, false),
                        order("r" + run + "b", "US", 2, false));
                appends.run(product(UpdateMode.append(), rows, appended));
                replaces.run(product(UpdateMode.replace(), rows, replaced));
            }
            assertEquals(2, appended.deliveries.get(0).whole().orElseThrow().size());
            for (int run = 1; run < 3; run++) {
                assertEquals(List.of("r" + run + "a", "r" + run + "b"),
                        List.copyOf(appended.deliveries.get(run).upserted().keySet()), "run " + run + "'s rows only");
                assertTrue(appended.deliveries.get(run).deleted().isEmpty());
                assertEquals(List.of("r" + run + "a", "r" + run + "b"),
                        List.copyOf(replaced.deliveries.get(run).whole().orElseThrow().keySet()),
                        "a replacing product is delivered whole");
            }
        }
    }

    @Test
    void aSnapshotWhoseParentRetentionRemovedIsDeliveredWhole() {
        ChangesPort port = new ChangesPort("audit-stream", AUDITOR);
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(root)).build()) {
            runtime.run(product(UpdateMode.append(), List.of(order("a", "EU", 1, false)), port));
            RunResult second = runtime.run(product(UpdateMode.append(), List.of(order("b", "EU", 2, false)), port));
            assertEquals(List.of("b"), List.copyOf(port.deliveries.get(1).upserted().keySet()));
            DataProduct product = product(UpdateMode.append(), List.of(), port);
            runtime.store().expire(product.address(), RetentionPolicy.keepLast(1), java.time.Instant.now());
            PortOutcome again = runtime.redeliver(product, second.snapshot().id(), "audit-stream");
            assertEquals(PortOutcome.Status.DELIVERED, again.status(), again.toString());
            assertEquals(List.of("a", "b"), List.copyOf(port.deliveries.get(2).whole().orElseThrow().keySet()),
                    "the changes are unknown without the parent: every row");
        }
    }

    @Test
    void anInMemoryStoreReadsEverySnapshotsRowsAsAddedAndItsParentsAsRemoved() {
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).build()) {
            runtime.run(product(UpdateMode.replace(), List.of(order("a", "EU", 1, false), order("b", "US", 2, false))));
            runtime.run(product(UpdateMode.replace(), List.of(order("c", "EU", 3, false), order("d", "EU", 4, false))));
            ProductReader reader = ProductReader.builder(runtime.store(), product(UpdateMode.replace(), List.of()))
                    .allocator(allocator).build();
            assertEquals(List.of("c", "d"), ids(reader, ANALYST, SnapshotRows.ADDED));
            assertEquals(List.of("a"), ids(reader, ANALYST, SnapshotRows.REMOVED), "b is outside the EU filter");
        }
    }

    private static List<String> ids(ProductReader reader, Principal who, SnapshotRows rows) {
        List<String> out = new ArrayList<>();
        try (ReadResult r = reader.read(who, ReadRequest.of("orders").rows(rows).build())) {
            while (r.next()) {
                for (int i = 0; i < r.batch().getRowCount(); i++) {
                    out.add(r.batch().getVector("id").getObject(i).toString());
                }
            }
        }
        return out.stream().sorted().toList();
    }
}
