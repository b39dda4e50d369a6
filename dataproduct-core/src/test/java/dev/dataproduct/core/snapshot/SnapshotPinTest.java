package dev.dataproduct.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SnapshotPinTest {
    private static final SnapshotManifest ONE = new SnapshotManifest("00000001", 1, "", Instant.EPOCH,
            "urn:dataproduct:k12:students:v1", "1.0.0", Map.of(), Map.of());
    private static final SnapshotManifest TWO = new SnapshotManifest("00000002", 2, "00000001", Instant.EPOCH,
            "urn:dataproduct:k12:students:v1", "1.0.0", Map.of(), Map.of());

    @Test
    void countsPinsUntilEveryOneIsClosedAndClosingTwiceDoesNothing() {
        SnapshotPins pins = new SnapshotPins();
        SnapshotPin a = pins.pin(ONE, () -> true);
        SnapshotPin b = pins.pin(ONE, () -> true);
        pins.pin(TWO, () -> true).close();
        assertEquals(Set.of("00000001"), pins.pinned(ONE.productAddress()));
        a.close();
        a.close();
        assertEquals(Set.of("00000001"), pins.pinned(ONE.productAddress()));
        b.close();
        assertEquals(Set.of(), pins.pinned(ONE.productAddress()));
    }

    @Test
    void refusesToPinASnapshotTheStoreDoesNotHold() {
        SnapshotPins pins = new SnapshotPins();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pins.pin(ONE, () -> false));
        assertTrue(e.getMessage().contains("not in this store"), e.getMessage());
        assertEquals(Set.of(), pins.pinned(ONE.productAddress()));
    }

    @Test
    void retentionPassesAPinnedSnapshotBy() {
        SnapshotPins pins = new SnapshotPins();
        AtomicInteger removed = new AtomicInteger();
        SnapshotPin pin = pins.pin(ONE, () -> true);
        assertFalse(pins.unlessPinned(ONE, removed::incrementAndGet));
        assertTrue(pins.unlessPinned(TWO, removed::incrementAndGet));
        pin.close();
        assertTrue(pins.unlessPinned(ONE, removed::incrementAndGet));
        assertEquals(2, removed.get());
    }

    @Test
    void aStorePinsOnlyItsCommittedSnapshots() {
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        assertThrows(IllegalArgumentException.class, () -> store.pin(ONE));
    }
}
