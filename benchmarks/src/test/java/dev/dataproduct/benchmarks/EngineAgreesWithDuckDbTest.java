package dev.dataproduct.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.quality.Check;
import dev.dataproduct.core.quality.QualityReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Differential test of the quality engine: every check's value, computed by the engine over
 * generated orders, against the value DuckDB computes over the same rows. Exact metrics must be
 * equal; HyperLogLog and KLL estimates must lie within their error bounds of DuckDB's exact answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineAgreesWithDuckDbTest {
    private static final long ROWS = 200_000;   // three full batches and a partial one
    private static final long SEED = 7;

    private final OrdersGenerator generator = new OrdersGenerator(SEED, ROWS);
    private BufferAllocator allocator;
    private List<VectorSchemaRoot> batches;
    private DuckDbOrders duck;

    @BeforeAll
    void generateAndLoad() throws Exception {
        allocator = new RootAllocator();
        batches = generator.allBatches(allocator);
        duck = DuckDbOrders.open(2);
        duck.load(batches);
    }

    @AfterAll
    void close() throws Exception {
        if (duck != null) {
            duck.close();
        }
        if (batches != null) {
            batches.forEach(VectorSchemaRoot::close);
        }
        if (allocator != null) {
            allocator.close();
        }
    }

    @Test
    void everyCheckOfTheStandardProfileMatchesDuckDb() throws Exception {
        assertAllOk(CheckProfiles.standard(), Engine.evaluate(CheckProfiles.standard(), batches, 2));
    }

    @Test
    void everyGeneratedCheckMatchesDuckDb() throws Exception {
        List<Check> checks = CheckProfiles.generated(300);
        assertAllOk(checks, Engine.evaluate(checks, batches, 2));
    }

    @Test
    void oneThreadGivesTheSameValuesAsTwo() throws Exception {
        List<Check> checks = CheckProfiles.generated(120);
        assertAllOk(checks, Engine.evaluate(checks, batches, 1));
    }

    @Test
    void streamedEvaluationMatchesDuckDb() throws Exception {
        List<Check> checks = CheckProfiles.standard();
        try (BufferAllocator streaming = allocator.newChildAllocator("streaming", 0, Long.MAX_VALUE)) {
            QualityReport report = Engine.stream(checks, generator, streaming, 2);
            assertAllOk(checks, report);
            assertEquals(0, streaming.getAllocatedMemory(), "every streamed batch is closed");
        }
    }

    @Test
    void theDataHasTheDefectsTheChecksLookFor() throws Exception {
        double[] v = Comparison.query(duck.connection(), List.of(
                "count(*)", "count(DISTINCT id)", "count(*) - count(customer)", "count(*) - count(discount)",
                "count_if(NOT regexp_full_match(sku, 'SKU-\\d{6}'))", "count_if(quantity < 1 OR quantity > 1000)",
                "count(DISTINCT category)", "approx_count_distinct(customer)"));
        assertEquals(ROWS, v[0]);
        assertEquals(ROWS, v[1], "ids are unique");
        assertTrue(v[2] > 0.01 * ROWS && v[2] < 0.03 * ROWS, "about 2% of customers are null: " + v[2]);
        assertTrue(v[3] > 0.04 * ROWS && v[3] < 0.06 * ROWS, "about 5% of discounts are null: " + v[3]);
        assertTrue(v[4] > 0.02 * ROWS && v[4] < 0.04 * ROWS, "about 3% of SKUs are malformed: " + v[4]);
        assertTrue(v[5] > 0.005 * ROWS && v[5] < 0.015 * ROWS, "about 1% of quantities are out of range: " + v[5]);
        assertEquals(15, v[6], "12 valid categories and 3 invalid ones");
        assertTrue(v[7] > 30_000, "tens of thousands of customers: " + v[7]);
    }

    @Test
    void batchesAreAFunctionOfSeedAndIndex() {
        try (VectorSchemaRoot again = generator.batch(2, allocator);
             VectorSchemaRoot other = new OrdersGenerator(SEED + 1, ROWS).batch(2, allocator)) {
            assertTrue(batches.get(2).equals(again), "the same seed and index give the same rows");
            assertFalse(batches.get(2).equals(other), "another seed gives other rows");
        }
        assertEquals(ROWS - 3 * OrdersGenerator.BATCH_ROWS, batches.get(3).getRowCount());
    }

    private void assertAllOk(List<Check> checks, QualityReport report) throws Exception {
        double[] timed = Comparison.query(duck.connection(), MetricSql.timedQuery(checks), checks.size());
        List<Comparison.Row> rows = Comparison.compare(checks, report, timed, duck.connection());
        List<Comparison.Row> bad = new ArrayList<>();
        for (Comparison.Row r : rows) {
            if (!r.ok()) {
                bad.add(r);
            }
        }
        if (!bad.isEmpty()) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            Comparison.print(rows, true, new PrintStream(text, true, StandardCharsets.UTF_8));
            throw new AssertionError(bad.size() + " of " + rows.size() + " checks differ from DuckDB (seed " + SEED
                    + ", " + ROWS + " rows):\n" + text.toString(StandardCharsets.UTF_8));
        }
        assertEquals(checks.size(), rows.size());
    }
}
