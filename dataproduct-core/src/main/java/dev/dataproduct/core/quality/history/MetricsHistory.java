package dev.dataproduct.core.quality.history;

import dev.dataproduct.api.quality.Metric;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The recorded metric values of products' datasets across runs, by product address, dataset,
 * product version and time. Anomaly checks read their history from it:
 *
 * <pre>{@code
 * Map<Metric, List<Double>> past = history.series(product, "purchases", plan.metrics(), 30);
 * QualityReport report = QualityEngine.evaluate(plan, dataset, new EvaluationContext(clock, Map.of(), past));
 * history.record(HistoryEntry.of(product, "1.2.0", clock.instant(), report));
 * }</pre>
 *
 * <p>Implementations are safe for use by several threads.
 */
public interface MetricsHistory {

    /**
     * Records the values of one run.
     *
     * @param entry the values
     * @throws java.io.UncheckedIOException if a store cannot write
     */
    void record(HistoryEntry entry);

    /**
     * @param product a product's address
     * @param dataset one of its datasets
     * @return the entries of that dataset, of every version, oldest first ({@link HistoryEntry#at()};
     *     entries of the same instant in the order recorded)
     * @throws java.io.UncheckedIOException if a store cannot read
     */
    List<HistoryEntry> entries(String product, String dataset);

    /**
     * The latest values of some metrics, as an {@link dev.dataproduct.core.quality.EvaluationContext}
     * takes them. Entries that lack a metric do not count toward its window.
     *
     * @param product a product's address
     * @param dataset one of its datasets
     * @param metrics the metrics wanted
     * @param window the most values per metric, at least 1
     * @return for every metric asked for, its at most {@code window} latest values, oldest first
     *     (empty if none was recorded)
     * @throws IllegalArgumentException if the window is below 1
     */
    default Map<Metric, List<Double>> series(String product, String dataset, Collection<Metric> metrics, int window) {
        Objects.requireNonNull(metrics, "metrics");
        if (window < 1) {
            throw new IllegalArgumentException("a window must be at least 1 value, not " + window);
        }
        List<HistoryEntry> entries = entries(product, dataset);
        Map<Metric, List<Double>> out = new LinkedHashMap<>();
        for (Metric m : metrics) {
            String key = m.describe();
            Deque<Double> latest = new ArrayDeque<>(window);
            for (HistoryEntry e : entries) {
                Double v = e.metrics().get(key);
                if (v != null) {
                    if (latest.size() == window) {
                        latest.removeFirst();
                    }
                    latest.addLast(v);
                }
            }
            out.put(m, List.copyOf(latest));
        }
        return Collections.unmodifiableMap(out);
    }
}
