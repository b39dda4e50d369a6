package dev.dataproduct.api.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.expr.Expr;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SemanticModelTest {

    private static SemanticModel.Builder sales() {
        return SemanticModel.builder("sales", "purchases")
                .entity(Entity.foreign("customer", "customer_id"))
                .dimension(Dimension.categorical("region"), Dimension.time("ordered_at"))
                .measure(Measure.sum("revenue", Expr.col("total")), Measure.count("purchases"));
    }

    private static List<String> problems(SemanticModel.Builder b) {
        return assertThrows(InvalidDefinitionException.class, b::build).problems();
    }

    @Test
    void buildsAModelWithEveryKindOfMetric() {
        SemanticModel m = sales()
                .metric(Metric.simple("gross_revenue", "revenue"), Metric.simple("orders", "purchases"),
                        Metric.ratio("aov", "gross_revenue", "orders"),
                        Metric.derived("growth", Expr.col("gross_revenue").minus(Expr.col("previous")),
                                MetricInput.of("gross_revenue"),
                                MetricInput.offset("gross_revenue", "previous", TimeWindow.of(1, TimeGrain.MONTH))),
                        Metric.cumulative("revenue_ytd", "revenue").toDate(TimeGrain.YEAR))
                .build();
        assertEquals(Optional.of("ordered_at"), m.timeDimension());
        assertTrue(m.needsTime("growth"));
        assertTrue(m.needsTime("revenue_ytd"));
        assertFalse(m.needsTime("aov"));
    }

    @Test
    void rejectsAMetricReadingAnUnknownMeasure() {
        List<String> p = problems(sales().metric(Metric.simple("gross_revenue", "revenu")));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("metric 'gross_revenue' reads the unknown measure 'revenu'"), p.get(0));
    }

    @Test
    void rejectsARatioOfAnUnknownMetric() {
        List<String> p = problems(sales().metric(Metric.simple("orders", "purchases"),
                Metric.ratio("aov", "gross_revenue", "orders")));
        assertTrue(p.get(0).contains("reads the unknown metric 'gross_revenue'"), p.toString());
    }

    @Test
    void rejectsDerivedMetricsReadingEachOtherInACycle() {
        List<String> p = problems(sales().metric(
                Metric.derived("a", Expr.col("b").plus(1), MetricInput.of("b")),
                Metric.derived("b", Expr.col("c").plus(1), MetricInput.of("c")),
                Metric.ratio("c", "a", "a")));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("a reads b reads c reads a"), p.get(0));
    }

    @Test
    void rejectsAnOffsetInAModelWithoutATimeDimension() {
        List<String> p = problems(SemanticModel.builder("s", "d")
                .dimension(Dimension.categorical("region"))
                .measure(Measure.count("rows"))
                .metric(Metric.simple("n", "rows"),
                        Metric.derived("prev", Expr.col("p"), MetricInput.offset("n", "p", TimeWindow.of(1, TimeGrain.DAY))),
                        Metric.cumulative("total", "rows")));
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).contains("shifts 'n' by 1 day, which needs a time dimension, but the model has none"), p.get(0));
        assertTrue(p.get(1).contains("metric 'total' is cumulative, which needs a time dimension"), p.get(1));
    }

    @Test
    void asksToNameTheTimeDimensionWhenThereAreSeveral() {
        List<String> p = problems(sales().dimension(Dimension.time("shipped_at"))
                .metric(Metric.cumulative("total", "revenue")));
        assertTrue(p.get(0).contains("has several [ordered_at, shipped_at]; name one with timeDimension"), p.toString());
        SemanticModel ok = sales().dimension(Dimension.time("shipped_at")).timeDimension("shipped_at")
                .metric(Metric.cumulative("total", "revenue")).build();
        assertEquals(Optional.of("shipped_at"), ok.timeDimension());
    }

    @Test
    void rejectsADerivedExpressionReadingSomethingOtherThanItsInputs() {
        List<String> p = problems(sales().metric(Metric.simple("orders", "purchases"),
                Metric.derived("d", Expr.col("orders").plus(Expr.col("total")), MetricInput.of("orders"))));
        assertTrue(p.get(0).contains("reads 'total', which is not one of its inputs"), p.toString());
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<String> p = problems(sales().measure(Measure.count("purchases"))
                .metric(Metric.simple("region", "purchases"), Metric.simple("x", "nope")));
        assertEquals(3, p.size(), p.toString());
    }

    @Test
    void truncatesDaysToIsoWeeksMonthsQuartersAndYears() {
        LocalDate d = LocalDate.of(2025, 8, 17); // a Sunday
        assertEquals(LocalDate.of(2025, 8, 11), TimeGrain.WEEK.truncate(d));
        assertEquals(LocalDate.of(2025, 8, 1), TimeGrain.MONTH.truncate(d));
        assertEquals(LocalDate.of(2025, 7, 1), TimeGrain.QUARTER.truncate(d));
        assertEquals(LocalDate.of(2025, 1, 1), TimeGrain.YEAR.truncate(d));
        assertEquals(LocalDate.of(2025, 2, 28), TimeGrain.MONTH.plus(LocalDate.of(2025, 3, 31), -1));
    }

    @Test
    void parsesGroupsWithAGrain() {
        assertEquals(new GroupBy("ordered_at", Optional.of(TimeGrain.MONTH)), GroupBy.parse("ordered_at__month"));
        assertEquals("region", GroupBy.parse("region").column());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GroupBy.parse("at__fortnight"));
        assertTrue(e.getMessage().contains("unknown grain 'fortnight'"), e.getMessage());
    }
}
