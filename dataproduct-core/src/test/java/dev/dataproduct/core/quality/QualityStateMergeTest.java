package dev.dataproduct.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/** Merging the states of batches A and B gives the state of A ∪ B, whichever way they are split. */
class QualityStateMergeTest {
    private static final Schema SCHEMA = Schema.of(
            Field.of("i64", LogicalType.INT64, false),
            Field.of("i16", LogicalType.INT16, false),
            Field.of("dec", LogicalType.decimal(12, 3), false),
            Field.of("f32", LogicalType.FLOAT32, false),
            Field.of("f64", LogicalType.FLOAT64, false),
            Field.of("day", LogicalType.DATE, false),
            Field.of("ts", LogicalType.TIMESTAMP, false),
            Field.of("s", LogicalType.STRING, false),
            Field.of("b", LogicalType.BOOLEAN, false));
    private static final List<String> NUMERIC = List.of("i64", "i16", "dec", "f32", "f64");
    private static final EvaluationContext CTX = EvaluationContext.of(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"),
            ZoneOffset.UTC));

    private static List<Check> checks() {
        List<Check> c = new ArrayList<>();
        c.add(Check.rowCount().recorded());
        for (Field f : SCHEMA.fields()) {
            String n = f.name();
            c.add(Check.nulls(n).recorded());
            c.add(Check.completeness(n).recorded());
            c.add(Check.approxDistinct(n).recorded());
            c.add(Check.duplicates(n).recorded());
            c.add(Check.missing(n, "0", "x1", "false").recorded());
        }
        for (String n : NUMERIC) {
            for (Metric.Statistic s : Metric.Statistic.values()) {
                c.add(Check.of(new Metric.Stat(n, s)).recorded());
            }
            c.add(Check.quantile(n, 0.5).recorded());
            c.add(Check.quantile(n, 0.95).recorded());
            c.add(Check.range(n, -10, 10).recorded());
        }
        c.add(Check.min("day").recorded());
        c.add(Check.max("ts").recorded());
        c.add(Check.freshness("ts").recorded());
        c.add(Check.pattern("s", "x\\d").recorded());
        c.add(Check.length("s", 2, 2).recorded());
        c.add(Check.allowedValues("i16", "1", "2", "3").recorded());
        c.add(Check.duplicates("i16", "s", "b").recorded());
        c.add(Check.predicate(Expr.col("f64").lt(0.5)).recorded());
        c.add(Check.references("s", "ref", "s").recorded());
        c.add(Check.references("i16", "ref", "i64").recorded());
        return c;
    }

    private static VectorSchemaRoot randomBatch(Random rnd, int rows, BufferAllocator allocator) {
        try (BatchBuilder b = BatchBuilder.create(SCHEMA, allocator)) {
            for (int r = 0; r < rows; r++) {
                double nullRate = 0.15;
                b.addRow(
                        nullOr(rnd, nullRate, () -> (long) rnd.nextInt(50) - 20),
                        nullOr(rnd, nullRate, () -> (long) rnd.nextInt(8)),
                        nullOr(rnd, nullRate, () -> BigDecimal.valueOf(rnd.nextInt(200_000) - 100_000, 3)),
                        nullOr(rnd, nullRate, () -> (double) (float) rnd.nextGaussian()),
                        nullOr(rnd, nullRate, () -> rnd.nextDouble() * 1000),
                        nullOr(rnd, nullRate, () -> LocalDate.ofEpochDay(19_000 + rnd.nextInt(400))),
                        nullOr(rnd, nullRate, () -> LocalDateTime.ofEpochSecond(1_700_000_000L + rnd.nextInt(9_999_999),
                                rnd.nextInt(1000) * 1000, ZoneOffset.UTC)),
                        nullOr(rnd, nullRate, () -> "x" + rnd.nextInt(rnd.nextBoolean() ? 20 : 3000)),
                        nullOr(rnd, nullRate, rnd::nextBoolean));
            }
            return b.build();
        }
    }

    private static Object nullOr(Random rnd, double rate, java.util.function.Supplier<Object> value) {
        return rnd.nextDouble() < rate ? null : value.get();
    }

    @Test
    void mergedStatesEqualTheStateOfTheUnion() {
        for (long seed : new long[] {1, 42, 20240607}) {
            Random rnd = new Random(seed);
            try (BufferAllocator allocator = new RootAllocator()) {
                List<VectorSchemaRoot> batches = new ArrayList<>();
                try {
                    int count = 3 + rnd.nextInt(5);
                    for (int i = 0; i < count; i++) {
                        batches.add(randomBatch(rnd, i == 1 ? 0 : rnd.nextInt(1500), allocator));
                    }
                    VectorSchemaRoot ref = randomBatch(rnd, 40, allocator);
                    batches.add(ref);
                    check(seed, batches.subList(0, batches.size() - 1), ref);
                } finally {
                    batches.forEach(VectorSchemaRoot::close);
                }
            }
        }
    }

    private void check(long seed, List<VectorSchemaRoot> batches, VectorSchemaRoot ref) {
        EvaluationContext ctx = new EvaluationContext(CTX.clock(),
                Map.of("ref", Dataset.of("ref", SCHEMA, List.of(ref))), Map.of());
        QualityPlan plan = QualityPlan.compile("t", SCHEMA, checks());
        int split = 1 + (int) (seed % (batches.size() - 1));

        QualityState sequential = plan.newState();
        batches.forEach(sequential::update);

        QualityState a = plan.newState();
        batches.subList(0, split).forEach(a::update);
        QualityState b = plan.newState();
        batches.subList(split, batches.size()).forEach(b::update);
        QualityState merged = QualityState.fromBytes(plan, a.toBytes());
        merged.merge(QualityState.fromBytes(plan, b.toBytes()));

        QualityReport expected = QualityEngine.report(plan, sequential, ctx);
        assertEquals(batches.stream().mapToLong(VectorSchemaRoot::getRowCount).sum(), expected.rows());
        QualityReport fromMerge = QualityEngine.report(plan, merged, ctx);
        QualityReport fromThreads = QualityEngine.evaluate(plan, batches, 3, ctx);
        QualityReport roundTrip = QualityEngine.report(plan, QualityState.fromBytes(plan, sequential.toBytes()), ctx);
        for (QualityReport actual : List.of(fromMerge, fromThreads, roundTrip)) {
            assertEquals(expected.rows(), actual.rows());
            for (int i = 0; i < expected.results().size(); i++) {
                compare(seed, expected.results().get(i), actual.results().get(i), batches);
            }
        }
    }

    private static void compare(long seed, CheckResult e, CheckResult a, List<VectorSchemaRoot> batches) {
        Metric m = e.check().metric();
        String what = "seed " + seed + ", " + m.describe();
        if (m instanceof Metric.Quantile q) {
            // both are within the KLL rank error of the rank asked for: with ties a value covers a span of
            // ranks, from the share of values below it to the share at or below it
            double[] values = values(batches, q.column());
            for (CheckResult r : List.of(e, a)) {
                double below = rank(values, r.value(), false);
                double atOrBelow = rank(values, r.value(), true);
                assertTrue(q.rank() >= below - 0.04 && q.rank() <= atOrBelow + 0.04,
                        what + ": value " + r.value() + " spans ranks " + below + " to " + atOrBelow);
            }
            return;
        }
        if (m instanceof Metric.Stat s && (s.statistic() == Metric.Statistic.MEAN || s.statistic() == Metric.Statistic.SUM
                || s.statistic() == Metric.Statistic.STDDEV)) {
            assertEquals(e.value(), a.value(), 1e-9 * Math.max(1, Math.abs(e.value())), what);
            return;
        }
        if (m instanceof Metric.ApproxDistinct) {
            assertEquals(e.value(), a.value(), 1e-9 * e.value(), what);
            return;
        }
        assertEquals(e.value(), a.value(), what);                      // exact
        assertEquals(e.failingRows(), a.failingRows(), what);
        if (m.isRowLevel()) {
            assertEquals(e.failingRowPositions(), a.failingRowPositions(), what);
            assertEquals(e.firstFailingValues(), a.firstFailingValues(), what);
        }
    }

    private static double[] values(List<VectorSchemaRoot> batches, String column) {
        List<Double> out = new ArrayList<>();
        for (VectorSchemaRoot b : batches) {
            var v = b.getVector(column);
            for (int i = 0; i < b.getRowCount(); i++) {
                Object o = v.getObject(i);
                if (o != null) {
                    out.add(((Number) o).doubleValue());
                }
            }
        }
        double[] d = out.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(d);
        return d;
    }

    private static double rank(double[] sorted, double v, boolean inclusive) {
        int n = 0;
        while (n < sorted.length && (sorted[n] < v || inclusive && sorted[n] == v)) {
            n++;
        }
        return (double) n / sorted.length;
    }

    @Test
    void refusesStatesOfAnotherPlan() {
        QualityPlan p1 = QualityPlan.compile("t", SCHEMA, List.of(Check.rowCount().atLeast(1)));
        QualityPlan p2 = QualityPlan.compile("t", SCHEMA, List.of(Check.nulls("s").atMost(1)));
        assertThrows(IllegalArgumentException.class, () -> p1.newState().merge(p2.newState()));
        assertThrows(IllegalArgumentException.class, () -> QualityState.fromBytes(p2, p1.newState().toBytes()));
        QualityPlan same = QualityPlan.compile("t", SCHEMA, List.of(Check.rowCount().atLeast(1)));
        QualityState s = p1.newState();
        s.merge(same.newState());
        assertEquals(0, s.rows());
    }
}
