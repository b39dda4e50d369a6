package dev.dataproduct.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.RowView;
import dev.dataproduct.api.error.ContractViolationException;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.port.SnapshotInfo;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.quarantine.Violation;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.transform.Transform;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.StoredSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

class ProductRuntimeTest extends RuntimeFixture {
    private static final Schema ORDERS = Schema.of(
            Field.of("id", LogicalType.STRING, false),
            Field.of("sku", LogicalType.STRING, false),
            Field.of("quantity", LogicalType.INT64, false));

    private static Map<String, Object> order(String id, String sku, Long quantity) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("sku", sku);
        row.put("quantity", quantity);
        return row;
    }

    private static DataProduct product(List<Map<String, Object>> rows, int batchSize, Transform transform) {
        return product(new MemoryInput("orders", ORDERS, rows, batchSize), transform);
    }

    /** The role the test product grants every row and column to: the audience of its delivery ports. */
    static final String READER = "reader";

    private static DataProduct product(InputPort input, Transform transform, OutputPort... ports) {
        DataProduct.Builder b = DataProduct.builder("purchases")
                .access(Policy.forDataset("purchases").grant(Grant.to(Audience.role(READER)).allColumns()).build())
                .domain("retail")
                .version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com"))
                .purpose("Purchases per customer.")
                .input(input)
                .serve(ports)
                // these tests quarantine many rows on purpose: the quarantined-share limit is in QuarantineLimitTest
                .output(DatasetSpec.named("purchases").maxQuarantinedShare(1)
                        .field("id", LogicalType.STRING, f -> f.required().primaryKey())
                        .field("sku", LogicalType.STRING, f -> f.required().pattern("SKU-\\d{3}"))
                        .field("quantity", LogicalType.INT32, f -> f.required().range(1, 100)));
        return (transform == null ? b.transform(ctx -> ctx.input("orders")) : b.transform(transform)).build();
    }

    @Test
    void publishesConformingRowsAndQuarantinesTheRestWithReasons() {
        List<Map<String, Object>> rows = List.of(
                order("a", "SKU-001", 5L),
                order("b", "SKU-1", 5L),            // pattern
                order("c", "SKU-002", 0L),          // minimum
                order("d", null, 500L),             // required + maximum
                order("e", "SKU-003", 100L),
                order("f", "SKU-004", 3_000_000_000L)); // does not fit int32
        DataProduct product = product(rows, 4, null);
        RunResult result = runtime.run(product);

        assertEquals(6, result.rowsIn());
        assertEquals(2, result.published());
        assertEquals(4, result.quarantined());
        assertEquals(result.rowsIn(), result.published() + result.quarantined());
        assertEquals(1L, result.violations().get("purchases.sku: pattern"));
        assertEquals(1L, result.violations().get("purchases.quantity: minimum"));
        assertEquals(1L, result.violations().get("purchases.sku: required"));
        assertEquals(1L, result.violations().get("purchases.quantity: maximum"));
        assertEquals(1L, result.violations().get("purchases.quantity: type"));
        assertEquals(4, result.samples().size());

        StoredSnapshot snapshot = store.open(store.current(product.address()).orElseThrow(), allocator);
        List<String> ids = new ArrayList<>();
        snapshot.dataset("purchases").forEachRow(r -> ids.add(r.getString("id")));
        assertEquals(List.of("a", "e"), ids);
        List<Map<String, Object>> quarantined = new ArrayList<>();
        snapshot.quarantine("purchases").forEachRow(r -> quarantined.add(r.toMap()));
        assertEquals(4, quarantined.size());
        Map<String, Object> d = quarantined.get(2);
        assertEquals("d", d.get("id"));
        assertEquals("500", d.get("quantity"));
        assertEquals("sku:required,quantity:maximum", d.get("_rules"));
        assertEquals("batch 0, row 3", d.get("_origin"));
        assertEquals("3000000000", quarantined.get(3).get("quantity"));
    }

    @Test
    void keepsTheCountsBalancedOverManyBatches() {
        List<Map<String, Object>> rows = new ArrayList<>();
        int bad = 0;
        for (int i = 0; i < 1000; i++) {
            boolean broken = i % 7 == 0;
            bad += broken ? 1 : 0;
            rows.add(order("id-" + i, broken ? "bad" : String.format("SKU-%03d", i % 1000), 1L + i % 100));
        }
        RunResult result = runtime.run(product(rows, 64, null));
        assertEquals(1000, result.rowsIn());
        assertEquals(bad, result.quarantined());
        assertEquals(1000 - bad, result.published());
        assertEquals(1000 - bad, result.snapshot().rowCounts().get("purchases"));
    }

    @Test
    void aPrimaryKeyIsPublishedOnceAcrossAllBatchesOfTheRun() {
        List<Map<String, Object>> rows = List.of(order("a", "SKU-001", 1L), order("b", "SKU-002", 2L),
                order("a", "SKU-003", 3L), order("c", "SKU-004", 4L), order("b", "SKU-005", 5L));
        DataProduct product = product(rows, 2, null);
        RunResult result = runtime.run(product);
        assertEquals(5, result.rowsIn());
        assertEquals(3, result.published());
        assertEquals(2, result.quarantined());
        assertEquals(2L, result.violations().get("purchases: primary_key"));

        StoredSnapshot snapshot = store.open(store.current(product.address()).orElseThrow(), allocator);
        List<String> skus = new ArrayList<>();
        snapshot.dataset("purchases").forEachRow(r -> skus.add(r.getString("sku")));
        assertEquals(List.of("SKU-001", "SKU-002", "SKU-004"), skus);
        List<String> reasons = new ArrayList<>();
        snapshot.quarantine("purchases").forEachRow(r -> reasons.add(r.getString("_origin") + " " + r.getString("_reasons")));
        assertEquals(List.of(
                "batch 1, row 0 primary_key (duplicate primary key id 'a', first seen at batch 0, row 0)",
                "batch 2, row 0 primary_key (duplicate primary key id 'b', first seen at batch 0, row 1)"), reasons);
    }

    @Test
    void eachRunCommitsANewSnapshotWithItsParent() {
        List<Map<String, Object>> rows = List.of(order("a", "SKU-001", 5L));
        RunResult first = runtime.run(product(rows, 10, null));
        RunResult second = runtime.run(product(rows, 10, null));
        assertTrue(first.snapshot().parent().isEmpty());
        assertEquals(first.snapshot().id(), second.snapshot().parent().orElseThrow());
        List<SnapshotManifest> history = store.history(product(rows, 10, null).address());
        assertEquals(2, history.size());
        assertEquals(2, history.get(1).sequence());
    }

    @Test
    void aFailingTransformCommitsNothing() {
        List<Map<String, Object>> rows = List.of(order("a", "SKU-001", 5L));
        DataProduct failing = product(rows, 10, (ctx, out) -> {
            ctx.input("orders").forEachBatch(out::accept);
            throw new IllegalStateException("boom");
        });
        DataProductException e = assertThrows(DataProductException.class, () -> runtime.run(failing));
        assertTrue(e.getMessage().contains("boom"), e.getMessage());
        assertTrue(e.getMessage().contains("purchases"), e.getMessage());
        assertFalse(store.current(failing.address()).isPresent());
    }

    @Test
    void anInputPortThatFailsToOpenFailsTheRunNamingThePortAndTheProduct() {
        InputPort broken = new MemoryInput("orders", ORDERS, List.of(), 10) {
            @Override
            public dev.dataproduct.api.data.Dataset open(dev.dataproduct.api.port.InputContext context) {
                throw new IllegalStateException("no credentials for the orders bucket");
            }
        };
        DataProduct product = product(broken, null);
        dev.dataproduct.api.error.PortException e = assertThrows(dev.dataproduct.api.error.PortException.class,
                () -> runtime.run(product));
        for (String part : List.of("'orders'", product.address().urn(), "no credentials")) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing in: " + e.getMessage());
        }
        assertFalse(store.current(product.address()).isPresent());
    }

    @Test
    void aBatchWithoutAContractColumnIsAContractViolation() {
        Schema partial = Schema.of(Field.of("id", LogicalType.STRING, false));
        DataProduct product = product(List.of(order("a", "SKU-001", 5L)), 10, (ctx, out) -> {
            try (VectorSchemaRoot batch = BatchBuilder.fromRows(partial, List.of(Map.of("id", "x")), ctx.allocator())) {
                out.accept(batch);
            }
        });
        ContractViolationException e = assertThrows(ContractViolationException.class, () -> runtime.run(product));
        assertTrue(e.getMessage().contains("'sku'"), e.getMessage());
        assertFalse(store.current(product.address()).isPresent());
    }

    @Test
    void aColumnEmittedInATypeThatDoesNotConvertFailsTheRunAsADefinitionErrorAndCommitsNothing() {
        Schema textQuantities = Schema.of(
                Field.of("id", LogicalType.STRING, false),
                Field.of("sku", LogicalType.STRING, false),
                Field.of("quantity", LogicalType.STRING, false));
        DataProduct product = product(List.of(order("a", "SKU-001", 5L)), 10, (ctx, out) -> {
            try (VectorSchemaRoot batch = BatchBuilder.fromRows(textQuantities,
                    List.of(Map.of("id", "a", "sku", "SKU-001", "quantity", "five")), ctx.allocator())) {
                out.accept(batch);
            }
        });
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> runtime.run(product));
        for (String part : List.of(product.address().urn(), "'purchases'", "'quantity'", "Utf8", "Int(32, true)")) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing in: " + e.getMessage());
        }
        assertFalse(store.current(product.address()).isPresent());
    }

    @Test
    void aRowTransformCanEmitComputedBatches() {
        List<Map<String, Object>> rows = List.of(order("a", "sku-001", 5L), order("b", "sku-002", 7L));
        DataProduct product = product(rows, 10, (ctx, out) -> ctx.input("orders").forEachBatch(batch -> {
            try (BatchBuilder b = BatchBuilder.create(ctx.output().schema(), ctx.allocator())) {
                RowView row = RowView.over(batch);
                for (int i = 0; i < batch.getRowCount(); i++) {
                    row.at(i);
                    b.addRow(row.getString("id"), row.getString("sku").toUpperCase(), row.getLong("quantity") * 2);
                }
                try (VectorSchemaRoot built = b.build()) {
                    out.accept(built);
                }
            }
        }));
        RunResult result = runtime.run(product);
        assertEquals(2, result.published());
        StoredSnapshot snapshot = store.open(store.current(product.address()).orElseThrow(), allocator);
        List<Long> quantities = new ArrayList<>();
        snapshot.dataset("purchases").forEachRow(r -> quantities.add(r.getLong("quantity")));
        assertEquals(List.of(10L, 14L), quantities);
    }

    @Test
    void aComputedValueOutOfItsColumnsRangeQuarantinesItsRowWithTheInputOriginAndTheRunGoesOn() {
        List<Map<String, Object>> rows = List.of(order("a", "SKU-001", 5L), order("b", "SKU-002", 3_000_000_000L),
                order("c", "SKU-003", 7L));
        DataProduct product = product(rows, 10, (ctx, out) -> {
            try (BatchCursor cursor = ctx.input("orders").open()) {
                while (cursor.next()) {
                    try (BatchBuilder b = ctx.batchBuilder()) {
                        RowView row = RowView.overCursor(cursor);
                        for (int i = 0; i < cursor.batch().getRowCount(); i++) {
                            row.at(i);
                            b.origin(row.origin()).addRow(row.getString("id"), row.getString("sku"),
                                    row.getLong("quantity") * 2);
                        }
                        try (VectorSchemaRoot built = b.build()) {
                            out.accept(built);
                        }
                    }
                }
            }
        });
        RunResult result = runtime.run(product);
        assertEquals(3, result.rowsIn());
        assertEquals(2, result.published());
        assertEquals(1, result.quarantined());
        assertEquals(1L, result.violations().get("purchases.quantity: type"));
        assertEquals("input 'orders', batch 0, row 1", result.samples().get(0).origin());
        assertEquals(3, result.dataset("purchases").rowsIn());

        StoredSnapshot snapshot = store.open(store.current(product.address()).orElseThrow(), allocator);
        List<Map<String, Object>> kept = new ArrayList<>();
        snapshot.quarantine("purchases").forEachRow(r -> kept.add(r.toMap()));
        assertEquals("input 'orders', batch 0, row 1", kept.get(0).get("_origin"));
        assertEquals("6000000000", kept.get(0).get("quantity"));
    }

    // ---- rows an input port rejects --------------------------------------------------------------

    private static List<RejectedRow> unreadable() {
        Map<String, String> first = new java.util.LinkedHashMap<>();
        first.put("id", "x");
        first.put("sku", "SKU-009");
        first.put("quantity", "lots");
        first.put("comment", "rush");   // a column the input schema does not have
        Map<String, String> second = new java.util.LinkedHashMap<>();
        second.put("id", "y");
        return List.of(
                new RejectedRow("orders", "orders.csv:3", List.of(new Violation("quantity", "parse",
                        "'lots' is not a number of type int64")), first),
                new RejectedRow("orders", "orders.csv:4", List.of(new Violation("", "columns",
                        "1 cell, expected 3")), second));
    }

    private void assertInputRejectsAreCountedAndKept(boolean eager) {
        List<Map<String, Object>> rows = List.of(order("a", "SKU-001", 5L), order("b", "SKU-002", 6L));
        RejectingInput input = new RejectingInput("orders", ORDERS, rows, unreadable(), eager);
        // the transform reads its input twice: the bad rows must still be counted once
        DataProduct product = product(input, (ctx, out) -> {
            ctx.input("orders").countRows();
            ctx.input("orders").forEachBatch(out::accept);
        });
        RunResult result = runtime.run(product);

        assertEquals(4, result.rowsIn());
        assertEquals(2, result.published());
        assertEquals(2, result.quarantined());
        assertEquals(List.of(new InputStats("orders", 2, 2)), result.inputs());
        assertEquals(1L, result.violations().get("orders.quantity: parse"));
        assertEquals(1L, result.violations().get("orders: columns"));
        assertEquals(Map.of("input.orders", 2L), result.snapshot().quarantinedCounts());

        StoredSnapshot snapshot = store.open(store.current(product.address()).orElseThrow(), allocator);
        List<Map<String, Object>> kept = new ArrayList<>();
        snapshot.quarantine("input.orders").forEachRow(r -> kept.add(r.toMap()));
        assertEquals(2, kept.size());
        Map<String, Object> x = kept.get(0);
        assertEquals("orders.csv:3", x.get("_origin"));
        assertEquals("quantity:parse", x.get("_rules"));
        assertTrue(((String) x.get("_reasons")).contains("'lots' is not a number"), (String) x.get("_reasons"));
        assertEquals("x", x.get("id"));
        assertEquals("SKU-009", x.get("sku"));
        assertEquals("lots", x.get("quantity"));
        assertEquals("{\"comment\":\"rush\"}", x.get("_extra"));
        Map<String, Object> y = kept.get(1);
        assertEquals("columns", y.get("_rules"));
        assertEquals("y", y.get("id"));
        assertEquals(null, y.get("quantity"));
        assertEquals(null, y.get("_extra"));
    }

    @Test
    void rowsAnInputRejectsWhileReadingAreCountedOnceAndKeptWithTheirValues() {
        assertInputRejectsAreCountedAndKept(false);
    }

    @Test
    void rowsAnInputRejectsWhenOpenedAreCountedAndKeptWithTheirValues() {
        assertInputRejectsAreCountedAndKept(true);
    }

    // ---- output ports ----------------------------------------------------------------------------

    @Test
    void outputPortsReceiveEachCommittedSnapshotOnceAndCanReadIt() {
        RecordingOutput port = new RecordingOutput("mirror", RecordingOutput.Failure.NONE);
        List<Map<String, Object>> rows = List.of(order("a", "SKU-001", 5L), order("b", "bad", 5L));
        DataProduct product = product(new MemoryInput("orders", ORDERS, rows, 10), null, port);

        RunResult first = runtime.run(product);
        assertEquals(List.of(first.snapshot().id()), port.published.stream().map(SnapshotInfo::id).toList());
        assertEquals(List.of(1L), port.rowsSeen);
        RunResult second = runtime.run(product);
        assertEquals(List.of(first.snapshot().id(), second.snapshot().id()),
                port.published.stream().map(SnapshotInfo::id).toList());
        assertEquals(store.current(product.address()).orElseThrow().id(), port.published.get(1).id());
        assertEquals(1, port.opened, "a port is opened once, before its first snapshot");
        assertTrue(first.portFailures().isEmpty());
        assertEquals(0, port.closed);
        runtime.close();
        assertEquals(1, port.closed);
    }

    @Test
    void aFailingOutputPortIsReportedWhileTheSnapshotStaysCommitted() {
        RecordingOutput failing = new RecordingOutput("warehouse", RecordingOutput.Failure.ON_PUBLISH);
        RecordingOutput healthy = new RecordingOutput("mirror", RecordingOutput.Failure.NONE);
        DataProduct product = product(new MemoryInput("orders", ORDERS, List.of(order("a", "SKU-001", 5L)), 10),
                null, failing, healthy);
        RunResult result = runtime.run(product);
        assertEquals(1, result.portFailures().size());
        assertTrue(result.portFailures().get(0).startsWith("warehouse: "), result.portFailures().get(0));
        assertTrue(result.portFailures().get(0).contains("disk full"), result.portFailures().get(0));
        assertTrue(result.summary().contains("PORT FAILURE warehouse"), result.summary());
        SnapshotInfo committed = store.current(product.address()).orElseThrow().info();
        assertEquals(committed, result.snapshot());
        assertEquals(List.of(committed.id()), healthy.published.stream().map(SnapshotInfo::id).toList());
    }

    @Test
    void anOutputPortThatFailsToOpenIsReportedAndLeaksNothing() {
        RecordingOutput failing = new RecordingOutput("warehouse", RecordingOutput.Failure.ON_OPEN);
        DataProduct product = product(new MemoryInput("orders", ORDERS, List.of(order("a", "SKU-001", 5L)), 10),
                null, failing);
        RunResult first = runtime.run(product);
        assertEquals(List.of("warehouse: cannot reach the warehouse"), first.portFailures());
        assertTrue(store.current(product.address()).isPresent());
        // the next run tries again
        RunResult second = runtime.run(product);
        assertEquals(1, second.portFailures().size());
        assertEquals(2, failing.opened);
        assertEquals(2, store.history(product.address()).size());
        runtime.close();
        assertTrue(allocator.getChildAllocators().isEmpty(), allocator.toVerboseString());
    }
}
