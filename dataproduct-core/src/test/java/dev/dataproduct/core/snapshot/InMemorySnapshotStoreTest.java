package dev.dataproduct.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
