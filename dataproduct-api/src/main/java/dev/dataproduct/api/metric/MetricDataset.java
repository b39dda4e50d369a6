package dev.dataproduct.api.metric;

import java.util.Objects;

/**
 * A dataset a metric product publishes: the answer to one query, refreshed at each run and served
 * by the product's ports like any dataset.
 *
 * @param name the dataset's name
 * @param query the metrics by dimensions it holds
 */
public record MetricDataset(String name, MetricQuery query) {

    /** Validates the components. */
    public MetricDataset {
        Names.check(name, "dataset");
        Objects.requireNonNull(query, "query");
    }

    /**
     * @param name the dataset's name
     * @param query what it holds
     * @return the dataset
     */
    public static MetricDataset of(String name, MetricQuery query) {
        return new MetricDataset(name, query);
    }
}
