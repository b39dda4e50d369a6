package dev.dataproduct.core.snapshot;

import static dev.dataproduct.core.snapshot.LifecycleFixture.PRODUCT;
import static dev.dataproduct.core.snapshot.LifecycleFixture.UPSERT;
import static dev.dataproduct.core.snapshot.LifecycleFixture.read;
import static dev.dataproduct.core.snapshot.LifecycleFixture.rows;
import static dev.dataproduct.core.snapshot.LifecycleFixture.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotLifecycleTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path root;
    BufferAllocator allocator;
    DirectorySnapshotStore store;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
        store = DirectorySnapshotStore.at(root);
    }

    @AfterEach
    void close() {
        allocator.close();
    }

    private static Map<String, Long> expected(List<Map.Entry<String, Long>> rows) {
        Map<String, Long> out = new TreeMap<>();
        rows.forEach(r -> out.put(r.getKey(), r.getValue()));
        return out;
    }

    private Map<String, Long> current() {
        return read(store, store.current(PRODUCT).orElseThrow(), allocator);
    }

    @Test
    void anAppendSharesItsParentsFilesAndAddsItsRows() {
        SnapshotManifest first = run(store, allocator, WriteMode.replace(), rows("a", 0, 5, 1), T0);
        SnapshotManifest second = run(store, allocator, WriteMode.append(), rows("b", 0, 3, 2), T0.plusSeconds(1));
        assertEquals(SnapshotManifest.Operation.APPEND, second.operation());
        assertEquals(first.filesOf("orders").get(0), second.filesOf("orders").get(0), "the parent's file is shared");
        assertEquals(2, second.filesOf("orders").size());
        Map<String, Long> all = expected(rows("a", 0, 5, 1));
        all.putAll(expected(rows("b", 0, 3, 2)));
        assertEquals(all, current());
        assertEquals(8L, second.datasets().get("orders"));
        assertEquals(expected(rows("a", 0, 5, 1)), read(store, first, allocator), "the parent reads as it was");
    }

    @Test
    void anAppendOnlyDatasetRefusesDeletes() {
        run(store, allocator, WriteMode.replace(), rows("a", 0, 2, 1), T0);
        try (SnapshotTransaction tx = store.begin(PRODUCT, allocator)) {
            tx.dataset("orders", SnapshotStoreContractTest.ORDERS.toArrow(), WriteMode.append());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> tx.delete("orders",
                    List.of("a0")));
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
        }
    }

    @Test
    void anUpsertReplacesAddsAndDeletesByKeyWithDeletionVectorsInsteadOfRewritingItsParent() {
        SnapshotManifest first = run(store, allocator, UPSERT, rows("k", 0, 10, 1), T0);
        List<Map.Entry<String, Long>> change = new ArrayList<>(rows("k", 2, 4, 7));
        change.addAll(rows("n", 0, 2, 9));
        change.add(Map.entry("k3", 8L));  // the last row of a key within a run wins
        SnapshotManifest second = run(store, allocator, UPSERT, change, List.of("k5", "n1"), T0.plusSeconds(1),
                false);
        Map<String, Long> want = expected(rows("k", 0, 10, 1));
        want.put("k2", 7L);
        want.put("k3", 8L);
        want.put("n0", 9L);
        want.remove("k5");
        assertEquals(want, current());
        DataFile parentFile = second.filesOf("orders").get(0);
        assertEquals(first.filesOf("orders").get(0).path(), parentFile.path(), "the parent's data file is shared");
        assertEquals(3, parentFile.deleted(), "k2, k3 and k5 are masked in the parent's file");
        assertFalse(parentFile.deletes().isEmpty());
        assertEquals(want.size(), second.datasets().get("orders"));
    }

    @Test
    void anUpsertOverASnapshotWrittenWithoutKeyIndexesIndexesItOnce() {
        run(store, allocator, WriteMode.replace(), rows("k", 0, 4, 1), T0);
        SnapshotManifest up = run(store, allocator, UPSERT, rows("k", 1, 2, 5), T0.plusSeconds(1));
        Map<String, Long> want = expected(rows("k", 0, 4, 1));
        want.put("k1", 5L);
        assertEquals(want, current());
        assertTrue(up.filesOf("orders").get(0).keys().startsWith("snapshots/" + up.id() + "/"));
    }

    @Test
    void aRollbackIsANewCommitThatRecordsItsSourceAndReasonAndTheListShowsWhatItUndid() {
        SnapshotManifest good = run(store, allocator, WriteMode.replace(), rows("a", 0, 3, 1), T0);
        SnapshotManifest bad = run(store, allocator, WriteMode.append(), rows("x", 0, 2, 1), T0.plusSeconds(1));
        SnapshotManifest back = store.rollback(PRODUCT, good.id(), "day 2 loaded a broken extract",
                T0.plusSeconds(2));
        assertEquals(SnapshotManifest.Operation.ROLLBACK, back.operation());
        assertEquals(good.id(), back.source());
        assertEquals(bad.id(), back.parent());
        assertEquals("day 2 loaded a broken extract", back.reason());
        assertEquals(expected(rows("a", 0, 3, 1)), current());
        assertEquals(List.of(SnapshotState.PUBLISHED, SnapshotState.ROLLED_BACK, SnapshotState.CURRENT),
                store.snapshots(PRODUCT).stream().map(SnapshotEntry::state).toList());
        assertEquals(List.of(good, bad, back), store.history(PRODUCT), "the history is never rewritten");
        // an append after the rollback builds on the rolled-back-to rows
        run(store, allocator, WriteMode.append(), rows("c", 0, 1, 1), T0.plusSeconds(3));
        assertEquals(4, current().size());
    }

    @Test
    void aStagedSnapshotIsReadableByIdButNotCurrentUntilPublished() {
        SnapshotManifest live = run(store, allocator, WriteMode.replace(), rows("a", 0, 3, 1), T0);
        SnapshotManifest staged = run(store, allocator, WriteMode.append(), rows("s", 0, 2, 1), List.of(),
                T0.plusSeconds(1), true);
        assertEquals(live, store.current(PRODUCT).orElseThrow());
        assertEquals(5, read(store, store.find(PRODUCT, staged.id()).orElseThrow(), allocator).size());
        assertEquals(SnapshotState.STAGED, store.snapshots(PRODUCT).get(1).state());
        assertEquals(List.of(live), store.history(PRODUCT), "staged snapshots are not committed");
        SnapshotManifest published = store.publish(PRODUCT, staged.id(), T0.plusSeconds(2));
        assertEquals(SnapshotManifest.Operation.PUBLISH, published.operation());
        assertEquals(5, current().size());
        assertEquals(List.of(SnapshotState.PUBLISHED, SnapshotState.PUBLISHED, SnapshotState.CURRENT),
                store.snapshots(PRODUCT).stream().map(SnapshotEntry::state).toList());
        assertThrows(IllegalStateException.class, () -> store.publish(PRODUCT, staged.id(), T0.plusSeconds(3)));
    }

    @Test
    void aFailedAuditDiscardsTheStagedSnapshotAndLeavesCurrentAsItWas() throws IOException {
        SnapshotManifest live = run(store, allocator, WriteMode.replace(), rows("a", 0, 3, 1), T0);
        SnapshotManifest staged = run(store, allocator, WriteMode.replace(), rows("z", 0, 2, 1), List.of(),
                T0.plusSeconds(1), true);
        store.discard(PRODUCT, staged.id());
        assertEquals(live, store.current(PRODUCT).orElseThrow());
        assertEquals(List.of(live.id()), store.snapshots(PRODUCT).stream().map(e -> e.manifest().id()).toList());
        assertFalse(Files.exists(store.snapshotDirectory(staged)), "the discarded snapshot's files are gone");
        assertTrue(store.find(PRODUCT, staged.id()).isEmpty());
    }

    @Test
    void aStagedSnapshotBuiltOnAnOlderCurrentCannotBePublished() {
        run(store, allocator, WriteMode.replace(), rows("a", 0, 3, 1), T0);
        SnapshotManifest staged = run(store, allocator, WriteMode.append(), rows("s", 0, 2, 1), List.of(),
                T0.plusSeconds(1), true);
        run(store, allocator, WriteMode.append(), rows("b", 0, 1, 1), T0.plusSeconds(2));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> store.publish(PRODUCT, staged.id(), T0.plusSeconds(3)));
        assertTrue(e.getMessage().contains("run again"), e.getMessage());
    }

    @Test
    void retentionKeepsTheLastNTaggedPinnedAndCurrentAndRemovesOnlyFilesNoRetainedSnapshotLists()
            throws IOException {
        List<SnapshotManifest> runs = new ArrayList<>();
        runs.add(run(store, allocator, WriteMode.replace(), rows("a", 0, 100, 1), T0));
        for (int day = 1; day <= 5; day++) {
            runs.add(run(store, allocator, WriteMode.append(), rows("d" + day + "-", 0, 10, 1),
                    T0.plus(Duration.ofDays(day))));
        }
        store.tag(PRODUCT, "release-2026-q4", runs.get(1).id());
        try (SnapshotPin pin = store.pin(runs.get(2))) {
            RetentionResult result = store.expire(PRODUCT, RetentionPolicy.keepLast(2), T0.plus(Duration.ofDays(6)));
            assertEquals(List.of(runs.get(0).id(), runs.get(3).id()), result.removed());
            assertEquals(List.of(runs.get(1).id(), runs.get(2).id(), runs.get(4).id(), runs.get(5).id()),
                    result.kept());
            // every file of the removed snapshots is still listed by the retained appends, except their manifests
            assertEquals(0, result.filesRemoved(), "shared files are kept");
            assertEquals(150, current().size());
            assertEquals(110, read(store, runs.get(1), allocator).size());
            assertEquals(120, read(store, runs.get(2), allocator).size());
        }
        // a replace stops the sharing: the old files go once their snapshots do
        run(store, allocator, WriteMode.replace(), rows("r", 0, 1, 1), T0.plus(Duration.ofDays(7)));
        store.untag(PRODUCT, "release-2026-q4");
        RetentionResult second = store.expire(PRODUCT, RetentionPolicy.keepLast(1), T0.plus(Duration.ofDays(7)));
        assertEquals(6, second.filesRemoved(), second.toString());
        assertTrue(second.bytesReclaimed() > 0);
        try (Stream<Path> left = Files.list(store.productDirectory(PRODUCT).resolve("snapshots"))) {
            assertEquals(1, left.count(), "only the current snapshot's directory is left");
        }
    }

    @Test
    void retentionKeepsSnapshotsYoungerThanTheDurationAndExpiresStagedOnesNeverPublished() {
        run(store, allocator, WriteMode.replace(), rows("a", 0, 1, 1), T0);
        SnapshotManifest young = run(store, allocator, WriteMode.replace(), rows("b", 0, 1, 1),
                T0.plus(Duration.ofDays(9)));
        SnapshotManifest staged = run(store, allocator, WriteMode.replace(), rows("s", 0, 1, 1), List.of(),
                T0.plus(Duration.ofDays(9)), true);
        run(store, allocator, WriteMode.replace(), rows("c", 0, 1, 1), T0.plus(Duration.ofDays(10)));
        RetentionResult r = store.expire(PRODUCT, RetentionPolicy.keepYoungerThan(Duration.ofDays(3))
                .expiringStagedAfter(Duration.ofHours(12)), T0.plus(Duration.ofDays(10)));
        assertEquals(List.of("00000001", staged.id()), r.removed());
        assertTrue(store.find(PRODUCT, young.id()).isPresent());
    }

    @Test
    void aTagNamesASnapshotAndRefusesBadNames() {
        SnapshotManifest first = run(store, allocator, WriteMode.replace(), rows("a", 0, 1, 1), T0);
        store.tag(PRODUCT, "release-2026-q4", first.id());
        assertEquals(Map.of("release-2026-q4", first.id()), store.tags(PRODUCT));
        assertEquals(List.of("release-2026-q4"), store.snapshots(PRODUCT).get(0).tags());
        assertThrows(IllegalArgumentException.class, () -> store.tag(PRODUCT, "no spaces", first.id()));
        assertThrows(IllegalArgumentException.class, () -> store.tag(PRODUCT, "x", "00000099"));
    }

    @Test
    void compactionRewritesIncrementsIntoOneFileWithTheSameRows() {
        run(store, allocator, UPSERT, rows("k", 0, 20, 1), T0);
        for (int i = 1; i <= 4; i++) {
            run(store, allocator, UPSERT, rows("k", i * 3, i * 3 + 5, i), List.of("k" + i), T0.plusSeconds(i), false);
        }
        Map<String, Long> before = current();
        SnapshotManifest compacted = store.compact(PRODUCT, allocator, T0.plusSeconds(10));
        assertEquals(SnapshotManifest.Operation.COMPACT, compacted.operation());
        assertEquals(1, compacted.filesOf("orders").size());
        assertEquals(0, compacted.filesOf("orders").get(0).deleted());
        assertEquals(before, current());
        // the compacted file carries a key index: upserts go on
        run(store, allocator, UPSERT, rows("k", 0, 1, 42), T0.plusSeconds(11));
        before.put("k0", 42L);
        assertEquals(before, current());
    }

    @Test
    void aManifestWrittenBeforeIncrementalRunsStillReads() throws IOException {
        SnapshotManifest m = run(store, allocator, WriteMode.replace(), rows("a", 0, 3, 1), T0);
        Path manifest = store.snapshotDirectory(m).resolve("manifest.json");
        String old = "{\"id\":\"00000001\",\"sequence\":1,\"parent\":\"\",\"committedAt\":\"2026-11-01T00:00:00Z\","
                + "\"productAddress\":\"" + PRODUCT.urn() + "\",\"productVersion\":\"1.0.0\","
                + "\"datasets\":{\"orders\":3},\"quarantine\":{}}";
        Files.writeString(manifest, old);
        SnapshotManifest read = store.current(PRODUCT).orElseThrow();
        assertEquals(SnapshotManifest.Operation.REPLACE, read.operation());
        assertEquals(expected(rows("a", 0, 3, 1)), read(store, read, allocator));
        run(store, allocator, WriteMode.append(), rows("b", 0, 1, 1), T0.plusSeconds(1));
        assertEquals(4, current().size());
    }

    @Test
    void aReplaceWritesTheManifestOfBeforeAndAManifestWithFieldsOfANewerWriterStillReads() throws IOException {
        SnapshotManifest m = run(store, allocator, WriteMode.replace(), rows("a", 0, 2, 1), T0);
        Path manifest = store.snapshotDirectory(m).resolve("manifest.json");
        String json = Files.readString(manifest);
        for (String field : List.of("files", "quarantineFiles", "operation", "source", "reason", "staged")) {
            assertFalse(json.contains("\"" + field + "\""), "a replace's manifest has no '" + field + "': " + json);
        }
        Files.writeString(manifest, json.replaceFirst("\\{", "{\"fieldOfANewerWriter\":{\"x\":\"1\"},"));
        assertEquals(m, store.current(PRODUCT).orElseThrow());
    }
}
