package dev.dataproduct.api.metric;

import dev.dataproduct.api.expr.Expr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Metrics by dimensions at a grain, over the rows a filter selects.
 *
 * <pre>{@code
 * MetricQuery q = MetricQuery.of("gross_revenue", "average_order_value")
 *     .by("region").by("ordered_at", TimeGrain.MONTH)
 *     .where(Expr.col("channel").eq("web"))
 *     .build();
 * }</pre>
 *
 * <p>The answer has one row per group of the selected rows (a group every metric may be null or 0
 * in, when its own filter keeps none of them), ordered by the groups' values, ascending, nulls
 * last; columns are the groups' ({@link GroupBy#column()}: the categorical ones in the order asked,
 * then the model's time dimension) then the metrics', in the order asked. Rows are ordered the same
 * way.
 *
 * @param metrics the metrics, at least one, each once
 * @param groupBy the dimensions grouped by, each once; empty for one row over everything
 * @param filter the rows queried, over the model's columns (before any metric's own filter)
 */
public record MetricQuery(List<String> metrics, List<GroupBy> groupBy, Optional<Expr> filter) {

    /** Validates and copies the components. */
    public MetricQuery {
        metrics = List.copyOf(metrics);
        groupBy = List.copyOf(groupBy);
        Objects.requireNonNull(filter, "filter");
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("a metric query asks for at least one metric");
        }
        if (new LinkedHashSet<>(metrics).size() != metrics.size()) {
            throw new IllegalArgumentException("a metric query asks for a metric twice: " + metrics);
        }
        if (groupBy.stream().map(GroupBy::dimension).distinct().count() != groupBy.size()) {
            throw new IllegalArgumentException("a metric query groups by a dimension twice: " + groupBy);
        }
    }

    /**
     * @param metrics the metrics asked for
     * @return a builder
     */
    public static Builder of(String... metrics) {
        return new Builder(List.of(metrics));
    }

    /** A builder of a query. */
    public static final class Builder {
        private final List<String> metrics;
        private final List<GroupBy> groupBy = new ArrayList<>();
        private Expr filter;

        private Builder(List<String> metrics) {
            this.metrics = metrics;
        }

        /**
         * @param dimension a categorical dimension, or {@code dimension__grain}
         * @return this builder
         */
        public Builder by(String dimension) {
            groupBy.add(GroupBy.parse(dimension));
            return this;
        }

        /**
         * @param dimension a time dimension
         * @param grain its grain
         * @return this builder
         */
        public Builder by(String dimension, TimeGrain grain) {
            groupBy.add(new GroupBy(dimension, Optional.of(grain)));
            return this;
        }

        /**
         * @param predicate the rows queried (combined with AND when called again)
         * @return this builder
         */
        public Builder where(Expr predicate) {
            filter = filter == null ? predicate : filter.and(predicate);
            return this;
        }

        /** @return the query */
        public MetricQuery build() {
            return new MetricQuery(metrics, groupBy, Optional.ofNullable(filter));
        }
    }
}
