package dev.dataproduct.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Outcome;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.expr.Selection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A user's pattern that backtracks without end fails its own check with a reason, never the run. */
class BoundedPatternTest {
    private static final EvaluationContext CTX = EvaluationContext.of(
            Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
    private static final Schema SCHEMA = Schema.of(Field.of("s", LogicalType.STRING, true),
            Field.of("n", LogicalType.INT64, true));
    /** Recursion deeper than the stack for {@code (a|ab)*c}; exponential backtracking for {@code (.*a){12}}. */
    private static final String DEEP = "a".repeat(50_000);
    private static final String EXPONENTIAL = "a".repeat(30) + "b";
    private BufferAllocator allocator;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    private VectorSchemaRoot batch(int copies) {
        try (BatchBuilder b = BatchBuilder.create(SCHEMA, allocator)) {
            for (int k = 0; k < copies; k++) {
                b.addRow("ac", 1L).addRow(DEEP, 2L).addRow(EXPONENTIAL, null).addRow("abc", 4L);
            }
            return b.build();
        }
    }

    private static List<Check> checks() {
        return List.of(
                Check.pattern("s", "(a|ab)*c").noFailures().named("deep"),
                Check.pattern("s", "(.*a){12}").noFailures().named("exponential"),
                Check.predicate(Expr.col("s").matches("(a|ab)*c")).noFailures().named("predicate"),
                Check.nulls("n").recorded().named("nulls"),
                Check.pattern("s", "[abc]*").noFailures().named("fine"));
    }

    private static void assertErrorsOnlyOnThePatterns(QualityReport r, long copies) {
        for (String name : List.of("deep", "exponential", "predicate")) {
            CheckResult c = r.result(name).orElseThrow();
            assertEquals(Outcome.ERROR, c.outcome(), c.message());
            assertTrue(c.message().contains("could not be evaluated"), c.message());
            assertFalse(c.message().contains(DEEP.substring(0, 20)), "no value in the message: " + c.message());
        }
        assertEquals(Outcome.PASS, r.result("fine").orElseThrow().outcome());
        assertEquals(copies, r.result("nulls").orElseThrow().value());
        assertFalse(r.passed());
    }

    @Test
    void aRunawayPatternIsAnErrorOfItsCheckAndTheOtherChecksStillCompute() {
        try (VectorSchemaRoot b = batch(1)) {
            QualityPlan all = QualityPlan.compile("t", SCHEMA, checks());
            QualityState s = all.newState();
            s.update(b);
            assertErrorsOnlyOnThePatterns(QualityEngine.report(all, s, CTX), 1);
        }
    }

    @Test
    void theErrorTravelsThroughMergesAndBytes() {
        try (VectorSchemaRoot b = batch(3)) {
            QualityPlan plan = QualityPlan.compile("t", SCHEMA, checks());
            QualityState s = plan.newState();
            s.update(b);
            QualityState total = plan.newState();
            total.merge(QualityState.fromBytes(plan, s.toBytes()));
            assertErrorsOnlyOnThePatterns(QualityEngine.report(plan, total, CTX), 3);
        }
    }

    @Test
    void rowsWhosePatternCannotBeDecidedAreQuarantined() {
        try (VectorSchemaRoot b = batch(1)) {
            QualityPlan plan = QualityPlan.compile("t", SCHEMA, checks());
            Map<String, Selection> failing = QualityEngine.failingRows(plan, b, CTX);
            assertEquals(List.of(1, 2), QualityEngineTest.selected(failing.get("deep")));
            assertEquals(List.of(0, 2, 3), QualityEngineTest.selected(failing.get("exponential")));
        }
    }
}
