package dev.dataproduct.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.core.io.ArrowIpcWriter;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class InMemorySnapshotStoreTest extends SnapshotStoreContractTest {

    @Override
    SnapshotStore newStore() {
        return new InMemorySnapshotStore();
    }

    @Test
    void aSnapshotOfAnotherStoreCannotBeOpened() {
        SnapshotManifest m = commit(1, T0);
        InMemorySnapshotStore other = new InMemorySnapshotStore();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.open(m, allocator));
        assertTrue(e.getMessage().contains(m.id()), e.getMessage());
    }

    @Test
    void theLocationSaysTheSnapshotIsInMemory() {
        SnapshotManifest m = commit(1, T0);
        assertEquals("memory:" + PRODUCT.urn() + "/00000001", store.location(m));
    }

    @Test
    void refusesAnAppendWhenTheDatasetIsStartedNotAfterTheRunDidItsWork() {
        try (SnapshotTransaction tx = store.begin(PRODUCT, allocator)) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> tx.dataset("orders", ORDERS.toArrow(), WriteMode.append()));
            assertTrue(e.getMessage().contains("DirectorySnapshotStore"), e.getMessage());
        }
        assertTrue(store.history(PRODUCT).isEmpty());
    }

    private SnapshotManifest stage(int rows, java.time.Instant at) {
        try (SnapshotTransaction tx = store.begin(PRODUCT, allocator)) {
            ArrowIpcWriter data = tx.dataset("orders", ORDERS.toArrow());
            try (VectorSchemaRoot batch = BatchBuilder.fromRows(ORDERS, java.util.stream.IntStream.range(0, rows)
                    .mapToObj(r -> Map.<String, Object>of("id", "s" + r, "quantity", (long) r)).toList(), allocator)) {
                data.write(batch);
            }
            tx.attach("note", new byte[] {(byte) rows});
            return tx.stage("1.2.0", at);
        }
    }

    private long rows(SnapshotManifest m) {
        return store.open(m, allocator).dataset("orders").countRows();
    }

    @Test
    void rollsBackTagsAndListsSnapshotsWithTheirStates() {
        SnapshotManifest first = commit(3, T0);
        commit(5, T0.plusSeconds(1));
        SnapshotManifest back = store.rollback(PRODUCT, first.id(), "the second was wrong", T0.plusSeconds(2));
        assertEquals(SnapshotManifest.Operation.ROLLBACK, back.operation());
        assertEquals(first.id(), back.source());
        assertEquals(3, rows(store.current(PRODUCT).orElseThrow()), "the rollback shares the rows of its source");
        store.tag(PRODUCT, "release-1", first.id());
        assertEquals(List.of(SnapshotState.PUBLISHED, SnapshotState.ROLLED_BACK, SnapshotState.CURRENT),
                store.snapshots(PRODUCT).stream().map(SnapshotEntry::state).toList());
        assertEquals(List.of("release-1"), store.snapshots(PRODUCT).get(0).tags());
        assertThrows(IllegalArgumentException.class, () -> store.tag(PRODUCT, "no spaces", first.id()));
        assertThrows(IllegalArgumentException.class, () -> store.rollback(PRODUCT, back.id(), "", T0));
        assertTrue(store.untag(PRODUCT, "release-1"));
    }

    @Test
    void aStagedSnapshotIsReadByIdThenPublishedOrDiscarded() {
        commit(2, T0);
        SnapshotManifest staged = stage(4, T0.plusSeconds(1));
        assertEquals(2, rows(store.current(PRODUCT).orElseThrow()), "a staged snapshot is not current");
        assertEquals(4, rows(store.find(PRODUCT, staged.id()).orElseThrow()), "it is read by id for its audit");
        assertEquals(SnapshotState.STAGED, store.snapshots(PRODUCT).get(1).state());
        SnapshotManifest published = store.publish(PRODUCT, staged.id(), T0.plusSeconds(2));
        assertEquals(4, rows(store.current(PRODUCT).orElseThrow()));
        assertEquals(4, store.attachment(published, "note").orElseThrow()[0], "the publication has its attachments");
        SnapshotManifest other = stage(7, T0.plusSeconds(3));
        store.discard(PRODUCT, other.id());
        assertTrue(store.find(PRODUCT, other.id()).isEmpty());
        assertEquals(published, store.current(PRODUCT).orElseThrow());
        assertThrows(IllegalStateException.class, () -> store.publish(PRODUCT, staged.id(), T0.plusSeconds(4)));
    }

    @Test
    void retentionKeepsTheLastTaggedCurrentAndPinnedSnapshotsAndReclaimsUnsharedBytes() {
        SnapshotManifest first = commit(1, T0);
        SnapshotManifest second = commit(2, T0.plusSeconds(1));
        SnapshotManifest third = commit(3, T0.plusSeconds(2));
        commit(4, T0.plusSeconds(3));
        store.tag(PRODUCT, "keep", first.id());
        store.rollback(PRODUCT, third.id(), "back", T0.plusSeconds(4));
        RetentionResult result;
        try (SnapshotPin pin = store.pin(second)) {
            result = store.expire(PRODUCT, RetentionPolicy.keepLast(1), T0.plusSeconds(5));
        }
        assertEquals(List.of(third.id(), "00000004"), result.removed());
        assertEquals(List.of(first.id(), second.id(), "00000005"), result.kept());
        assertEquals(2, result.filesRemoved(), "the fourth's data and quarantine; the third's are the rollback's");
        assertEquals(3, rows(store.current(PRODUCT).orElseThrow()), "the rollback still reads its source's rows");
    }
}
