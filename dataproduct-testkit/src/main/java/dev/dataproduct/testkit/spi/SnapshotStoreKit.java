package dev.dataproduct.testkit.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.io.ArrowIpcWriter;
import dev.dataproduct.core.io.ArrowMemory;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.SnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotTransaction;
import dev.dataproduct.core.snapshot.UpstreamSnapshot;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance kit for {@link SnapshotStore} implementations: extend it in a test of your store
 * and say how to make an empty one; the kit checks the SPI's promises. A committed snapshot reads
 * back exactly, quarantine included; nothing written is visible before commit, and an abandoned
 * transaction leaves no trace; each commit becomes current with the next sequence number and its
 * predecessor as parent, while older snapshots stay readable; a manifest keeps the upstream
 * snapshots a run read; and reading and writing release all their memory.
 */
public abstract class SnapshotStoreKit {
    private static final ProductAddress PRODUCT = new ProductAddress("kit", "stored", 1);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** A directory of the test's own, for stores that keep files. */
    @TempDir
    protected Path dir;

    /** For subclasses. */
    protected SnapshotStoreKit() {
    }

    /**
     * @param dir a directory of the test's own
     * @return an empty store
     * @throws Exception if the store cannot be made
     */
    protected abstract SnapshotStore store(Path dir) throws Exception;

    private static void write(ArrowIpcWriter writer, List<Map<String, Object>> rows, BufferAllocator allocator) {
        try (VectorSchemaRoot batch = BatchBuilder.fromRows(KitData.SPEC.schema(), rows, allocator)) {
            writer.write(batch);
        }
    }

    private static SnapshotManifest commit(SnapshotStore store, List<Map<String, Object>> rows, BufferAllocator allocator,
                                           int minutes) {
        try (SnapshotTransaction tx = store.begin(PRODUCT, allocator)) {
            write(tx.dataset("items", KitData.SPEC.schema().toArrow()), rows, allocator);
            return tx.commit("1.0.0", NOW.plusSeconds(60L * minutes));
        }
    }

    private static List<Map<String, Object>> read(SnapshotStore store, SnapshotManifest manifest,
                                                  BufferAllocator allocator) {
        return KitData.read(store.open(manifest, allocator).dataset("items"));
    }

    /**
     * A committed snapshot reads back exactly, quarantine included.
     *
     * @throws Exception if the implementation fails
     */
    @Test
    public void aCommittedSnapshotReadsBackExactlyWithItsQuarantine() throws Exception {
        SnapshotStore store = store(dir);
        List<Map<String, Object>> rows = KitData.rows(300, 30);
        try (BufferAllocator allocator = ArrowMemory.rootAllocator()) {
            SnapshotManifest manifest;
            try (SnapshotTransaction tx = store.begin(PRODUCT, allocator)) {
                write(tx.dataset("items", KitData.SPEC.schema().toArrow()), rows, allocator);
                write(tx.quarantine("items", KitData.SPEC.schema().toArrow()), rows.subList(0, 3), allocator);
                manifest = tx.commit("1.0.0", NOW);
            }
            assertEquals(Optional.of(manifest), store.current(PRODUCT));
            assertEquals(300L, manifest.datasets().get("items"));
            assertEquals(rows, read(store, manifest, allocator));
            assertEquals(rows.subList(0, 3), KitData.read(store.open(manifest, allocator).quarantine("items")));
        }
    }

    /**
     * Nothing written is seen before the commit, and an abandoned snapshot leaves no trace.
     *
     * @throws Exception if the implementation fails
     */
    @Test
    public void nothingWrittenIsSeenBeforeCommitAndAnAbandonedSnapshotLeavesNoTrace() throws Exception {
        SnapshotStore store = store(dir);
        try (BufferAllocator allocator = ArrowMemory.rootAllocator()) {
            SnapshotManifest first = commit(store, KitData.rows(10, 31), allocator, 0);
            try (SnapshotTransaction tx = store.begin(PRODUCT, allocator)) {
                write(tx.dataset("items", KitData.SPEC.schema().toArrow()), KitData.rows(20, 32), allocator);
                assertEquals(Optional.of(first), store.current(PRODUCT), "a reader sees the last commit meanwhile");
                assertEquals(List.of(first), store.history(PRODUCT));
            }
            assertEquals(Optional.of(first), store.current(PRODUCT));
            assertEquals(List.of(first), store.history(PRODUCT));
            SnapshotManifest second = commit(store, KitData.rows(5, 33), allocator, 1);
            assertEquals(first.sequence() + 1, second.sequence(), "an abandoned snapshot takes no sequence number");
        }
    }

    /**
     * Each commit becomes current after its parent, and older snapshots stay readable.
     *
     * @throws Exception if the implementation fails
     */
    @Test
    public void eachCommitBecomesCurrentAfterItsParentAndOlderSnapshotsStayReadable() throws Exception {
        SnapshotStore store = store(dir);
        List<Map<String, Object>> old = KitData.rows(40, 34);
        List<Map<String, Object>> recent = KitData.rows(60, 35);
        try (BufferAllocator allocator = ArrowMemory.rootAllocator()) {
            SnapshotManifest first = commit(store, old, allocator, 0);
            SnapshotManifest second = commit(store, recent, allocator, 1);
            assertEquals(Optional.of(second), store.current(PRODUCT));
            assertEquals(List.of(first, second), store.history(PRODUCT));
            assertEquals(first.id(), second.parent());
            assertTrue(second.sequence() > first.sequence());
            assertEquals(old, read(store, first, allocator));
            assertEquals(recent, read(store, second, allocator));
        }
    }

    /**
     * Another store instance over the same storage sees the commits.
     *
     * @throws Exception if the implementation fails
     */
    @Test
    public void anotherInstanceOverTheSameStorageSeesTheCommits() throws Exception {
        SnapshotStore store = store(dir);
        List<Map<String, Object>> rows = KitData.rows(15, 36);
        try (BufferAllocator allocator = ArrowMemory.rootAllocator()) {
            SnapshotManifest manifest = commit(store, rows, allocator, 0);
            SnapshotStore again = reopen(store, dir);
            assertEquals(Optional.of(manifest), again.current(PRODUCT));
            assertEquals(rows, read(again, manifest, allocator));
        }
    }

    /**
     * A snapshot built from other products keeps, in its manifest, the snapshots it read, also
     * after the store is opened again.
     *
     * @throws Exception if the implementation fails
     */
    @Test
    public void aManifestKeepsTheUpstreamSnapshotsItWasBuiltFrom() throws Exception {
        SnapshotStore store = store(dir);
        List<UpstreamSnapshot> read = List.of(
                new UpstreamSnapshot("orders", "urn:dataproduct:kit:orders:v2", "orders", "00000007", "2.1.0"),
                new UpstreamSnapshot("customers", "urn:dataproduct:kit:customers:v1", "customers", "00000003", "1.0.0"));
        try (BufferAllocator allocator = ArrowMemory.rootAllocator()) {
            SnapshotManifest manifest;
            try (SnapshotTransaction tx = store.begin(PRODUCT, allocator)) {
                write(tx.dataset("items", KitData.SPEC.schema().toArrow()), KitData.rows(3, 37), allocator);
                manifest = tx.commit("1.0.0", NOW, read);
            }
            assertEquals(read, manifest.upstreamSnapshots());
            assertEquals(Optional.of(manifest), store.current(PRODUCT));
            assertEquals(read, reopen(store, dir).current(PRODUCT).orElseThrow().upstreamSnapshots());
        }
    }

    /**
     * @param store a store
     * @param dir the directory it was made with
     * @return a store over the same storage, as after a restart; the same instance for a store
     *     that keeps nothing beyond its own life
     * @throws Exception if the storage cannot be opened again
     */
    protected SnapshotStore reopen(SnapshotStore store, Path dir) throws Exception {
        return store;
    }
}
