package dev.dataproduct.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Outcome;
import dev.dataproduct.api.quality.Severity;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.quality.QualityReport;
import dev.dataproduct.core.quality.history.InMemoryMetricsHistory;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** Quality checks run over the published rows of every run and gate publication. */
class QualityRunTest {
    private static final Schema ORDERS = Schema.of(Field.of("id", LogicalType.STRING, false),
            Field.of("quantity", LogicalType.INT64, false));

    private static List<Map<String, Object>> rows(int n, boolean duplicate) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", duplicate && i == n - 1 ? "id-0" : "id-" + i);
            row.put("quantity", i % 10 == 0 ? null : (long) (i % 7 + 1));
            rows.add(row);
        }
        return rows;
    }

    private static DataProduct product(List<Map<String, Object>> rows, Check... checks) {
        return DataProduct.builder("orders").domain("retail").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Orders.")
                .input(new MemoryInput("orders", ORDERS, rows, 16))
                // these tests hold back many rows on purpose: the quarantined-share limit is not their subject
                .output(DatasetSpec.named("orders").maxQuarantinedShare(1)
                        .field("id", LogicalType.STRING, f -> f.required())
                        .field("quantity", LogicalType.INT32))
                .transform(ctx -> ctx.input("orders"))
                .check(checks)
                .build();
    }

    @Test
    void anErrorCheckThatFailsPublishesNothing() {
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        DataProduct product = product(rows(50, true), Check.unique("id"), Check.rowCount().atLeast(10));
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(store).build()) {
            QualityGateException e = assertThrows(QualityGateException.class, () -> runtime.run(product));
            assertTrue(e.getMessage().contains("duplicateCount(id)"), e.getMessage());
            QualityReport report = e.reports().get(0);
            assertEquals(Outcome.FAIL, report.result("duplicateCount(id)").orElseThrow().outcome());
            assertEquals(1.0, report.result("duplicateCount(id)").orElseThrow().value());
            assertEquals(Outcome.PASS, report.result("rowCount").orElseThrow().outcome());
            assertTrue(store.current(product.address()).isEmpty());
        }
    }

    @Test
    void warningsAreRecordedAndTheRunIsPublished() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        InMemoryMetricsHistory history = new InMemoryMetricsHistory();
        DataProduct product = product(rows(40, false), Check.unique("id"),
                Check.completeness("quantity").atLeast(0.95).severity(Severity.WARNING),
                Check.mean("quantity").between(1, 7));
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).history(history)
                     .meterRegistry(meters).build()) {
            RunResult result = runtime.run(product);
            assertEquals(40, result.published());
            QualityReport report = result.quality().get(0);
            assertTrue(report.passed());
            assertEquals(0.9, report.result("completeness(quantity)").orElseThrow().value(), 1e-9);
            assertEquals(1, report.warnings().size());
            assertEquals(1, history.entries(product.address().urn(), "orders").size());
            assertEquals(0.9, meters.get("dataproduct.quality.metric").tag("check", "completeness(quantity)")
                    .gauge().value(), 1e-9);
            assertEquals(2.0, meters.get("dataproduct.quality.check.outcome").tag("check", "completeness(quantity)")
                    .gauge().value());
            assertFalse(result.summary().isEmpty());
            assertTrue(result.summary().contains("quality of orders: passed"), result.summary());
        }
    }

    @Test
    void anomalyChecksCompareWithEarlierRuns() {
        InMemoryMetricsHistory history = new InMemoryMetricsHistory();
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).history(history).build()) {
            Check jump = Check.rowCount().relativeChange().atMost(0.5).named("row count jump");
            runtime.run(product(rows(40, false), jump));
            runtime.run(product(rows(44, false), jump));
            QualityGateException e = assertThrows(QualityGateException.class,
                    () -> runtime.run(product(rows(100, false), jump)));
            assertTrue(e.getMessage().contains("row count jump"), e.getMessage());
        }
    }

    @Test
    void rowsFailingAQuarantiningCheckAreHeldBackAndTheRestPublished() {
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        // quantity is i % 7 + 1, null every tenth row: 6 and 7 are out of range in rows 5, 6, 12, 13, ...
        Check inRange = Check.range("quantity", 1, 5).percent().atMost(40).quarantineFailingRows().named("in range");
        Check present = Check.nulls("quantity").atMost(100).quarantineFailingRows().named("present");
        DataProduct product = product(rows(70, false), inRange, present, Check.rowCount().recorded().named("rows"),
                Check.max("quantity").recorded().named("max"));
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(store).build()) {
            RunResult result = runtime.run(product);
            long outOfRange = 0;
            long nulls = 0;
            for (Map<String, Object> row : rows(70, false)) {
                Long q = (Long) row.get("quantity");
                outOfRange += q != null && q > 5 ? 1 : 0;
                nulls += q == null ? 1 : 0;
            }
            assertTrue(outOfRange > 0 && nulls > 0);
            assertEquals(70 - outOfRange - nulls, result.published());
            assertEquals(outOfRange + nulls, result.quarantined());
            assertEquals(outOfRange, result.violations().get("orders.quantity: quality check 'in range'"),
                    result.violations().toString());
            assertEquals(nulls, result.violations().get("orders.quantity: quality check 'present'"));
            QualityReport report = result.quality().get(0);
            // the quarantining checks judge the rows that reached them, the others the rows published
            assertEquals(List.of("in range", "present", "rows", "max"),
                    report.results().stream().map(r -> r.name()).toList());
            assertEquals(outOfRange, report.result("in range").orElseThrow().failingRows());
            assertEquals(70 - outOfRange - nulls, report.result("rows").orElseThrow().value());
            assertEquals(5.0, report.result("max").orElseThrow().value());
            assertEquals(70 - outOfRange - nulls, report.rows());
            dev.dataproduct.api.quarantine.RejectedRow first = result.samples().get(0);
            assertTrue(first.values().containsKey("id"), first.toString());
            assertTrue(first.origin().startsWith("batch 0, row 0"), first.origin());
        }
    }

    @Test
    void aQuarantiningCheckOverItsThresholdStillStopsTheRun() {
        InMemorySnapshotStore store = new InMemorySnapshotStore();
        Check inRange = Check.range("quantity", 1, 5).percent().atMost(5).quarantineFailingRows().named("in range");
        DataProduct product = product(rows(70, false), inRange);
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).store(store).build()) {
            QualityGateException e = assertThrows(QualityGateException.class, () -> runtime.run(product));
            assertTrue(e.getMessage().contains("in range"), e.getMessage());
            assertTrue(store.current(product.address()).isEmpty());
        }
    }

    @Test
    void onlyRowLevelChecksCanQuarantine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Check.mean("quantity").between(1, 7).named("avg").quarantineFailingRows());
        assertTrue(e.getMessage().contains("'avg'") && e.getMessage().contains("no failing rows"), e.getMessage());
    }
}
