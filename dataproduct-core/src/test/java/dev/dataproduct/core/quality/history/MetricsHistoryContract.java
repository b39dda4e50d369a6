package dev.dataproduct.core.quality.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dataproduct.api.quality.Metric;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every metrics history does; each store's test extends it. */
abstract class MetricsHistoryContract {
    static final String PRODUCT = "urn:dataproduct:retail:purchases";
    static final Metric ROWS = new Metric.RowCount();
    static final Metric NULLS = new Metric.NullCount("email");

    /** @return an empty history */
    abstract MetricsHistory history();

    static HistoryEntry entry(String dataset, String version, long second, double rows, Double nulls) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rowCount", rows);
        if (nulls != null) {
            m.put("nullCount(email)", nulls);
        }
        return new HistoryEntry(PRODUCT, dataset, version, Instant.ofEpochSecond(second), m);
    }

    @Test
    void givesEntriesOldestFirstWhateverTheOrderOfRecording() {
        MetricsHistory h = history();
        h.record(entry("purchases", "1.1.0", 300, 3, null));
        h.record(entry("purchases", "1.0.0", 100, 1, null));
        h.record(entry("purchases", "1.0.0", 200, 2, null));
        h.record(entry("purchases", "1.1.0", 200, 2.5, null)); // same instant: after the one recorded before
        List<HistoryEntry> entries = h.entries(PRODUCT, "purchases");
        assertEquals(List.of(1.0, 2.0, 2.5, 3.0), entries.stream().map(e -> e.metrics().get("rowCount")).toList());
        assertEquals(List.of("1.0.0", "1.0.0", "1.1.0", "1.1.0"), entries.stream().map(HistoryEntry::version).toList());
        assertEquals(entry("purchases", "1.1.0", 300, 3, null), entries.get(3));
    }

    @Test
    void keepsProductsAndDatasetsApart() {
        MetricsHistory h = history();
        h.record(entry("purchases", "1.0.0", 1, 10, null));
        h.record(entry("returns", "1.0.0", 2, 20, null));
        h.record(new HistoryEntry("urn:dataproduct:retail:other", "purchases", "1.0.0", Instant.ofEpochSecond(3),
                Map.of("rowCount", 30.0)));
        assertEquals(1, h.entries(PRODUCT, "purchases").size());
        assertEquals(20.0, h.entries(PRODUCT, "returns").get(0).metrics().get("rowCount"));
        assertEquals(30.0, h.entries("urn:dataproduct:retail:other", "purchases").get(0).value(ROWS).orElseThrow());
        assertEquals(List.of(), h.entries(PRODUCT, "nothing"));
        assertEquals(List.of(), h.entries("urn:dataproduct:retail:none", "purchases"));
    }

    @Test
    void givesAtMostTheWindowOfLatestValuesPerMetricOldestFirst() {
        MetricsHistory h = history();
        for (int i = 1; i <= 6; i++) {
            h.record(entry("purchases", "1.0.0", i, i * 10, i % 2 == 0 ? (double) i : null));
        }
        Map<Metric, List<Double>> s = h.series(PRODUCT, "purchases", List.of(ROWS, NULLS, new Metric.NullCount("x")), 3);
        assertEquals(List.of(40.0, 50.0, 60.0), s.get(ROWS));
        // entries without the metric do not use up its window
        assertEquals(List.of(2.0, 4.0, 6.0), s.get(NULLS));
        assertEquals(List.of(), s.get(new Metric.NullCount("x")));
        assertEquals(List.of(10.0, 20.0, 30.0, 40.0, 50.0, 60.0), h.series(PRODUCT, "purchases", List.of(ROWS), 100)
                .get(ROWS));
        assertEquals(List.of(60.0), h.series(PRODUCT, "purchases", List.of(ROWS), 1).get(ROWS));
    }

    @Test
    void refusesAWindowBelowOne() {
        MetricsHistory h = history();
        assertThrows(IllegalArgumentException.class, () -> h.series(PRODUCT, "purchases", List.of(ROWS), 0));
    }
}
