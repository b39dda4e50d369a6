package dev.dataproduct.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataproduct.api.product.ProductAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpstreamSnapshotsManifestTest {
    static final ProductAddress PRODUCT = ProductAddress.parse("urn:dataproduct:retail:spend:v1");

    @Test
    void aManifestWrittenBeforeUpstreamSnapshotsExistedReadsAsHavingNone(@TempDir Path dir) throws Exception {
        DirectorySnapshotStore store = DirectorySnapshotStore.at(dir);
        SnapshotManifest manifest;
        try (BufferAllocator allocator = new RootAllocator();
             SnapshotTransaction tx = store.begin(PRODUCT, allocator)) {
            tx.dataset("empty", new Schema(List.of()));
            manifest = tx.commit("1.0.0", Instant.parse("2026-12-01T00:00:00Z"), List.of(
                    new UpstreamSnapshot("orders", "urn:dataproduct:retail:orders:v1", "orders", "00000002", "1.0.0")));
        }
        Path file = store.snapshotDirectory(manifest).resolve("manifest.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode written = (ObjectNode) json.readTree(file.toFile());
        assertEquals("00000002", written.at("/upstreamSnapshots/0/snapshotId").asText(), written::toString);
        // the manifest as the SDK wrote it before the field existed
        written.remove("upstreamSnapshots");
        String old = json.writeValueAsString(written);
        Files.writeString(file, old, StandardCharsets.UTF_8);

        SnapshotManifest read = DirectorySnapshotStore.at(dir).current(PRODUCT).orElseThrow();

        assertFalse(old.contains("upstream"), old);
        assertEquals(List.of(), read.upstreamSnapshots());
        assertEquals(manifest.datasets(), read.datasets());
    }
}
