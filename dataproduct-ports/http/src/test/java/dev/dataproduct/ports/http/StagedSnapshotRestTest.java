package dev.dataproduct.ports.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.io.ArrowIpcWriter;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.SnapshotTransaction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Write, audit, publish over REST: a staged snapshot is read by id before it is published. */
class StagedSnapshotRestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private static HttpResponse<String> get(HttpClient client, URI base, String path, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aStagedSnapshotIsReadByIdForItsAuditBeforeItIsPublished() throws Exception {
        DirectorySnapshotStore store = DirectorySnapshotStore.at(root);
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(store).build()) {
            DataProduct product = Directory.product(40, Directory.POLICY, 7);
            StaticTokens tokens = StaticTokens.builder().token(Directory.ADMIN_TOKEN, Directory.ADMIN)
                    .token(Directory.NOBODY_TOKEN, Directory.NOBODY).build();
            RestPort rest = RestPort.builder().authenticator(tokens::authenticate).build();
            try (ProductHost host = ProductHost.builder(runtime, allocator).product(product).serve(rest).build()) {
                host.run(product.address());
                host.start();
                SnapshotManifest staged;
                try (SnapshotTransaction tx = store.begin(product.address(), allocator);
                     VectorSchemaRoot rows = BatchBuilder.fromRows(Directory.schema(), Directory.rows(3), allocator)) {
                    ArrowIpcWriter w = tx.dataset("students", Directory.schema().toArrow());
                    w.write(rows);
                    staged = tx.stage("1.2.0", Instant.now());
                }
                HttpClient client = HttpClient.newHttpClient();
                URI base = rest.baseUri();
                String rowsPath = RestPortTest.ROWS + "?select=id&snapshot=" + staged.id();
                HttpResponse<String> audit = get(client, base, rowsPath, Directory.ADMIN_TOKEN);
                assertEquals(200, audit.statusCode(), audit.body());
                JsonNode read = JSON.readTree(audit.body());
                assertEquals(3, read.size(), audit.body());
                assertEquals("s0", read.get(0).get("id").asText());
                assertEquals(403, get(client, base, rowsPath, Directory.NOBODY_TOKEN).statusCode(),
                        "the policy applies to a staged snapshot as to any other");
                HttpResponse<String> current = get(client, base, RestPortTest.ROWS + "?select=id",
                        Directory.ADMIN_TOKEN);
                assertEquals(40, JSON.readTree(current.body()).size(), "the staged snapshot is not current");
                assertEquals(404, get(client, base, RestPortTest.ROWS + "?snapshot=99999999", Directory.ADMIN_TOKEN)
                        .statusCode());
            }
        }
    }
}
