package dev.dataproduct.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.UpdateMode;
import dev.dataproduct.core.quality.CheckResult;
import dev.dataproduct.core.quality.EvaluationContext;
import dev.dataproduct.core.quality.QualityEngine;
import dev.dataproduct.core.quality.QualityPlan;
import dev.dataproduct.core.quality.QualityReport;
import dev.dataproduct.core.quality.QualityScope;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks of an incremental run judge the whole new snapshot where their states can merge. */
class QualityAcrossRunsTest {
    private static final Schema ORDERS = Schema.of(Field.of("id", LogicalType.STRING, false),
            Field.of("quantity", LogicalType.INT64, true), Field.of("cancelled", LogicalType.BOOLEAN, true));
    private static final List<String> METRICS = List.of("rows", "nullQuantity", "minQuantity", "maxQuantity",
            "meanQuantity");

    @TempDir
    Path root;
    /** Printed in every failure message, to run a failing case again. */
    private final long seed = new SplittableRandom().nextLong();
    private final SplittableRandom random = new SplittableRandom(seed);

    private static List<Check> checks() {
        return List.of(Check.rowCount().recorded().named("rows"),
                Check.nulls("quantity").recorded().named("nullQuantity"),
                Check.min("quantity").recorded().named("minQuantity"),
                Check.max("quantity").recorded().named("maxQuantity"),
                Check.mean("quantity").recorded().named("meanQuantity"));
    }

    private static DataProduct product(UpdateMode mode, List<Map<String, Object>> rows) {
        return DataProduct.builder("orders").domain("retail").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Orders.")
                .input(new MemoryInput("orders", ORDERS, rows, 7))
                .output(DatasetSpec.named("orders").updateMode(mode)
                        .field("id", LogicalType.STRING, f -> f.required().primaryKey())
                        .field("quantity", LogicalType.INT64)
                        .field("cancelled", LogicalType.BOOLEAN))
                .check(checks().toArray(Check[]::new))
                .transform(ctx -> ctx.input("orders")).build();
    }

    /** Rows with keys {@code run-i}, random quantities (a third of them null) drawn from a range per run. */
    private static List<Map<String, Object>> rows(String run, int n, long low, long high, SplittableRandom random) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", run + "-" + i);
            row.put("quantity", random.nextInt(3) == 0 ? null : random.nextLong(low, high));
            row.put("cancelled", false);
            rows.add(row);
        }
        return rows;
    }

    private static QualityReport overSnapshot(ProductRuntime runtime, SnapshotManifest m, BufferAllocator allocator) {
        QualityPlan plan = QualityPlan.compile("orders", product(UpdateMode.append(), List.of()).output("orders")
                .orElseThrow().schema(), checks());
        return QualityEngine.evaluate(plan, runtime.store().open(m, allocator).dataset("orders"),
                EvaluationContext.of(Clock.systemUTC()));
    }

    /** Asserts that the report's metrics are those of the current snapshot's rows, read back. */
    private void assertMetricsOfTheWholeSnapshot(ProductRuntime runtime, BufferAllocator allocator,
                                                 QualityReport report, long rows) {
        SnapshotManifest current = runtime.store().current(product(UpdateMode.append(), List.of()).address())
                .orElseThrow();
        QualityReport whole = overSnapshot(runtime, current, allocator);
        assertEquals(rows, whole.rows(), "seed " + seed);
        assertEquals(whole.rows(), report.rows(), "seed " + seed);
        for (String metric : METRICS) {
            CheckResult expected = whole.result(metric).orElseThrow();
            assertEquals(expected.value(), report.result(metric).orElseThrow().value(), 1e-9,
                    metric + ", seed " + seed);
        }
    }

    @Test
    void threeAppendsReportTheMetricsOfTheWholeSnapshotFromMergedStates() {
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(root)).build()) {
            // each run draws from its own range, so the increment's min, max and mean differ from the snapshot's
            RunResult first = runtime.run(product(UpdateMode.append(), rows("a", 40, 50, 100, random)));
            assertEquals(QualityScope.WHOLE_SNAPSHOT, first.quality().get(0).scope(), "seed " + seed);
            runtime.run(product(UpdateMode.append(), rows("b", 25, 1, 60, random)));
            RunResult third = runtime.run(product(UpdateMode.append(), rows("c", 33, 90, 500, random)));
            QualityReport merged = third.quality().get(0);
            assertEquals(QualityScope.WHOLE_SNAPSHOT_MERGED, merged.scope(), "seed " + seed);
            assertMetricsOfTheWholeSnapshot(runtime, allocator, merged, 98);
            assertEquals(QualityScope.WHOLE_SNAPSHOT_MERGED.label(),
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(merged.toJson()).get("scope").asText());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anAppendAfterASnapshotWithoutSavedStateRecomputesOverTheSnapshot() {
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(root)).build()) {
            UpdateMode upsert = UpdateMode.upsert().deleteMarker("cancelled");
            runtime.run(product(upsert, rows("a", 30, 1, 100, random)));
            RunResult upserted = runtime.run(product(upsert, rows("a", 10, 200, 300, random)));
            assertEquals(QualityScope.INCREMENT_ONLY, upserted.quality().get(0).scope(), "seed " + seed);
            assertEquals(10, upserted.quality().get(0).rows(), "an upsert's checks judge its own rows");
            RunResult appended = runtime.run(product(UpdateMode.append(), rows("b", 12, 5, 50, random)));
            QualityReport report = appended.quality().get(0);
            assertEquals(QualityScope.RECOMPUTED, report.scope(), "seed " + seed);
            assertMetricsOfTheWholeSnapshot(runtime, allocator, report, 42);
        }
    }

    @Test
    void anAppendAfterARollbackMergesTheStateOfTheSnapshotMadeCurrentAgain() {
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(DirectorySnapshotStore.at(root)).build()) {
            RunResult first = runtime.run(product(UpdateMode.append(), rows("a", 20, 1, 100, random)));
            runtime.run(product(UpdateMode.append(), rows("b", 20, 1000, 2000, random)));
            var address = product(UpdateMode.append(), List.of()).address();
            runtime.store().rollback(address, first.snapshot().id(), "day b was wrong", java.time.Instant.now());
            RunResult after = runtime.run(product(UpdateMode.append(), rows("c", 15, 100, 200, random)));
            QualityReport report = after.quality().get(0);
            assertEquals(QualityScope.WHOLE_SNAPSHOT_MERGED, report.scope(), "seed " + seed);
            assertMetricsOfTheWholeSnapshot(runtime, allocator, report, 35);
        }
    }
}
