package dev.dataproduct.api.metric;

import java.util.Objects;
import java.util.Optional;

/**
 * A metric read by a derived metric, under an alias its expression uses, optionally shifted back
 * in time: with an offset of one month, the value for March is the input's value for February.
 *
 * @param metric the metric read
 * @param alias the column name the derived expression uses for it (the metric's name by default)
 * @param offset how far back in time the value is taken; empty for the same bucket
 */
public record MetricInput(String metric, String alias, Optional<TimeWindow> offset) {

    /** Validates the components. */
    public MetricInput {
        Names.check(metric, "metric");
        Names.check(alias, "alias");
        Objects.requireNonNull(offset, "offset");
    }

    /**
     * @param metric the metric read, under its own name
     * @return the input
     */
    public static MetricInput of(String metric) {
        return new MetricInput(metric, metric, Optional.empty());
    }

    /**
     * @param metric the metric read
     * @param alias the name the expression uses
     * @param offset how far back
     * @return the input, shifted back in time
     */
    public static MetricInput offset(String metric, String alias, TimeWindow offset) {
        return new MetricInput(metric, alias, Optional.of(offset));
    }
}
