package dev.dataproduct.core.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProductInputLineageTest {
    @TempDir
    Path dir;

    @Test
    void namesAProductInputByTheUpstreamsDatasetWithTheSnapshotReadAsItsVersion() throws Exception {
        Path events = dir.resolve("events.jsonl");
        Schema orders = Schema.of(Field.of("id", LogicalType.STRING, true));
        DataProduct report = DataProduct.builder("order-report").domain("finance").version("2.0.0")
                .owner(Owner.person("Bo Li", "bo@example.com")).purpose("A report of orders.")
                .input(ProductInput.of("urn:dataproduct:retail:orders", 1).dataset("orders"))
                .output(DatasetSpec.named("report").field("id", LogicalType.STRING, f -> f.required()))
                .transform(ctx -> ctx.input("orders")).build();
        DataProduct source = DataProduct.builder("orders").domain("retail").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Orders.")
                .input(new RowsInput(new PortDescriptor("raw", "memory", "arrow", ""), orders,
                        List.of(Map.of("id", "a"), Map.of("id", "b"))))
                .output(DatasetSpec.named("orders").field("id", LogicalType.STRING, f -> f.required()))
                .access(Policy.forDataset("orders").grant(Grant.to(Audience.principal(report.address().urn()))
                        .allColumns()).build())
                .transform(ctx -> ctx.input("raw")).build();
        List<RunResult> results;
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .observer(OpenLineageEmitter.to(FileLineageTransport.at(events))).build();
             ProductHost host = ProductHost.builder(runtime, allocator).product(report).product(source).build()) {
            results = host.runAll();
        }

        List<JsonNode> inputs = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(events)) {
            JsonNode e = json.readTree(line);
            if (e.get("eventType").asText().equals("COMPLETE") && e.at("/job/name").asText().equals("order-report:v2")) {
                e.get("inputs").forEach(inputs::add);
            }
        }
        assertEquals(1, inputs.size());
        assertEquals(source.address().urn(), inputs.get(0).get("namespace").asText());
        assertEquals("orders", inputs.get(0).get("name").asText());
        assertEquals(results.get(0).snapshot().id(), inputs.get(0).at("/facets/version/datasetVersion").asText());
        assertEquals(2, results.get(1).published());
    }
}
