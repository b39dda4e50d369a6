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

    @Test
    void threeAppendsReportTheMetricsOfTheWholeSnapshotFromMergedStates() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom random = new SplittableRandom(seed);
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
            SnapshotManifest current = runtime.store().current(product(UpdateMode.append(), List.of()).address())
                    .orElseThrow();
            QualityReport whole = overSnapshot(runtime, current, allocator);
            assertEquals(98, whole.rows(), "seed " + seed);
            assertEquals(whole.rows(), merged.rows(), "seed " + seed);
            for (String metric : METRICS) {
                CheckResult expected = whole.result(metric).orElseThrow();
                assertEquals(expected.value(), merged.result(metric).orElseThrow().value(), 1e-9,
                        metric + ", seed " + seed);
            }
            assertEquals(QualityScope.WHOLE_SNAPSHOT_MERGED.label(),
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(merged.toJson()).get("scope").asText());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anAppendAfterASnapshotWithoutSavedStateRecomputesOverTheSnapshot() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom random = new SplittableRandom(seed);
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
            SnapshotManifest current = runtime.store().current(product(upsert, List.of()).address()).orElseThrow();
            QualityReport whole = overSnapshot(runtime, current, allocator);
            assertEquals(42, whole.rows());
            for (String metric : METRICS) {
                assertEquals(whole.result(metric).orElseThrow().value(), report.result(metric).orElseThrow().value(),
                        1e-9, metric + ", seed " + seed);
            }
        }
    }
}
