package dev.dataproduct.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySnapshotStoreTest extends SnapshotStoreContractTest {
    @TempDir
    Path root;

    @Override
    SnapshotStore newStore() {
        return DirectorySnapshotStore.at(root);
    }

    private Path productDir() {
        return ((DirectorySnapshotStore) store).productDirectory(PRODUCT);
    }

    private List<String> stagingDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(productDir())) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".staging-")).toList();
        }
    }

    @Test
    void aCommitWritesTheLayoutAndPointsCurrentAtIt() throws IOException {
        SnapshotManifest m = commit(2, T0);
        Path dir = productDir();
        assertEquals(root.resolve("retail").resolve("purchases").resolve("v1"), dir);
        assertEquals("00000001", Files.readString(dir.resolve("CURRENT"), StandardCharsets.UTF_8).strip());
        Path snapshot = dir.resolve("snapshots").resolve("00000001");
        assertTrue(Files.isRegularFile(snapshot.resolve("manifest.json")));
        assertTrue(Files.isRegularFile(snapshot.resolve("data").resolve("orders.arrow")));
        assertTrue(Files.isRegularFile(snapshot.resolve("quarantine").resolve("orders.arrow")));
        assertEquals(snapshot, ((DirectorySnapshotStore) store).snapshotDirectory(m));
        assertEquals(snapshot.toString(), store.location(m));
        assertEquals(List.of(), stagingDirectories());
    }

    @Test
    void anUncommittedTransactionLeavesNoStagingDirectory() throws IOException {
        try (SnapshotTransaction tx = store.begin(PRODUCT, allocator)) {
            tx.dataset("orders", ORDERS.toArrow());
            assertEquals(1, stagingDirectories().size(), "the transaction writes in a staging directory");
        }
        assertEquals(List.of(), stagingDirectories());
        assertFalse(Files.exists(productDir().resolve("CURRENT")));
        assertFalse(Files.exists(productDir().resolve("snapshots")));
        assertTrue(store.current(PRODUCT).isEmpty());
    }

    @Test
    void leftoversOfACrashedCommitAreNeitherCurrentNorReused() throws IOException {
        SnapshotManifest first = commit(1, T0);
        Path dir = productDir();
        // a run killed while writing: its staging directory is left behind
        Path staging = dir.resolve(".staging-0b0e9a52-dead-beef-0000-000000000000");
        Files.createDirectories(staging.resolve("data"));
        Files.writeString(staging.resolve("data").resolve("orders.arrow"), "half a file");
        // a run killed after moving its snapshot into place but before replacing CURRENT
        SnapshotManifest orphan = new SnapshotManifest("00000002", 2, first.id(), T0.plusSeconds(5), PRODUCT.urn(),
                "1.2.0", Map.of("orders", 7L), Map.of());
        Path orphanDir = dir.resolve("snapshots").resolve("00000002");
        Files.createDirectories(orphanDir.resolve("data"));
        Files.write(orphanDir.resolve("manifest.json"), DirectorySnapshotStore.JSON.writeValueAsBytes(orphan));

        DirectorySnapshotStore reopened = DirectorySnapshotStore.at(root);
        assertEquals(first, reopened.current(PRODUCT).orElseThrow());
        assertEquals(List.of(first), reopened.history(PRODUCT));

        store = reopened;
        SnapshotManifest next = commit(3, T0.plusSeconds(10));
        assertEquals(3, next.sequence());
        assertEquals("00000003", next.id());
        assertEquals(first.id(), next.parent());
        assertEquals(next, reopened.current(PRODUCT).orElseThrow());
        assertEquals("00000003", Files.readString(dir.resolve("CURRENT"), StandardCharsets.UTF_8).strip());
        assertEquals(List.of(first, next), reopened.history(PRODUCT));
        assertEquals(3, reopened.open(next, allocator).dataset("orders").countRows());
        // the orphan is left alone, never overwritten
        assertEquals(orphan, DirectorySnapshotStore.JSON.readValue(orphanDir.resolve("manifest.json").toFile(),
                SnapshotManifest.class));
    }

    @Test
    void aSecondStoreOnTheSameDirectorySeesTheCommits() {
        SnapshotManifest m = commit(4, T0);
        DirectorySnapshotStore other = DirectorySnapshotStore.at(root);
        assertEquals(m, other.current(PRODUCT).orElseThrow());
        assertEquals(4, other.open(m, allocator).dataset("orders").countRows());
    }
}
