package dev.dataproduct.core.quality.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.api.quality.Outcome;
import dev.dataproduct.core.quality.CheckResult;
import dev.dataproduct.core.quality.QualityReport;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HistoryEntryTest {
    private static final Instant AT = Instant.parse("2025-03-01T06:00:00Z");

    private static CheckResult result(Check check, double value, double metricValue) {
        return new CheckResult(check, value, Outcome.PASS, 0, List.of(), List.of(), List.of(), "", metricValue);
    }

    @Test
    void recordsTheMetricValueOfEachCheckOfAReport() {
        QualityReport report = new QualityReport("purchases", 2000, List.of(
                result(Check.rowCount().atLeast(1), 2000, 2000),
                result(Check.nulls("email").percent().atMost(5), 1.5, 30), // 1.5 % judged, 30 rows measured
                result(Check.nulls("email").atMost(100), 30, 30),          // the same metric: recorded once
                result(Check.mean("quantity").recorded(), 3.25, 3.25),
                result(Check.rowCount().relativeChange().atMost(0.1), 0.05, 2000), // the metric, not the movement
                result(Check.approxDistinct("customer_id").deviation(5).atMost(3), 1.2, 812),
                result(Check.max("quantity").recorded(), Double.NaN, Double.NaN)));
        HistoryEntry e = HistoryEntry.of("urn:dataproduct:retail:purchases", "1.2.0", AT, report);
        assertEquals("purchases", e.dataset());
        assertEquals("1.2.0", e.version());
        assertEquals(AT, e.at());
        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("rowCount", 2000.0);
        expected.put("nullCount(email)", 30.0);
        expected.put("mean(quantity)", 3.25);
        expected.put("approxDistinct(customer_id)", 812.0);
        assertEquals(expected, e.metrics());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(e.metrics().keySet()));
        assertEquals(Optional.of(30.0), e.value(new Metric.NullCount("email")));
        assertEquals(Optional.of(812.0), e.value(new Metric.ApproxDistinct("customer_id")));
        assertEquals(Optional.empty(), e.value(new Metric.Stat("quantity", Metric.Statistic.MAX)));
    }

    @Test
    void recordsCountsOfAnEmptyReport() {
        QualityReport report = new QualityReport("purchases", 0, List.of(
                result(Check.nulls("email").percent().atMost(5), 0, 0), result(Check.rowCount().atLeast(0), 0, 0)));
        assertEquals(Map.of("nullCount(email)", 0.0, "rowCount", 0.0), HistoryEntry.of("p", "1", AT, report).metrics());
    }

    @Test
    void refusesValuesThatAreNotFiniteAndBlankNames() {
        assertThrows(IllegalArgumentException.class,
                () -> new HistoryEntry("p", "d", "1", AT, Map.of("rowCount", Double.NaN)));
        assertThrows(IllegalArgumentException.class,
                () -> new HistoryEntry("p", "d", "1", AT, Map.of("rowCount", Double.POSITIVE_INFINITY)));
        assertThrows(IllegalArgumentException.class, () -> new HistoryEntry(" ", "d", "1", AT, Map.of()));
        assertThrows(NullPointerException.class, () -> new HistoryEntry("p", "d", "1", null, Map.of()));
    }
}
