package dev.dataproduct.core.lineage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.error.IncompatibleChangeException;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.registry.ContractRegistry;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenLineageEmitterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema ORDERS = Schema.of(
            Field.of("id", LogicalType.STRING, false),
            Field.of("quantity", LogicalType.INT64, false),
            Field.of("salary", LogicalType.INT64, false));

    @TempDir
    Path dir;
    BufferAllocator allocator;
    InMemorySnapshotStore store;

    @BeforeEach
    void open() {
        allocator = new RootAllocator();
        store = new InMemorySnapshotStore();
    }

    @AfterEach
    void close() {
        allocator.close();
    }

    private static Map<String, Object> order(String id, Long quantity, Long salary) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("quantity", quantity);
        row.put("salary", salary);
        return row;
    }

    private DataProduct.Builder purchases(Path csv, int maxQuantity) {
        List<Map<String, Object>> rows = List.of(order("a", 5L, 1000L), order("b", 7L, 2000L), order("c", null, 3000L),
                order("d", 500L, 4000L));
        return DataProduct.builder("purchases").domain("retail").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com"))
                .purpose("Purchases.")
                .input(new RowsInput(new PortDescriptor("orders", "file", "csv", csv.toString()), ORDERS, rows))
                .output(DatasetSpec.named("purchases").maxQuarantinedShare(1)
                        .field("id", LogicalType.STRING, f -> f.required().primaryKey().description("The order"))
                        .field("quantity", LogicalType.INT32, f -> f.range(1, maxQuantity))
                        .field("salary", LogicalType.INT64, f -> f.classification(Classification.RESTRICTED)))
                .transform(ctx -> ctx.input("orders"));
    }

    private DataProduct purchasesWithChecks(Path csv) {
        return purchases(csv, 100).check(
                Check.nulls("quantity").atMost(10),
                Check.approxDistinct("id").atLeast(1),
                Check.min("quantity").atLeast(1),
                Check.max("quantity").atMost(100),
                Check.quantile("quantity", 0.5).atMost(100),
                Check.max("salary").atMost(1_000_000),
                Check.rowCount().atLeast(100).named("enough rows").severity(dev.dataproduct.api.quality.Severity.WARNING))
                .build();
    }

    private ProductRuntime runtime(LineageTransport transport) {
        return ProductRuntime.builder().allocator(allocator).store(store).observer(OpenLineageEmitter.to(transport))
                .build();
    }

    private static List<JsonNode> events(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            List<String> violations = OpenLineageSchemas.violations(line);
            assertTrue(violations.isEmpty(), violations + " in " + line);
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void aRunEmitsStartThenCompleteThatFollowTheOpenLineageSchemas() throws Exception {
        Path file = dir.resolve("lineage/events.jsonl");
        Path csv = dir.resolve("orders.csv");
        RunResult result;
        try (ProductRuntime runtime = runtime(FileLineageTransport.at(file))) {
            result = runtime.run(purchasesWithChecks(csv));
        }
        List<JsonNode> events = events(file);
        assertEquals(List.of("START", "COMPLETE"), events.stream().map(e -> e.get("eventType").asText()).toList());
        String runId = events.get(0).at("/run/runId").asText();
        assertEquals(runId, events.get(1).at("/run/runId").asText());
        assertEquals(7, UUID.fromString(runId).version());
        assertEquals("urn:dataproduct:retail", events.get(0).at("/job/namespace").asText());
        assertEquals("purchases:v1", events.get(0).at("/job/name").asText());

        JsonNode input = events.get(1).at("/inputs/0");
        assertEquals("file", input.get("namespace").asText());
        assertEquals(csv.toAbsolutePath().toString(), input.get("name").asText());
        assertEquals(csv.toAbsolutePath().toUri().toString(), input.at("/facets/dataSource/uri").asText());

        JsonNode output = events.get(1).at("/outputs/0");
        assertEquals("urn:dataproduct:retail:purchases:v1", output.get("namespace").asText());
        assertEquals("purchases", output.get("name").asText());
        assertEquals(result.snapshot().id(), output.at("/facets/version/datasetVersion").asText());
        assertEquals(result.published(), output.at("/outputFacets/outputStatistics/rowCount").asLong());
        assertEquals("The order", output.at("/facets/schema/fields/0/description").asText());
        assertEquals("int32", output.at("/facets/schema/fields/1/type").asText());

        JsonNode metrics = output.at("/facets/dataQualityMetrics");
        assertEquals(3, metrics.get("rowCount").asLong()); // the row with 500 was quarantined
        assertEquals(1, metrics.at("/columnMetrics/quantity/nullCount").asLong());
        assertEquals(5.0, metrics.at("/columnMetrics/quantity/min").asDouble());
        assertEquals(7.0, metrics.at("/columnMetrics/quantity/max").asDouble());
        assertTrue(metrics.at("/columnMetrics/quantity/quantiles/0.5").isNumber(), metrics.toString());
        assertEquals(3, metrics.at("/columnMetrics/id/distinctCount").asLong());
        assertTrue(metrics.at("/columnMetrics/salary").isMissingNode(), "a restricted column's values stay out: "
                + metrics);

        JsonNode assertions = output.at("/facets/dataQualityAssertions/assertions");
        assertEquals(7, assertions.size());
        JsonNode enough = assertions.get(6);
        assertEquals("enough rows", enough.get("assertion").asText());
        assertFalse(enough.get("success").asBoolean());
        assertEquals("warning", enough.get("severity").asText());
        assertEquals("quantity", assertions.get(0).get("column").asText());
        assertTrue(assertions.get(0).get("success").asBoolean());
    }

    @Test
    void theKeptSchemasRejectAnEventWithoutProducerAndAFacetWithoutItsSchemaUrl() throws Exception {
        Path file = dir.resolve("events.jsonl");
        try (ProductRuntime runtime = runtime(FileLineageTransport.at(file))) {
            runtime.run(purchasesWithChecks(dir.resolve("orders.csv")));
        }
        com.fasterxml.jackson.databind.node.ObjectNode event =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(Files.readAllLines(file).get(1));
        event.remove("producer");
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.at("/outputs/0/facets/dataQualityMetrics"))
                .remove("_schemaURL");
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.at("/outputs/0/outputFacets/outputStatistics"))
                .put("rowCount", "many");
        List<String> violations = OpenLineageSchemas.violations(event.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("producer")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("_schemaURL")), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.contains("outputStatistics")), violations.toString());
    }

    @Test
    void aFailedRunEmitsFailWithTheErrorMessage() throws Exception {
        Path file = dir.resolve("events.jsonl");
        DataProduct failing = purchases(dir.resolve("orders.csv"), 100).check(Check.rowCount().atLeast(100)).build();
        try (ProductRuntime runtime = runtime(FileLineageTransport.at(file))) {
            DataProductException e = assertThrows(DataProductException.class, () -> runtime.run(failing));
            List<JsonNode> events = events(file);
            assertEquals(List.of("START", "FAIL"), events.stream().map(n -> n.get("eventType").asText()).toList());
            assertEquals(e.getMessage(), events.get(1).at("/run/facets/errorMessage/message").asText());
            assertEquals("JAVA", events.get(1).at("/run/facets/errorMessage/programmingLanguage").asText());
        }
    }

    @Test
    void aRunRefusedBeforeWorkEmitsAbortOnly() throws Exception {
        Path file = dir.resolve("events.jsonl");
        try (ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(store)
                .contracts(ContractRegistry.builder().build())
                .observer(OpenLineageEmitter.to(FileLineageTransport.at(file))).build()) {
            runtime.run(purchases(dir.resolve("orders.csv"), 100).build());
            Files.delete(file);
            DataProduct breaking = purchases(dir.resolve("orders.csv"), 50).version("1.1.0").build();
            assertThrows(IncompatibleChangeException.class, () -> runtime.run(breaking));
        }
        List<JsonNode> events = events(file);
        assertEquals(List.of("ABORT"), events.stream().map(n -> n.get("eventType").asText()).toList());
        assertTrue(events.get(0).at("/run/facets/errorMessage/message").asText().contains("purchases"));
    }

    @Test
    void aTransportThatThrowsDoesNotFailTheRun() {
        List<String> sent = new ArrayList<>();
        LineageTransport broken = event -> {
            sent.add(event);
            throw new IllegalStateException("lineage backend down");
        };
        try (ProductRuntime runtime = runtime(broken)) {
            RunResult result = runtime.run(purchases(dir.resolve("orders.csv"), 100).build());
            assertEquals(4, result.rowsIn());
        }
        assertEquals(2, sent.size());
    }
}
