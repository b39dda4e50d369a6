package dev.dataproduct.core.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lineage graph of a mesh follows from the events file alone. */
class LineageGraphTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void rebuildsTheGraphOfTwoChainedProductsFromTheirEvents() throws Exception {
        Path events = dir.resolve("events.jsonl");
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        Schema orders = Schema.of(Field.of("id", LogicalType.STRING, true));
        DataProduct a = DataProduct.builder("orders").domain("retail").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Orders.")
                .input(new RowsInput(new PortDescriptor("raw", "file", "csv", dir.resolve("raw.csv").toString()),
                        orders, List.of(Map.of("id", "a"), Map.of("id", "b"))))
                .output(DatasetSpec.named("orders").field("id", LogicalType.STRING, f -> f.required()))
                .transform(ctx -> ctx.input("raw")).build();
        DataProduct b = DataProduct.builder("order-report").domain("finance").version("2.0.0")
                .owner(Owner.person("Bo Li", "bo@example.com")).purpose("A report of orders.")
                .input(new SnapshotReadingInput("orders", store, a.address(), "orders"))
                .output(DatasetSpec.named("report").field("id", LogicalType.STRING, f -> f.required()))
                .transform(ctx -> ctx.input("orders")).build();
        RunResult first;
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(store)
                     .observer(OpenLineageEmitter.to(FileLineageTransport.at(events))).build()) {
            first = runtime.run(a);
            runtime.run(b);
        }

        // edges dataset -> job and job -> dataset, from the COMPLETE events only
        Map<String, Set<String>> edges = new TreeMap<>();
        Map<String, String> versionsRead = new TreeMap<>();
        for (String line : Files.readAllLines(events)) {
            JsonNode e = JSON.readTree(line);
            if (!e.get("eventType").asText().equals("COMPLETE")) {
                continue;
            }
            String job = e.at("/job/namespace").asText() + ":" + e.at("/job/name").asText();
            for (JsonNode in : e.get("inputs")) {
                String dataset = in.get("namespace").asText() + "/" + in.get("name").asText();
                edges.computeIfAbsent(dataset, k -> new TreeSet<>()).add(job);
                if (in.at("/facets/version/datasetVersion").isTextual()) {
                    versionsRead.put(job, in.at("/facets/version/datasetVersion").asText());
                }
            }
            for (JsonNode out : e.get("outputs")) {
                edges.computeIfAbsent(job, k -> new TreeSet<>())
                        .add(out.get("namespace").asText() + "/" + out.get("name").asText());
            }
        }
        String aJob = a.address().urn();
        String bJob = b.address().urn();
        String aOut = aJob + "/orders";
        assertEquals(Map.of(
                "file/" + dir.resolve("raw.csv").toAbsolutePath(), Set.of(aJob),
                aJob, Set.of(aOut),
                aOut, Set.of(bJob),
                bJob, Set.of(bJob + "/report")), edges);
        assertEquals(Map.of(bJob, first.snapshot().id()), versionsRead, "B records the snapshot of A it read");
    }
}
