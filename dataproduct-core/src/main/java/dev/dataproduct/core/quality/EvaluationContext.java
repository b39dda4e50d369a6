package dev.dataproduct.core.quality;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.quality.Metric;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an evaluation needs besides the data: the time ({@link Metric.Freshness} is measured
 * against {@code clock.instant()}), the datasets that {@link Metric.OrphanCount reference checks}
 * look values up in (by dataset name), and the earlier values of metrics that anomaly checks
 * compare against.
 *
 * <pre>{@code
 * EvaluationContext ctx = new EvaluationContext(Clock.systemUTC(),
 *         Map.of("customers", customers),
 *         Map.of(new Metric.RowCount(), List.of(980.0, 1010.0, 1003.0)));
 * }</pre>
 *
 * @param clock the clock that gives "now"
 * @param references datasets by name, for reference checks
 * @param history earlier values of each metric, oldest first, for anomaly checks
 */
public record EvaluationContext(Clock clock, Map<String, Dataset> references, Map<Metric, List<Double>> history) {

    /** Validates and copies the components. */
    public EvaluationContext {
        Objects.requireNonNull(clock, "clock");
        references = Map.copyOf(references);
        Map<Metric, List<Double>> h = new java.util.HashMap<>();
        history.forEach((k, v) -> h.put(k, List.copyOf(v)));
        history = Map.copyOf(h);
    }

    /**
     * @param clock the clock that gives "now"
     * @return a context with no reference datasets and no history
     */
    public static EvaluationContext of(Clock clock) {
        return new EvaluationContext(clock, Map.of(), Map.of());
    }
}
