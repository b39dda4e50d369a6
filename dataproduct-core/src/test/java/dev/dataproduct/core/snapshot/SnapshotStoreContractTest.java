package dev.dataproduct.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.io.ArrowIpcWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SnapshotStore} promises; each store's test extends this. */
abstract class SnapshotStoreContractTest {
    static final ProductAddress PRODUCT = ProductAddress.parse("urn:dataproduct:retail:purchases:v1");
    static final Schema ORDERS = Schema.of(Field.of("id", LogicalType.STRING, true),
            Field.of("quantity", LogicalType.INT64, false));
    static final Schema REJECTS = Schema.of(Field.of("_origin", LogicalType.STRING, true),
            Field.of("quantity", LogicalType.STRING, false));
    static final Instant T0 = Instant.parse("2024-06-01T10:00:00Z");

    BufferAllocator allocator;
    SnapshotStore store;

    abstract SnapshotStore newStore();

    @BeforeEach
    void setUpStore() {
        allocator = new RootAllocator();
        store = newStore();
    }

    @AfterEach
    void closeAllocator() {
        allocator.close(); // throws if a writer or a reader leaked a buffer
    }

    /** Commits a snapshot with {@code rows} orders "o0".. and one quarantined row. */
    SnapshotManifest commit(int rows, Instant at) {
        try (SnapshotTransaction tx = store.begin(PRODUCT, allocator)) {
            ArrowIpcWriter data = tx.dataset("orders", ORDERS.toArrow());
            try (BatchBuilder b = BatchBuilder.create(ORDERS, allocator)) {
                for (int i = 0; i < rows; i++) {
                    b.addRow("o" + i, (long) i);
                }
                try (VectorSchemaRoot batch = b.build()) {
                    data.write(batch);
                }
            }
            ArrowIpcWriter rejects = tx.quarantine("orders", REJECTS.toArrow());
            try (VectorSchemaRoot batch = BatchBuilder.fromRows(REJECTS,
                    List.of(Map.of("_origin", "orders.csv:3", "quantity", "lots")), allocator)) {
                rejects.write(batch);
            }
            return tx.commit("1.2.0", at);
        }
    }

    @Test
    void aCommitBecomesCurrentAndIsListedInTheHistory() {
        assertEquals(Optional.empty(), store.current(PRODUCT));
        assertEquals(List.of(), store.history(PRODUCT));

        SnapshotManifest m = commit(3, T0);
        assertEquals("00000001", m.id());
        assertEquals(1, m.sequence());
        assertEquals("", m.parent());
        assertEquals(T0, m.committedAt());
        assertEquals(PRODUCT.urn(), m.productAddress());
        assertEquals("1.2.0", m.productVersion());
        assertEquals(Map.of("orders", 3L), m.datasets());
        assertEquals(Map.of("orders", 1L), m.quarantine());
        assertEquals(Optional.of(m), store.current(PRODUCT));
        assertEquals(List.of(m), store.history(PRODUCT));
    }

    @Test
    void eachCommitNamesTheSnapshotItReplaced() {
        SnapshotManifest first = commit(1, T0);
        SnapshotManifest second = commit(2, T0.plusSeconds(60));
        assertEquals(2, second.sequence());
        assertEquals(first.id(), second.parent());
        assertEquals(Optional.of(first.id()), second.info().parent());
        assertEquals(Optional.of(second), store.current(PRODUCT));
        assertEquals(List.of(first, second), store.history(PRODUCT));
    }

    @Test
    void aTransactionClosedWithoutCommitLeavesNoSnapshot() {
        SnapshotManifest before = commit(1, T0);
        try (SnapshotTransaction tx = store.begin(PRODUCT, allocator)) {
            ArrowIpcWriter w = tx.dataset("orders", ORDERS.toArrow());
            try (VectorSchemaRoot batch = BatchBuilder.fromRows(ORDERS, List.of(Map.of("id", "x")), allocator)) {
                w.write(batch);
            }
        }
        assertEquals(Optional.of(before), store.current(PRODUCT));
        assertEquals(List.of(before), store.history(PRODUCT));
    }

    @Test
    void aFinishedTransactionCannotBeUsedAgain() {
        try (SnapshotTransaction tx = store.begin(PRODUCT, allocator)) {
            tx.commit("1.0.0", T0);
            assertThrows(IllegalStateException.class, () -> tx.dataset("orders", ORDERS.toArrow()));
            assertThrows(IllegalStateException.class, () -> tx.commit("1.0.0", T0));
        }
        assertEquals(1, store.history(PRODUCT).size());
    }

    @Test
    void aDatasetCannotBeStartedTwiceInOneSnapshot() {
        try (SnapshotTransaction tx = store.begin(PRODUCT, allocator)) {
            tx.dataset("orders", ORDERS.toArrow());
            assertThrows(IllegalStateException.class, () -> tx.dataset("orders", ORDERS.toArrow()));
        }
        assertEquals(Optional.empty(), store.current(PRODUCT));
    }

    @Test
    void writtenDataAndQuarantineCanBeReadBack() {
        SnapshotManifest m = commit(1000, T0);
        StoredSnapshot snapshot = store.open(m, allocator);
        assertEquals(m, snapshot.manifest());
        assertEquals(java.util.Set.of("orders"), snapshot.datasetNames());
        assertEquals(ORDERS, snapshot.dataset("orders").schema());
        List<String> ids = new ArrayList<>();
        long[] sum = {0};
        snapshot.dataset("orders").forEachRow(r -> {
            ids.add(r.getString("id"));
            sum[0] += r.getLong("quantity");
        });
        assertEquals(1000, ids.size());
        assertEquals("o0", ids.get(0));
        assertEquals("o999", ids.get(999));
        assertEquals(999L * 1000 / 2, sum[0]);
        // a dataset can be read more than once
        assertEquals(1000, snapshot.dataset("orders").countRows());

        List<Map<String, Object>> rejected = new ArrayList<>();
        snapshot.quarantine("orders").forEachRow(r -> rejected.add(r.toMap()));
        assertEquals(List.of(Map.of("_origin", "orders.csv:3", "quantity", "lots")), rejected);
    }

    @Test
    void anOlderSnapshotStaysReadableAfterANewerCommit() {
        SnapshotManifest first = commit(2, T0);
        commit(5, T0.plusSeconds(1));
        assertEquals(2, store.open(first, allocator).dataset("orders").countRows());
    }

    @Test
    void openingADatasetTheSnapshotLacksNamesTheOnesItHas() {
        SnapshotManifest m = commit(1, T0);
        StoredSnapshot snapshot = store.open(m, allocator);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> snapshot.dataset("sales"));
        assertTrue(e.getMessage().contains("'sales'") && e.getMessage().contains("[orders]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> snapshot.quarantine("sales"));
    }

    @Test
    void productsDoNotSeeEachOthersSnapshots() {
        commit(1, T0);
        ProductAddress other = ProductAddress.parse("urn:dataproduct:retail:returns:v1");
        assertEquals(Optional.empty(), store.current(other));
        assertEquals(List.of(), store.history(other));
        ProductAddress nextMajor = ProductAddress.parse("urn:dataproduct:retail:purchases:v2");
        assertEquals(Optional.empty(), store.current(nextMajor));
    }

    @Test
    void concurrentCommitsFromTwoThreadsBothSucceedWithDistinctSequences() throws Exception {
        int rounds = 10;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < rounds; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<SnapshotManifest>> commits = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    commits.add(pool.submit(() -> {
                        start.await();
                        return commit(10, T0);
                    }));
                }
                start.countDown();
                SnapshotManifest a = commits.get(0).get(30, TimeUnit.SECONDS);
                SnapshotManifest b = commits.get(1).get(30, TimeUnit.SECONDS);
                assertNotEquals(a.sequence(), b.sequence());
                assertNotEquals(a.id(), b.id());
            }
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
        List<SnapshotManifest> history = store.history(PRODUCT);
        assertEquals(2 * rounds, history.size());
        List<Long> sequences = new ArrayList<>(history.stream().map(SnapshotManifest::sequence).toList());
        List<Long> sorted = new ArrayList<>(sequences);
        Collections.sort(sorted);
        assertEquals(sorted, sequences);
        for (int i = 0; i < history.size(); i++) {
            assertEquals(i + 1, history.get(i).sequence());
            // commits were serialised: each one names the one before it
            assertEquals(i == 0 ? "" : history.get(i - 1).id(), history.get(i).parent());
        }
        assertEquals(history.get(history.size() - 1), store.current(PRODUCT).orElseThrow());
        assertEquals(10, store.open(history.get(7), allocator).dataset("orders").countRows());
    }
}
