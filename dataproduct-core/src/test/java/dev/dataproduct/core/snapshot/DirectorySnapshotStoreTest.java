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
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".staging-") && !n.endsWith(".owner")).toList();
        }
    }

    @Test
    void twoStoresOverOneDirectoryThroughALinkShareTheirPins(@TempDir Path elsewhere) throws IOException {
        SnapshotManifest m = commit(2, T0);
        Path link = Files.createSymbolicLink(elsewhere.resolve("link"), root);
        DirectorySnapshotStore viaLink = DirectorySnapshotStore.at(link);
        try (SnapshotPin pin = store.pin(m)) {
            assertEquals(java.util.Set.of(m.id()), viaLink.pinned(PRODUCT),
                    "retention through the link must see the pin taken through the real path");
        }
        assertTrue(viaLink.pinned(PRODUCT).isEmpty());
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

    private List<String> entries(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void leftoversOfACrashedCommitAreNeitherCurrentNorInTheHistory() throws IOException {
        SnapshotManifest first = commit(1, T0);
        Path dir = productDir();
        Files.createDirectories(dir.resolve(".staging-0b0e9a52-dead-beef-0000-000000000000").resolve("data"));
        SnapshotManifest orphan = new SnapshotManifest("00000002", 2, first.id(), T0.plusSeconds(5), PRODUCT.urn(),
                "1.2.0", Map.of("orders", 7L), Map.of());
        Path orphanDir = dir.resolve("snapshots").resolve("00000002");
        Files.createDirectories(orphanDir.resolve("data"));
        Files.write(orphanDir.resolve("manifest.json"), DirectorySnapshotStore.JSON.writeValueAsBytes(orphan));

        DirectorySnapshotStore reopened = DirectorySnapshotStore.at(root);
        assertEquals(first, reopened.current(PRODUCT).orElseThrow());
        assertEquals(List.of(first), reopened.history(PRODUCT));
    }

    @Test
    void theNextWriterRemovesWhatKilledRunsLeftAndKeepsEverySnapshotUpToCurrent() throws IOException {
        SnapshotManifest first = commit(1, T0);
        SnapshotManifest second = commit(2, T0.plusSeconds(1));
        Path dir = productDir();
        // a run killed while writing: its staging directory and its owner lock, which no one holds now
        Path killed = dir.resolve(".staging-0b0e9a52-dead-beef-0000-000000000001");
        Files.createDirectories(killed.resolve("data"));
        Files.writeString(killed.resolve("data").resolve("orders.arrow"), "half a file");
        Files.createFile(dir.resolve(killed.getFileName() + ".owner"));
        // a run killed before owner locks existed, and one killed after taking its lock but before its directory
        Files.createDirectories(dir.resolve(".staging-0b0e9a52-dead-beef-0000-000000000002").resolve("quarantine"));
        Files.createFile(dir.resolve(".staging-0b0e9a52-dead-beef-0000-000000000003.owner"));
        // a run killed after moving its snapshot into place but before replacing CURRENT
        SnapshotManifest orphan = new SnapshotManifest("00000003", 3, second.id(), T0.plusSeconds(5), PRODUCT.urn(),
                "1.2.0", Map.of("orders", 7L), Map.of());
        Path orphanDir = dir.resolve("snapshots").resolve("00000003");
        Files.createDirectories(orphanDir.resolve("data"));
        Files.write(orphanDir.resolve("manifest.json"), DirectorySnapshotStore.JSON.writeValueAsBytes(orphan));
        Files.writeString(dir.resolve("CURRENT.next"), "00000003\n");

        DirectorySnapshotStore next = DirectorySnapshotStore.at(root);
        try (SnapshotTransaction live = next.begin(PRODUCT, allocator)) {
            List<String> left = entries(dir);
            assertEquals(5, left.size(), "the debris is gone, the live transaction's staging is there: " + left);
            assertTrue(left.containsAll(List.of(".lock", "CURRENT", "snapshots")), left.toString());
            assertEquals(1, stagingDirectories().size(), left.toString());
            assertEquals(List.of("00000001", "00000002"), entries(dir.resolve("snapshots")));

            // a second writer of this JVM must not take the live transaction's staging for debris
            try (SnapshotTransaction other = next.begin(PRODUCT, allocator)) {
                assertEquals(2, stagingDirectories().size());
            }
            assertEquals(1, stagingDirectories().size());
            live.dataset("orders", ORDERS.toArrow());
            SnapshotManifest third = live.commit("1.2.0", T0.plusSeconds(10));
            assertEquals(second.id(), third.parent());
            assertEquals(List.of(first, second, third), next.history(PRODUCT));
        }
        assertEquals(List.of(), stagingDirectories());
        assertEquals(List.of(".lock", "CURRENT", "snapshots"), entries(dir));
        assertEquals(1, next.open(first, allocator).dataset("orders").countRows());
        assertEquals(2, next.open(second, allocator).dataset("orders").countRows());
    }

    @Test
    void aWriterOfAnotherProcessKeepsItsStagingWhileItLivesAndTheNextWriterRemovesItOnceKilled() throws Exception {
        SnapshotManifest first = commit(3, T0);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), CrashingWriter.class.getName(), root.toString(), PRODUCT.urn())
                .redirectErrorStream(true).start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(
                    writer.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder said = new StringBuilder();
            for (String line = out.readLine(); line != null && !line.equals("writing"); line = out.readLine()) {
                said.append(line).append('\n');
            }
            assertEquals(1, stagingDirectories().size(), "the writer process did not start writing: " + said);
            try (SnapshotTransaction tx = store.begin(PRODUCT, allocator)) {
                assertEquals(2, stagingDirectories().size(), "a live writer's staging directory is not debris");
            }
        } finally {
            writer.destroyForcibly().waitFor();
        }
        assertEquals(1, stagingDirectories().size(), "the killed writer left its staging directory");

        SnapshotManifest next = commit(4, T0.plusSeconds(1));
        assertEquals(List.of(), stagingDirectories());
        assertEquals(List.of(".lock", "CURRENT", "snapshots"), entries(productDir()));
        assertEquals(List.of(first, next), store.history(PRODUCT));
        assertEquals(3, store.open(first, allocator).dataset("orders").countRows());
    }

    @Test
    void aSecondStoreOnTheSameDirectorySeesTheCommits() {
        SnapshotManifest m = commit(4, T0);
        DirectorySnapshotStore other = DirectorySnapshotStore.at(root);
        assertEquals(m, other.current(PRODUCT).orElseThrow());
        assertEquals(4, other.open(m, allocator).dataset("orders").countRows());
    }
}
