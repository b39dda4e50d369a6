package dev.dataproduct.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.api.quality.Outcome;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Metrics and rules on the values where arithmetic goes wrong: extremes, signed zeros, NaN, units. */
class NumericEdgesTest {
    private static final EvaluationContext CTX = EvaluationContext.of(
            Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
    private BufferAllocator allocator;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    private VectorSchemaRoot column(LogicalType type, Object... values) {
        try (BatchBuilder b = BatchBuilder.create(Schema.of(Field.of("x", type, true)), allocator)) {
            for (Object v : values) {
                b.addRow(v);
            }
            return b.build();
        }
    }

    private static Schema schema(LogicalType type) {
        return Schema.of(Field.of("x", type, true));
    }

    /** Evaluates checks over batches (each batch folded into its own state, then merged through bytes). */
    private static QualityReport merged(Schema schema, List<Check> checks, VectorSchemaRoot... batches) {
        QualityPlan plan = QualityPlan.compile("t", schema, checks);
        QualityState total = plan.newState();
        for (VectorSchemaRoot b : batches) {
            QualityState s = plan.newState();
            s.update(b);
            total.merge(QualityState.fromBytes(plan, s.toBytes()));
        }
        return QualityEngine.report(plan, QualityState.fromBytes(plan, total.toBytes()), CTX);
    }

    private static QualityReport single(Schema schema, List<Check> checks, VectorSchemaRoot... batches) {
        QualityPlan plan = QualityPlan.compile("t", schema, checks);
        QualityState s = plan.newState();
        for (VectorSchemaRoot b : batches) {
            s.update(b);
        }
        return QualityEngine.report(plan, s, CTX);
    }

    private static double value(QualityReport r, String name) {
        return r.result(name).orElseThrow().value();
    }

    private static List<Check> stats() {
        List<Check> c = new ArrayList<>();
        for (Metric.Statistic s : Metric.Statistic.values()) {
            c.add(Check.of(new Metric.Stat("x", s)).recorded().named(s.name()));
        }
        return c;
    }

    @Test
    void stddevOfCloseIntegersBeyondTwoTo53IsExactWithinABatch() {
        long base = 1L << 60;
        try (VectorSchemaRoot b = column(LogicalType.INT64, base, base + 1, base + 2, base + 3)) {
            // rounded to doubles first, the four values collapse to one and the deviation to 0
            assertEquals(Math.sqrt(5.0 / 3.0), value(single(schema(LogicalType.INT64), stats(), b), "STDDEV"), 1e-12);
        }
    }

    @Test
    void aNanBoundOfAShareCheckPassesNothingInsteadOfThrowing() {
        try (VectorSchemaRoot b = column(LogicalType.INT64, 1L, null, 3L)) {
            Check nanBound = Check.completeness("x").atLeast(Double.NaN).named("nan");
            assertEquals(dev.dataproduct.api.quality.Outcome.FAIL,
                    single(schema(LogicalType.INT64), List.of(nanBound), b).result("nan").orElseThrow().outcome());
        }
    }

    @Test
    void sumsInt64ValuesExactlyBeyondTheDoublesAndTheLongs() {
        long two53 = 1L << 53;
        try (VectorSchemaRoot b = column(LogicalType.INT64, two53, 1L, 1L)) {
            // in doubles 2^53 + 1 rounds back to 2^53 twice; exactly it is 2^53 + 2, a double
            assertEquals(two53 + 2, value(single(schema(LogicalType.INT64), stats(), b), "SUM"));
        }
        long two60 = 1L << 60;
        try (VectorSchemaRoot b = column(LogicalType.INT64, 0L, two60, 128L, 128L)) {
            // added as doubles, each 128 is half an ulp of 2^60 and rounds away
            assertEquals(two60 + 256, value(single(schema(LogicalType.INT64), stats(), b), "SUM"));
        }
        try (VectorSchemaRoot b = column(LogicalType.INT64, Long.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE)) {
            QualityPlan plan = QualityPlan.compile("t", schema(LogicalType.INT64), stats());
            QualityState s = plan.newState();
            s.update(b);
            assertEquals(BigInteger.valueOf(Long.MAX_VALUE).subtract(BigInteger.ONE),
                    s.columns[0].moments.exactSum());
        }
    }

    @Test
    void meanAndStddevOfTheInt64ExtremesDoNotWrap() {
        try (VectorSchemaRoot b = column(LogicalType.INT64, Long.MAX_VALUE, Long.MIN_VALUE)) {
            QualityReport r = single(schema(LogicalType.INT64), stats(), b);
            assertEquals(-0.5, value(r, "MEAN"));
            assertEquals(-1.0, value(r, "SUM"));
            double expected = Math.sqrt(2 * Math.pow(Long.MAX_VALUE + 0.5, 2));
            assertEquals(expected, value(r, "STDDEV"), expected * 1e-15);
        }
    }

    @Test
    void int64SumsAreExactAcrossMergesAndBytes() {
        try (VectorSchemaRoot a = column(LogicalType.INT64, Long.MAX_VALUE, Long.MAX_VALUE);
             VectorSchemaRoot b = column(LogicalType.INT64, Long.MIN_VALUE, 3L)) {
            QualityReport r = merged(schema(LogicalType.INT64), stats(), a, b);
            // MAX + MAX + MIN + 3 = MAX + 2: beyond a long, exactly 2^63 + 1, which rounds to 2^63
            assertEquals(0x1p63, value(r, "SUM"));
            assertEquals((Long.MAX_VALUE + 2.0) / 4, value(r, "MEAN"), 1e3);
        }
    }

    @Test
    void floatSumsAndMeansOfFiniteValuesStayFinite() {
        try (VectorSchemaRoot b = column(LogicalType.FLOAT64, 1e308, -1e308, -1e308)) {
            QualityReport r = single(schema(LogicalType.FLOAT64), stats(), b);
            assertEquals(-1e308, value(r, "SUM"));
            assertEquals(-1e308 / 3, value(r, "MEAN"), 1e293);
            double mean = -1e308 / 3;
            double expected = Math.sqrt((Math.pow((1e308 - mean) / 1e300, 2) + 2 * Math.pow((-1e308 - mean) / 1e300, 2))
                    / 2) * 1e300;
            assertEquals(expected, value(r, "STDDEV"), expected * 1e-12);
        }
        try (VectorSchemaRoot b = column(LogicalType.FLOAT64, Double.MAX_VALUE, Double.MAX_VALUE)) {
            QualityReport r = single(schema(LogicalType.FLOAT64), stats(), b);
            assertEquals(Double.MAX_VALUE, value(r, "MEAN"));
            assertEquals(0.0, value(r, "STDDEV"));
        }
    }

    @Test
    void floatSumsStayFiniteAcrossMergesAndBytes() {
        try (VectorSchemaRoot a = column(LogicalType.FLOAT64, 1e308, 1e308);
             VectorSchemaRoot b = column(LogicalType.FLOAT64, -1e308, 1.5);
             VectorSchemaRoot c = column(LogicalType.FLOAT64, -1e308)) {
            QualityReport r = merged(schema(LogicalType.FLOAT64), stats(), a, b, c);
            assertEquals(1.5, value(r, "SUM"));
            assertEquals(0.3, value(r, "MEAN"), 1e-15);
            assertTrue(Double.isFinite(value(r, "STDDEV")), "stddev " + value(r, "STDDEV"));
        }
    }

    @Test
    void nanAndInfinitiesDecideSumsAsIeeeAdditionDoes() {
        try (VectorSchemaRoot b = column(LogicalType.FLOAT64, 1.0, Double.POSITIVE_INFINITY)) {
            QualityReport r = single(schema(LogicalType.FLOAT64), stats(), b);
            assertEquals(Double.POSITIVE_INFINITY, value(r, "SUM"));
            assertEquals(Double.POSITIVE_INFINITY, value(r, "MEAN"));
        }
        try (VectorSchemaRoot b = column(LogicalType.FLOAT64, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)) {
            assertTrue(Double.isNaN(value(single(schema(LogicalType.FLOAT64), stats(), b), "SUM")));
        }
    }

    @Test
    void minAndMaxOfFloatsSortNanAboveEverything() {
        try (VectorSchemaRoot a = column(LogicalType.FLOAT64, Double.NaN, 2.0);
             VectorSchemaRoot b = column(LogicalType.FLOAT64, -0.0, Double.POSITIVE_INFINITY)) {
            for (QualityReport r : List.of(single(schema(LogicalType.FLOAT64), stats(), a, b),
                    merged(schema(LogicalType.FLOAT64), stats(), a, b))) {
                assertEquals(0.0, value(r, "MIN"), 0.0);
                assertTrue(Double.isNaN(value(r, "MAX")));
            }
        }
        try (VectorSchemaRoot a = column(LogicalType.FLOAT64, Double.NaN, Double.NaN)) {
            assertTrue(Double.isNaN(value(single(schema(LogicalType.FLOAT64), stats(), a), "MIN")));
        }
    }

    @Test
    void quantilesPlaceNanAboveTheNumbers() {
        try (VectorSchemaRoot b = column(LogicalType.FLOAT64, 1.0, 2.0, 3.0, Double.NaN)) {
            QualityReport r = merged(schema(LogicalType.FLOAT64), List.of(
                    Check.quantile("x", 0.0).recorded().named("q0"),
                    Check.quantile("x", 1.0).recorded().named("q1")), b);
            assertEquals(1.0, value(r, "q0"));
            assertTrue(Double.isNaN(value(r, "q1")), "the largest value is NaN: " + value(r, "q1"));
        }
    }

    @Test
    void distinctCountsTakeNegativeZeroAsZero() {
        try (VectorSchemaRoot b = column(LogicalType.FLOAT64, 0.0, -0.0, Double.NaN, Double.NaN)) {
            QualityReport r = single(schema(LogicalType.FLOAT64),
                    List.of(Check.approxDistinct("x").recorded().named("d")), b);
            assertEquals(2.0, value(r, "d"), 0.01);
        }
    }

    private VectorSchemaRoot timestamps(TimeUnit unit, long... values) {
        FieldVector v = new org.apache.arrow.vector.types.pojo.Field("x",
                FieldType.nullable(new ArrowType.Timestamp(unit, null)), null).createVector(allocator);
        v.allocateNew();
        for (int i = 0; i < values.length; i++) {
            ((TimeStampVector) v).setSafe(i, values[i]);
        }
        v.setValueCount(values.length);
        return new VectorSchemaRoot(List.of(v));
    }

    @Test
    void timestampUnitsTravelWithTheStateThroughBytesAndMerges() {
        Instant newest = Instant.parse("2024-12-31T23:00:00Z");
        long seconds = newest.getEpochSecond();
        List<Check> checks = List.of(Check.max("x").recorded().named("max"), Check.min("x").recorded().named("min"),
                Check.freshness("x").recorded().named("fresh"));
        for (TimeUnit unit : TimeUnit.values()) {
            long scale = unit == TimeUnit.SECOND ? 1 : unit == TimeUnit.MILLISECOND ? 1_000
                    : unit == TimeUnit.MICROSECOND ? 1_000_000 : 1_000_000_000L;
            try (VectorSchemaRoot b = timestamps(unit, (seconds - 60) * scale, seconds * scale)) {
                QualityReport r = merged(schema(LogicalType.TIMESTAMP), checks, b);
                assertEquals(seconds * 1e6, value(r, "max"), 0.0, unit.toString());
                assertEquals((seconds - 60) * 1e6, value(r, "min"), 0.0, unit.toString());
                assertEquals(3600.0, value(r, "fresh"), 1e-6, unit.toString());
            }
        }
    }

    @Test
    void batchesInDifferentTimestampUnitsFoldIntoOneState() {
        long seconds = Instant.parse("2024-12-31T23:00:00Z").getEpochSecond();
        try (VectorSchemaRoot a = timestamps(TimeUnit.SECOND, seconds - 60);
             VectorSchemaRoot b = timestamps(TimeUnit.NANOSECOND, seconds * 1_000_000_000L)) {
            QualityReport r = merged(schema(LogicalType.TIMESTAMP), List.of(Check.max("x").recorded().named("max"),
                    Check.min("x").recorded().named("min")), a, b);
            assertEquals(seconds * 1e6, value(r, "max"), 0.0);
            assertEquals((seconds - 60) * 1e6, value(r, "min"), 0.0);
        }
    }

    @Test
    void timestampsBeyondWhatJavaTimeHoldsAreReportedNotThrown() {
        try (VectorSchemaRoot b = timestamps(TimeUnit.SECOND, Long.MAX_VALUE, 0L)) {
            QualityReport r = merged(schema(LogicalType.TIMESTAMP), List.of(
                    Check.predicate(Expr.col("x").lt(java.time.LocalDateTime.parse("2000-01-01T00:00:00")))
                            .noFailures().named("before"),
                    Check.allowedValues("x", "1970-01-01T00:00").noFailures().named("allowed"),
                    Check.max("x").recorded().named("max")), b);
            CheckResult before = r.result("before").orElseThrow();
            assertEquals(1, before.failingRows());
            assertTrue(before.firstFailingValues().get(0).contains(Long.toString(Long.MAX_VALUE)),
                    before.firstFailingValues().toString());
            assertEquals(1, r.result("allowed").orElseThrow().failingRows());
            assertEquals(Long.MAX_VALUE * 1e6, value(r, "max"));
        }
    }

    @Test
    void negativeZeroEqualsZeroInEveryRuleAndPredicate() {
        try (VectorSchemaRoot b = column(LogicalType.FLOAT64, -0.0, 0.0)) {
            QualityReport r = single(schema(LogicalType.FLOAT64), List.of(
                    Check.predicate(Expr.col("x").ge(0.0)).noFailures().named("ge"),
                    Check.predicate(Expr.col("x").eq(0.0)).noFailures().named("eq"),
                    Check.predicate(Expr.col("x").in(0.0)).noFailures().named("in"),
                    Check.predicate(Expr.col("x").le(0L)).noFailures().named("leLong"),
                    Check.range("x", 0, 0).noFailures().named("range"),
                    Check.allowedValues("x", "0.0").noFailures().named("allowed")), b);
            for (var result : r.results()) {
                assertEquals(Outcome.PASS, result.outcome(), result.message());
            }
        }
    }

    @Test
    void nanEqualsNanAndSortsAboveInfinityInEveryRuleAndPredicate() {
        try (VectorSchemaRoot b = column(LogicalType.FLOAT64, Double.NaN)) {
            QualityReport r = single(schema(LogicalType.FLOAT64), List.of(
                    Check.predicate(Expr.col("x").gt(Double.POSITIVE_INFINITY)).noFailures().named("gt"),
                    Check.predicate(Expr.col("x").eq(Double.NaN)).noFailures().named("eq"),
                    Check.predicate(Expr.col("x").in(Double.NaN)).noFailures().named("in"),
                    Check.predicate(Expr.col("x").ge(1L)).noFailures().named("geLong"),
                    Check.range("x", 0, Double.MAX_VALUE).exactly(1).named("range"),
                    Check.allowedValues("x", "NaN").noFailures().named("allowed")), b);
            for (var result : r.results()) {
                assertEquals(Outcome.PASS, result.outcome(), result.message());
            }
        }
    }

    @Test
    void nanTimesZeroIsNanNotNull() {
        try (VectorSchemaRoot b = column(LogicalType.FLOAT64, Double.NaN, Double.POSITIVE_INFINITY)) {
            QualityReport r = single(schema(LogicalType.FLOAT64), List.of(
                    Check.predicate(Expr.col("x").times(0.0).isNotNull()).noFailures().named("times"),
                    Check.predicate(Expr.col("x").minus(0.0).isNotNull()).noFailures().named("minus")), b);
            for (var result : r.results()) {
                assertEquals(Outcome.PASS, result.outcome(), result.message());
            }
        }
    }

    @Test
    void decimalsConvertToDoublesInOneCorrectlyRoundedStep() {
        BigDecimal d = new BigDecimal("60104550040931642.5445523191");
        try (VectorSchemaRoot b = column(LogicalType.decimal(38, 10), d)) {
            QualityReport r = single(schema(LogicalType.decimal(38, 10)), stats(), b);
            assertEquals(d.doubleValue(), value(r, "MAX"), 0.0);
        }
        BigDecimal small = new BigDecimal("0.3");
        try (VectorSchemaRoot b = column(LogicalType.decimal(10, 1), small)) {
            assertEquals(0.3, value(single(schema(LogicalType.decimal(10, 1)), stats(), b), "MIN"), 0.0);
        }
    }

    @Test
    void toleranceAllowsExactlyTheShareOfFailingRowsItNames() {
        for (double share : new double[] {0.9, 0.7, 0.99, 0.95, 0.8}) {
            int rows = 100;
            long allowed = Math.round((1 - share) * rows);
            for (long nulls : new long[] {allowed, allowed + 1}) {
                Object[] values = new Object[rows];
                for (int i = 0; i < rows; i++) {
                    values[i] = i < nulls ? null : 1L;
                }
                try (VectorSchemaRoot b = column(LogicalType.INT64, values)) {
                    QualityReport r = single(schema(LogicalType.INT64), List.of(
                            Check.nulls("x").tolerance(share).named("tolerance"),
                            Check.completeness("x").atLeast(share).named("completeness")), b);
                    Outcome expected = nulls == allowed ? Outcome.PASS : Outcome.FAIL;
                    assertEquals(expected, r.result("tolerance").orElseThrow().outcome(),
                            share + " with " + nulls + " nulls: " + r.result("tolerance").orElseThrow().message());
                    assertEquals(expected, r.result("completeness").orElseThrow().outcome(),
                            share + " with " + nulls + " nulls: " + r.result("completeness").orElseThrow().message());
                }
            }
        }
    }

    @Test
    void labelsAreCutBetweenCodePoints() {
        String value = "a".repeat(96) + "\uD83D\uDE00" + "b".repeat(10);
        try (VectorSchemaRoot b = column(LogicalType.STRING, value)) {
            QualityReport r = single(schema(LogicalType.STRING), List.of(
                    Check.pattern("x", "a*").noFailures().named("p")), b);
            assertEquals(List.of("a".repeat(96) + "..."), r.result("p").orElseThrow().firstFailingValues());
        }
    }
}
