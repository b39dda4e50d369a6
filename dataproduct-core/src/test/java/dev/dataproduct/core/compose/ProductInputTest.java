package dev.dataproduct.core.compose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.contract.ConsumerExpectations;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunRefusedException;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.UpstreamSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductInputTest {
    static final String UPSTREAM = "urn:dataproduct:retail:orders";
    static final Policy EU_ONLY = Policy.forDataset("orders")
            .grant(Grant.to(Audience.role("analytics")).columns("id", "region", "amount")
                    .rows(Expr.col("region").eq("EU")))
            .build();
    static final DatasetSpec SEEN = DatasetSpec.named("orders")
            .field("id", LogicalType.INT64, f -> f.required().primaryKey())
            .field("region", LogicalType.STRING, f -> f.required())
            .field("amount", LogicalType.INT64, f -> f.required())
            .build();

    BufferAllocator allocator;
    ProductRuntime runtime;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        runtime = ProductRuntime.builder().allocator(allocator).build();
    }

    @AfterEach
    void tearDown() {
        runtime.close();
        allocator.close();
    }

    static DataProduct upstream() {
        return Orders.upstream("orders", () -> Orders.rows(0, 30), EU_ONLY).build();
    }

    static DataProduct downstream(ProductInput input, String... roles) {
        return Orders.downstream("eu-orders", input, SEEN).principalRoles(roles).build();
    }

    @Test
    void readsUpstreamThroughItsPolicyAsTheProductsPrincipalAndRecordsTheSnapshotRead() {
        DataProduct up = upstream();
        DataProduct down = downstream(ProductInput.of(UPSTREAM, 1).dataset("orders"), "analytics");
        try (ProductHost host = ProductHost.builder(runtime, allocator).product(down).product(up).build()) {
            List<RunResult> results = host.runAll();

            assertEquals(List.of(up.address().urn(), down.address().urn()),
                    results.stream().map(RunResult::productAddress).toList());
            SnapshotManifest manifest = runtime.store().current(down.address()).orElseThrow();
            assertEquals(List.of(new UpstreamSnapshot("orders", up.address().urn(), "orders", "00000001", "1.0.0")),
                    manifest.upstreamSnapshots());
            List<Map<String, Object>> rows = Orders.stored(runtime.store(), manifest, "orders", allocator);
            assertEquals(10, rows.size());
            assertTrue(rows.stream().allMatch(r -> r.get("region").equals("EU") && !r.containsKey("email")), rows::toString);
            assertEquals(10, results.get(1).rowsIn());
        }
    }

    @Test
    void refusesTheRunWhenTheUpstreamPolicyDoesNotLetTheProductRead() {
        DataProduct up = upstream();
        DataProduct down = downstream(ProductInput.of(UPSTREAM, 1).dataset("orders"), "marketing");
        try (ProductHost host = ProductHost.builder(runtime, allocator).product(up).product(down).build()) {
            host.run(up.address());
            RunRefusedException e = assertThrows(RunRefusedException.class, () -> host.run(down.address()));

            assertEquals(1, e.reasons().size(), e.getMessage());
            assertTrue(e.reasons().get(0).contains("'" + down.address().urn() + "' with roles [marketing]"),
                    e.getMessage());
            assertTrue(runtime.store().current(down.address()).isEmpty());
        }
    }

    @Test
    void refusesUnmetExpectationsWhenTheMeshIsBuiltAndAgainBeforeARun() {
        DataProduct up = upstream();
        ConsumerExpectations needs = ConsumerExpectations.of("eu-orders", "orders")
                .field("amount", LogicalType.INT32, true)
                .field("discount", LogicalType.INT64, false)
                .build();
        DataProduct down = downstream(ProductInput.of(UPSTREAM, 1).dataset("orders").expecting(needs), "analytics");

        InvalidDefinitionException built = assertThrows(InvalidDefinitionException.class,
                () -> Mesh.of(List.of(up, down)));
        assertEquals(2, built.problems().size(), built.getMessage());
        assertTrue(built.problems().get(0).contains("field amount as int32"), built.getMessage());
        assertTrue(built.problems().get(1).contains("field discount"), built.getMessage());

        runtime.run(up);
        UpstreamProducts upstreams = UpstreamProducts.readers(runtime.store(), allocator, List.of(up));
        RunRefusedException refused = assertThrows(RunRefusedException.class, () -> runtime.run(down, upstreams));
        assertEquals(2, refused.reasons().size(), refused.getMessage());
        assertTrue(refused.reasons().get(0).startsWith("input 'orders' expects field amount as int32"),
                refused.getMessage());
        assertTrue(runtime.store().current(down.address()).isEmpty());
    }

    @Test
    void refusesAProductInputWhenTheRunIsGivenNoUpstreams() {
        DataProduct down = downstream(ProductInput.of(UPSTREAM, 1).dataset("orders"), "analytics");

        RunRefusedException e = assertThrows(RunRefusedException.class, () -> runtime.run(down));

        assertTrue(e.getMessage().contains("input 'orders' reads " + UPSTREAM + ":v1, which is not among the "
                + "products given to the run"), e.getMessage());
    }

    @Test
    void refusesAPinnedSnapshotThatIsNotThere() {
        DataProduct up = upstream();
        DataProduct down = downstream(ProductInput.of(UPSTREAM, 1).dataset("orders").pinned("00000007"), "analytics");
        runtime.run(up);
        UpstreamProducts upstreams = UpstreamProducts.readers(runtime.store(), allocator, List.of(up));

        RunRefusedException e = assertThrows(RunRefusedException.class, () -> runtime.run(down, upstreams));

        assertTrue(e.getMessage().contains("pinned snapshot '00000007', which is not there"), e.getMessage());
    }

    @Test
    void rerunOverTheSamePinnedSnapshotWritesByteIdenticalData(@TempDir Path dir) throws Exception {
        AtomicInteger run = new AtomicInteger();
        DataProduct up = Orders.upstream("orders", () -> Orders.rows(run.getAndIncrement() * 100L, 40), EU_ONLY)
                .build();
        DataProduct pinned = downstream(ProductInput.of(UPSTREAM, 1).dataset("orders").pinned("00000001"),
                "analytics");
        DirectorySnapshotStore store = DirectorySnapshotStore.at(dir);
        try (ProductRuntime onDisk = ProductRuntime.builder().allocator(allocator).store(store).build()) {
            UpstreamProducts upstreams = UpstreamProducts.readers(store, allocator, List.of(up));
            onDisk.run(up);
            onDisk.run(pinned, upstreams);
            SnapshotManifest first = store.current(pinned.address()).orElseThrow();
            onDisk.run(up);  // the upstream moves on to other rows
            onDisk.run(pinned, upstreams);
            SnapshotManifest second = store.current(pinned.address()).orElseThrow();

            assertNotEquals(first.id(), second.id());
            assertEquals(first.upstreamSnapshots(), second.upstreamSnapshots());
            byte[] a = Files.readAllBytes(store.snapshotDirectory(first).resolve("data").resolve("orders.arrow"));
            byte[] b = Files.readAllBytes(store.snapshotDirectory(second).resolve("data").resolve("orders.arrow"));
            assertArrayEquals(a, b);

            DataProduct current = downstream(ProductInput.of(UPSTREAM, 1).dataset("orders"), "analytics");
            onDisk.run(current, upstreams);
            assertEquals("00000002", store.current(current.address()).orElseThrow().upstreamSnapshots().get(0)
                    .snapshotId());
        }
    }

    @Test
    void refusesTheRunWhileTheUpstreamHasNoSnapshot() {
        DataProduct up = upstream();
        DataProduct down = downstream(ProductInput.of(UPSTREAM, 1).dataset("orders"), "analytics");
        try (ProductHost host = ProductHost.builder(runtime, allocator).product(up).product(down).build()) {
            RunRefusedException e = assertThrows(RunRefusedException.class, () -> host.run(down.address()));

            assertEquals(List.of("input 'orders' reads " + UPSTREAM + ":v1, which has no committed snapshot yet; run "
                    + "it first"), e.reasons());
        }
    }

    @Test
    void readsARestrictedProductThroughItsPolicyOverItsSourcesSnapshot() {
        DataProduct up = Orders.upstream("orders", () -> Orders.rows(0, 30), Policy.forDataset("orders").build())
                .build();
        DataProduct view = DataProduct.restricted("eu-view").over(up).domain("retail").version("1.0.0")
                .owner(Orders.OWNER).purpose("EU orders without e-mail addresses.")
                .project("orders", "id", "region", "amount")
                .access(EU_ONLY)
                .build();
        DataProduct down = downstream(ProductInput.of("urn:dataproduct:retail:eu-view", 1).dataset("orders"),
                "analytics");
        try (ProductHost host = ProductHost.builder(runtime, allocator).product(down).product(view).product(up)
                .build()) {
            List<MeshOutcome> outcomes = host.runMesh();

            assertEquals(List.of("orders", "eu-view", "eu-orders"), outcomes.stream().map(o -> o.product().name())
                    .toList());
            assertEquals(List.of(MeshOutcome.Status.COMMITTED, MeshOutcome.Status.VIEW, MeshOutcome.Status.COMMITTED),
                    outcomes.stream().map(MeshOutcome::status).toList(), outcomes::toString);
            SnapshotManifest manifest = runtime.store().current(down.address()).orElseThrow();
            assertEquals("00000001", manifest.upstreamSnapshots().get(0).snapshotId());
            List<Map<String, Object>> rows = Orders.stored(runtime.store(), manifest, "orders", allocator);
            assertEquals(10, rows.size());
            assertTrue(rows.stream().allMatch(r -> r.get("region").equals("EU")), rows::toString);
        }
    }
}
