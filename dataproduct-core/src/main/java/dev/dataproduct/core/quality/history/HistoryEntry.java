package dev.dataproduct.core.quality.history;

import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.core.quality.CheckResult;
import dev.dataproduct.core.quality.QualityReport;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The metric values of one dataset of one run of a product.
 *
 * @param product the product's address, such as {@code urn:dataproduct:retail:purchases}
 * @param dataset the dataset measured
 * @param version the product version that ran, such as {@code 1.2.0}
 * @param at when the run measured the values
 * @param metrics the values by {@link Metric#describe() metric description}, such as
 *     {@code nullCount(customer_id)}; every value finite
 */
public record HistoryEntry(String product, String dataset, String version, Instant at, Map<String, Double> metrics) {

    /**
     * Validates and copies the components, keeping the order of the metrics.
     *
     * @throws IllegalArgumentException if the product or dataset is blank, or a value is not finite
     */
    public HistoryEntry {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(metrics, "metrics");
        if (product.isBlank() || dataset.isBlank()) {
            throw new IllegalArgumentException("a history entry needs a product and a dataset, not '" + product
                    + "' and '" + dataset + "'");
        }
        Map<String, Double> copy = new LinkedHashMap<>();
        metrics.forEach((k, v) -> {
            Objects.requireNonNull(k, "metric key");
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalArgumentException("metric '" + k + "' of " + product + "/" + dataset + " at " + at
                        + " must have a finite value, not " + v);
            }
            copy.put(k, v);
        });
        metrics = Collections.unmodifiableMap(copy);
    }

    /**
     * The metric values of a quality report: each check gives the value of its metric itself
     * ({@link CheckResult#metricValue()}: a count, not a percentage; the metric, not its movement),
     * the number an {@link dev.dataproduct.core.quality.EvaluationContext} expects. Undefined (NaN)
     * values are not recorded.
     *
     * @param product the product's address
     * @param version the product version that ran
     * @param at when the values were measured
     * @param report the report of one dataset
     * @return the entry, on the report's dataset
     */
    public static HistoryEntry of(String product, String version, Instant at, QualityReport report) {
        Objects.requireNonNull(report, "report");
        Map<String, Double> values = new LinkedHashMap<>();
        for (CheckResult r : report.results()) {
            double value = r.metricValue();
            if (Double.isFinite(value)) {
                values.putIfAbsent(r.check().metric().describe(), value);
            }
        }
        return new HistoryEntry(product, report.dataset(), version, at, values);
    }

    /**
     * @param metric a metric
     * @return its value in this entry
     */
    public Optional<Double> value(Metric metric) {
        return Optional.ofNullable(metrics.get(metric.describe()));
    }
}
