package dev.dataproduct.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.CustomMetric;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.api.quality.Outcome;
import dev.dataproduct.api.quality.Severity;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.expr.Selection;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QualityEngineTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-02T00:00:00Z"), ZoneOffset.UTC);
    static final EvaluationContext CTX = EvaluationContext.of(CLOCK);

    static final Schema SCHEMA = Schema.of(
            Field.of("id", LogicalType.INT64, false),
            Field.of("qty", LogicalType.INT32, false),
            Field.of("price", LogicalType.decimal(10, 2), false),
            Field.of("score", LogicalType.FLOAT64, false),
            Field.of("day", LogicalType.DATE, false),
            Field.of("at", LogicalType.TIMESTAMP, false),
            Field.of("sku", LogicalType.STRING, false),
            Field.builder("email", LogicalType.STRING).classification(Classification.RESTRICTED).build());

    private BufferAllocator allocator;
    private final List<VectorSchemaRoot> open = new ArrayList<>();

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() {
        open.forEach(VectorSchemaRoot::close);
        allocator.close();
    }

    private VectorSchemaRoot batch(Object[]... rows) {
        try (BatchBuilder b = BatchBuilder.create(SCHEMA, allocator)) {
            for (Object[] r : rows) {
                b.addRow(r);
            }
            VectorSchemaRoot root = b.build();
            open.add(root);
            return root;
        }
    }

    private static Object[] row(Long id, Integer qty, String price, Double score, String day, String at, String sku,
                                String email) {
        return new Object[] {id, qty == null ? null : (long) qty, price == null ? null : new BigDecimal(price), score,
                day == null ? null : LocalDate.parse(day), at == null ? null : LocalDateTime.parse(at), sku, email};
    }

    /** Five rows: values chosen so every metric is easy to compute by hand. */
    private List<VectorSchemaRoot> sample() {
        return List.of(
                batch(row(1L, 5, "10.50", 1.0, "2024-06-01", "2024-06-01T12:00:00", "SKU-000001", "a@x.org"),
                        row(2L, null, "2.25", 2.0, "2024-05-01", "2024-05-31T00:00:00", "bad", "b@x.org")),
                batch(),
                batch(row(2L, 7, null, null, null, null, "N/A", null),
                        row(4L, 1, "-1.00", 4.0, "2024-01-01", "2024-01-01T00:00:00", "", "bad-email"),
                        row(null, 5, "3.00", 5.0, "2024-03-01", null, "SKU-000002", "c@x.org")));
    }

    private QualityReport run(List<Check> checks) {
        return QualityEngine.evaluate(QualityPlan.compile("t", SCHEMA, checks), Dataset.of("t", SCHEMA, sample()),
                CTX);
    }

    private static double value(QualityReport r, String name) {
        return r.result(name).orElseThrow().value();
    }

    @Test
    void computesCountsByHand() {
        QualityReport r = run(List.of(
                Check.rowCount().recorded().named("rows"),
                Check.nulls("qty").recorded().named("nullQty"),
                Check.nulls("id").percent().atMost(10).named("nullIdPct"),
                Check.completeness("price").recorded().named("complete"),
                Check.missing("sku", "N/A", "").recorded().named("missing"),
                Check.allowedValues("qty", "1", "5").recorded().named("allowed"),
                Check.pattern("sku", "SKU-\\d{6}").recorded().named("pattern"),
                Check.range("price", 0, 5).recorded().named("range"),
                Check.length("sku", 1, 3).recorded().named("length"),
                Check.duplicates("id").recorded().named("dupId"),
                Check.duplicates("qty", "id").recorded().named("dupQtyId"),
                Check.predicate(Expr.col("qty").ge(5)).recorded().named("viol")));
        assertEquals(5, r.rows());
        assertEquals(5, value(r, "rows"));
        assertEquals(1, value(r, "nullQty"));
        assertEquals(20.0, value(r, "nullIdPct"));
        assertEquals(Outcome.FAIL, r.result("nullIdPct").orElseThrow().outcome());
        assertEquals(0.8, value(r, "complete"), 1e-12);
        assertEquals(2, value(r, "missing"));
        assertEquals(1, value(r, "allowed"));                 // 7
        assertEquals(3, value(r, "pattern"));                 // bad, N/A, ""
        assertEquals(2, value(r, "range"));                   // 10.50, -1.00
        assertEquals(3, value(r, "length"));                  // SKU-000001, SKU-000002, "" (N/A, bad are 3)
        assertEquals(1, value(r, "dupId"));                   // 2 twice; null id not keyed
        assertEquals(0, value(r, "dupQtyId"));                // (5,1) (null,2) (7,2) (1,4) (5,null)
        assertEquals(2, value(r, "viol"));                    // qty null, qty 1
        CheckResult missing = r.result("missing").orElseThrow();
        assertEquals(2, missing.failingRows());
        assertEquals(List.of(2L, 3L), missing.failingRowPositions());
        assertEquals(List.of("N/A", ""), missing.firstFailingValues());
        CheckResult viol = r.result("viol").orElseThrow();
        assertEquals(List.of(1L, 3L), viol.failingRowPositions());
        assertEquals(List.of("qty=null", "qty=1"), viol.firstFailingValues());
        assertEquals(0, r.result("dupId").orElseThrow().failingRows(), "not a row-level metric");
        assertEquals(List.of("2"), r.result("dupId").orElseThrow().firstFailingValues());
    }

    @Test
    void computesStatisticsOfEveryTypeByHand() {
        QualityReport r = run(List.of(
                Check.min("qty").recorded().named("minQty"),
                Check.max("qty").recorded().named("maxQty"),
                Check.sum("qty").recorded().named("sumQty"),
                Check.mean("qty").recorded().named("meanQty"),
                Check.stddev("qty").recorded().named("sdQty"),
                Check.min("price").recorded().named("minPrice"),
                Check.sum("price").recorded().named("sumPrice"),
                Check.mean("score").recorded().named("meanScore"),
                Check.stddev("score").recorded().named("sdScore"),
                Check.max("day").recorded().named("maxDay"),
                Check.min("at").recorded().named("minAt"),
                Check.freshness("at").recorded().named("freshAt"),
                Check.freshness("day").recorded().named("freshDay"),
                Check.approxDistinct("sku").recorded().named("distinctSku"),
                Check.approxDistinct("id").recorded().named("distinctId"),
                Check.quantile("score", 0.5).recorded().named("medianScore")));
        assertEquals(1, value(r, "minQty"));
        assertEquals(7, value(r, "maxQty"));
        assertEquals(18, value(r, "sumQty"));
        assertEquals(4.5, value(r, "meanQty"), 1e-12);
        // qty 5, 7, 1, 5: mean 4.5, squares of deviations 0.25 + 6.25 + 12.25 + 0.25 = 19, / 3
        assertEquals(Math.sqrt(19.0 / 3), value(r, "sdQty"), 1e-12);
        assertEquals(-1.0, value(r, "minPrice"), 1e-12);
        assertEquals(14.75, value(r, "sumPrice"), 1e-12);
        assertEquals(3.0, value(r, "meanScore"), 1e-12);
        assertEquals(Math.sqrt(10.0 / 3), value(r, "sdScore"), 1e-12);
        assertEquals(LocalDate.parse("2024-06-01").toEpochDay(), value(r, "maxDay"));
        assertEquals(LocalDateTime.parse("2024-01-01T00:00:00").toEpochSecond(ZoneOffset.UTC) * 1e6,
                value(r, "minAt"));
        assertEquals(12 * 3600, value(r, "freshAt"), 1e-6);
        assertEquals(24 * 3600, value(r, "freshDay"), 1e-6);
        assertEquals(5, value(r, "distinctSku"), 0.01);
        assertEquals(3, value(r, "distinctId"), 0.01);
        assertEquals(2.0, value(r, "medianScore"), 1.0);
    }

    @Test
    void emptyAndAllNullColumnsGiveDocumentedValues() {
        QualityPlan plan = QualityPlan.compile("t", SCHEMA, List.of(
                Check.completeness("qty").atLeast(1).named("complete"),
                Check.nulls("qty").percent().atMost(0).named("pct"),
                Check.mean("qty").recorded().named("mean"),
                Check.stddev("qty").recorded().named("sd"),
                Check.approxDistinct("sku").exactly(0).named("distinct"),
                Check.quantile("score", 0.9).recorded().named("q"),
                Check.freshness("at").recorded().named("fresh"),
                Check.duplicates("id").noFailures().named("dup")));
        QualityReport empty = QualityEngine.evaluate(plan, List.of(batch()), 1, CTX);
        assertEquals(0, empty.rows());
        assertEquals(1.0, value(empty, "complete"));
        assertEquals(0.0, value(empty, "pct"));
        assertTrue(Double.isNaN(value(empty, "mean")));
        assertEquals(Outcome.FAIL, empty.result("mean").orElseThrow().outcome(), "NaN fails every threshold "
                + "but 'any', which passes everything except NaN");
        assertEquals(0, value(empty, "distinct"));
        assertTrue(Double.isNaN(value(empty, "q")));
        assertTrue(Double.isNaN(value(empty, "fresh")));

        QualityReport nulls = QualityEngine.evaluate(plan, List.of(batch(row(null, null, null, null, null, null,
                null, null), row(null, null, null, null, null, null, null, null))), 1, CTX);
        assertEquals(0.0, value(nulls, "complete"));
        assertEquals(100.0, value(nulls, "pct"));
        assertTrue(Double.isNaN(value(nulls, "mean")));
        assertTrue(Double.isNaN(value(nulls, "sd")));
        assertEquals(0, value(nulls, "distinct"));
        assertEquals(0, value(nulls, "dup"));
        assertEquals(List.of(0L, 1L), nulls.result("complete").orElseThrow().failingRowPositions());
        assertEquals(2, nulls.result("complete").orElseThrow().failingRows());
    }

    @Test
    void judgesThresholdsWarnZonesAndSeverities() {
        QualityReport r = run(List.of(
                Check.rowCount().atLeast(3).warnBelow(10).named("warn"),
                Check.rowCount().atLeast(10).severity(Severity.WARNING).named("failWarning"),
                Check.rowCount().atLeast(10).severity(Severity.INFO).named("failInfo"),
                Check.rowCount().between(1, 5).named("pass")));
        assertEquals(Outcome.WARN, r.result("warn").orElseThrow().outcome());
        assertEquals(Outcome.FAIL, r.result("failWarning").orElseThrow().outcome());
        assertEquals(Outcome.PASS, r.result("pass").orElseThrow().outcome());
        assertTrue(r.passed(), "only warning and info failures");
        assertEquals(List.of("failWarning", "failInfo"), r.failures().stream().map(CheckResult::name).toList());
        assertEquals(List.of("warn", "failWarning", "failInfo"),
                r.warnings().stream().map(CheckResult::name).toList());

        QualityReport failing = run(List.of(Check.nulls("qty").noFailures().named("n")));
        assertFalse(failing.passed());
        assertEquals("nullCount(qty) = 1 (20%), expected = 0: FAIL", failing.result("n").orElseThrow().message());
        String json = failing.toJson();
        assertTrue(json.contains("\"failingRowPositions\" : [ 1 ]"), json);
        assertTrue(json.contains("\"outcome\" : \"FAIL\""), json);
        String[] lines = failing.summary().split("\n");
        assertEquals(4, lines.length, failing.summary());
        assertTrue(lines[3].matches("n +\\| 1 +\\| = 0 +\\| FAIL +\\| null"), failing.summary());
    }

    @Test
    void masksValuesOfRestrictedFields() {
        QualityReport r = run(List.of(Check.pattern("email", ".+@.+").noFailures().named("email"),
                Check.predicate(Expr.col("email").ne("x")).noFailures().named("viol")));
        CheckResult email = r.result("email").orElseThrow();
        assertEquals(1, email.failingRows());
        assertEquals(List.of("<restricted>"), email.firstFailingValues());
        assertEquals(List.of(new ValueCount("<restricted>", 1)), email.frequentFailingValues());
        assertFalse(r.toJson().contains("bad-email"));
        assertEquals(List.of("email=<restricted>"), r.result("viol").orElseThrow().firstFailingValues());
    }

    @Test
    void samplesAreBoundedAndPositionsGlobalAcrossBatchesAndThreads() {
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int b = 0; b < 6; b++) {
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                boolean fail = (b * 100 + i) % 7 == 3;
                rows.add(row((long) i, fail ? null : i, "1.00", 1.0, null, null, fail ? "v" + (i % 3) : "SKU-000001",
                        null));
            }
            batches.add(batch(rows.toArray(new Object[0][])));
        }
        QualityPlan plan = QualityPlan.compile("t", SCHEMA, List.of(Check.nulls("qty").noFailures().named("n"),
                Check.pattern("sku", "SKU-\\d{6}").noFailures().named("p")));
        List<Long> expected = new ArrayList<>();
        for (long p = 3; expected.size() < 10; p += 7) {
            expected.add(p);
        }
        for (int threads : new int[] {1, 2, 4}) {
            QualityReport r = QualityEngine.evaluate(plan, batches, threads, CTX);
            for (String name : List.of("n", "p")) {
                CheckResult c = r.result(name).orElseThrow();
                assertEquals(86, c.failingRows(), name + " with " + threads + " threads");
                assertEquals(expected, c.failingRowPositions(), name + " with " + threads + " threads");
                assertEquals(5, c.firstFailingValues().size());
            }
            CheckResult p = r.result("p").orElseThrow();
            assertEquals(List.of("v0", "v1", "v2", "v0", "v1"), p.firstFailingValues());
            assertEquals(3, p.frequentFailingValues().size());
            assertEquals(86, p.frequentFailingValues().stream().mapToLong(ValueCount::count).sum());
        }
    }

    @Test
    void frequentValuesStayBoundedWithManyDistinctFailures() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            rows.add(row((long) i, 1, "1.00", 1.0, null, null, i % 2 == 0 ? "hot" : "cold" + i, null));
        }
        QualityReport r = QualityEngine.evaluate(QualityPlan.compile("t", SCHEMA,
                List.of(Check.allowedValues("sku", "x").noFailures().named("a"))),
                List.of(batch(rows.toArray(new Object[0][]))), 1, CTX);
        CheckResult a = r.result("a").orElseThrow();
        assertEquals(5000, a.failingRows());
        // at most five are shown; which of the values seen once survive depends on the order of updates
        assertTrue(a.frequentFailingValues().size() <= 5, a.frequentFailingValues().toString());
        assertEquals("hot", a.frequentFailingValues().get(0).value());
        long hot = a.frequentFailingValues().get(0).count();
        assertTrue(hot <= 2500 && hot >= 2500 - 5000 / 65, "lower bound within n/(k+1): " + hot);
    }

    @Test
    void failingRowsMarksRowsOfRowLevelChecks() {
        VectorSchemaRoot b = sample().get(2);
        QualityPlan plan = QualityPlan.compile("t", SCHEMA, List.of(
                Check.nulls("id").noFailures().named("n"),
                Check.completeness("price").atLeast(1).named("c"),
                Check.pattern("sku", "SKU-\\d{6}").noFailures().named("p"),
                Check.predicate(Expr.col("qty").ge(5)).noFailures().named("v"),
                Check.rowCount().atLeast(1).named("rows")));
        Map<String, Selection> rows = QualityEngine.failingRows(plan, b, CTX);
        assertEquals(List.of("n", "c", "p", "v"), List.copyOf(rows.keySet()));
        assertEquals(List.of(2), selected(rows.get("n")));
        assertEquals(List.of(0), selected(rows.get("c")));
        assertEquals(List.of(0, 1), selected(rows.get("p")));
        assertEquals(List.of(1), selected(rows.get("v")));
    }

    static List<Integer> selected(Selection s) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            if (s.isSelected(i)) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void countsOrphansAgainstAReferenceDataset() {
        Schema refSchema = Schema.of(Field.of("code", LogicalType.STRING, false),
                Field.of("num", LogicalType.INT32, false));
        VectorSchemaRoot ref = BatchBuilder.fromRows(refSchema, List.of(Map.of("code", "SKU-000001", "num", 1),
                Map.of("code", "bad", "num", 2), Map.of("num", 5)), allocator);
        open.add(ref);
        EvaluationContext ctx = new EvaluationContext(CLOCK, Map.of("ref", Dataset.of("ref", refSchema, List.of(ref))),
                Map.of());
        QualityPlan plan = QualityPlan.compile("t", SCHEMA, List.of(
                Check.references("sku", "ref", "code").noFailures().named("sku"),
                Check.references("id", "ref", "num").noFailures().named("id"),
                Check.references("qty", "ref", "code").noFailures().named("text")));
        QualityReport r = QualityEngine.evaluate(plan, sample(), 2, ctx);
        CheckResult sku = r.result("sku").orElseThrow();
        assertEquals(3, sku.failingRows());                       // N/A, "", SKU-000002
        assertEquals(List.of(2L, 3L, 4L), sku.failingRowPositions());
        assertEquals(List.of("N/A", "", "SKU-000002"), sku.firstFailingValues());
        CheckResult id = r.result("id").orElseThrow();
        assertEquals(1, id.failingRows());                        // 4 (2 twice is found, null is not counted)
        assertEquals(List.of("4"), id.firstFailingValues());
        assertEquals(4, r.result("text").orElseThrow().failingRows(), "integers compared as text with strings");
        assertEquals(List.of(0, 1, 2), selected(QualityEngine.failingRows(plan, sample().get(2), ctx).get("sku")));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QualityEngine.evaluate(plan, sample(), 1, CTX));
        assertTrue(e.getMessage().contains("'ref'"), e.getMessage());
    }

    @Test
    void judgesAnomaliesAgainstHistory() {
        Metric rows = new Metric.RowCount();
        List<Check> checks = List.of(
                Check.rowCount().absoluteChange().atMost(2).named("abs"),
                Check.rowCount().relativeChange().atMost(0.1).named("rel"),
                Check.rowCount().deviation(3).atMost(2).named("dev"));
        QualityPlan plan = QualityPlan.compile("t", SCHEMA, checks);
        assertEquals(1, plan.metrics().size());
        QualityReport none = QualityEngine.evaluate(plan, sample(), 1, CTX);
        for (CheckResult c : none.results()) {
            assertEquals(Outcome.PASS, c.outcome());
            assertTrue(c.message().contains("not enough history"), c.message());
        }
        EvaluationContext ctx = new EvaluationContext(CLOCK, Map.of(), Map.of(rows, List.of(100.0, 4.0, 6.0, 4.0)));
        QualityReport r = QualityEngine.evaluate(plan, sample(), 1, ctx);
        assertEquals(1, value(r, "abs"));
        assertEquals(Outcome.PASS, r.result("abs").orElseThrow().outcome());
        assertEquals(0.25, value(r, "rel"), 1e-12);
        assertEquals(Outcome.FAIL, r.result("rel").orElseThrow().outcome());
        // window 4, 6, 4: mean 14/3, sample sd sqrt(8/3 / 2)
        assertEquals(Math.abs(5 - 14.0 / 3) / Math.sqrt((4.0 / 9 + 16.0 / 9 + 4.0 / 9) / 2), value(r, "dev"), 1e-12);
        assertEquals(Outcome.PASS, r.result("dev").orElseThrow().outcome());
    }

    @Test
    void computesSchemaMismatchAndCustomMetrics() {
        CustomMetric<long[]> evenIds = new CustomMetric<>() {
            public long[] newState() {
                return new long[1];
            }

            public void update(long[] s, VectorSchemaRoot batch) {
                var v = (org.apache.arrow.vector.BigIntVector) batch.getVector("id");
                for (int i = 0; i < batch.getRowCount(); i++) {
                    if (!v.isNull(i) && v.get(i) % 2 == 0) {
                        s[0]++;
                    }
                }
            }

            public long[] merge(long[] a, long[] b) {
                return new long[] {a[0] + b[0]};
            }

            public double value(long[] s) {
                return s[0];
            }
        };
        QualityPlan plan = QualityPlan.compile("t", SCHEMA, List.of(
                Check.custom("evenIds", evenIds, "id").atMost(1).named("even"),
                Check.schema(Field.of("id", LogicalType.INT64, true), Field.of("qty", LogicalType.INT64, false),
                        Field.of("gone", LogicalType.STRING, false)).named("schema")));
        QualityReport r = QualityEngine.evaluate(plan, sample(), 3, CTX);
        assertEquals(3, value(r, "even"));
        assertEquals(2, value(r, "schema"), "qty is int32, gone is missing; required does not count");
        QualityState s = plan.newState();
        sample().forEach(s::update);
        QualityState back = QualityState.fromBytes(plan, s.toBytes());
        assertEquals(3, value(QualityEngine.report(plan, back, CTX), "even"));
    }

    @Test
    void compileReportsEveryProblemNamingCheckAndColumn() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> QualityPlan.compile("t",
                SCHEMA, List.of(Check.nulls("nope").noFailures().named("a"),
                        Check.duplicates("id", "gone").noFailures().named("b"),
                        Check.mean("sku").atLeast(0).named("c"),
                        Check.freshness("qty").within(Duration.ofHours(1)).named("d"),
                        Check.rowCount().atLeast(1).on("other").named("e"),
                        Check.pattern("sku", "[").noFailures().named("f"),
                        Check.predicate(Expr.col("missing").ge(1)).noFailures().named("g"))));
        assertEquals(7, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).contains("check 'a'") && e.problems().get(0).contains("'nope'"));
        assertTrue(e.problems().get(1).contains("check 'b'") && e.problems().get(1).contains("'gone'"));
        assertTrue(e.problems().get(2).contains("check 'c'") && e.problems().get(2).contains("'sku'"));
        assertTrue(e.problems().get(3).contains("check 'd'") && e.problems().get(3).contains("'qty'"));
        assertTrue(e.problems().get(4).contains("check 'e'") && e.problems().get(4).contains("'other'"));
        assertTrue(e.problems().get(6).contains("check 'g'") && e.problems().get(6).contains("'missing'"));
    }

    @Test
    void sharesEqualMetrics() {
        QualityPlan plan = QualityPlan.compile("t", SCHEMA, List.of(Check.nulls("qty").noFailures(),
                Check.nulls("qty").percent().atMost(1), Check.completeness("qty").atLeast(0.9),
                Check.nulls("qty").absoluteChange().atMost(3)));
        assertEquals(2, plan.metrics().size());
        assertEquals(1, plan.columns.size());
        assertEquals(Arrays.asList(4, 1), List.of(plan.checks().size(), plan.columns.size()));
    }
}
