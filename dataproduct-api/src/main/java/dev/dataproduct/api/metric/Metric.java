package dev.dataproduct.api.metric;

import dev.dataproduct.api.expr.Expr;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A named business number, defined once in a {@link SemanticModel}, of one of four kinds as in
 * MetricFlow: {@link Simple simple} (one measure), {@link Ratio ratio} (one metric over another),
 * {@link Derived derived} (an expression over other metrics, each optionally shifted in time) and
 * {@link Cumulative cumulative} (a running total, a trailing window or grain-to-date).
 *
 * <p>A metric may carry a filter over the model's columns: only the rows where it is true count.
 * The filter of a ratio or derived metric applies to every measure beneath it, together with their
 * own filters.
 *
 * <p>Nulls: measures skip null values; a sum, minimum, maximum or average over no value is null and
 * a count 0. A ratio whose denominator is 0 or null is null; a derived expression follows the
 * expression model ({@code Expr}): null in, null out, division by zero null.
 *
 * <pre>{@code
 * Metric revenue = Metric.simple("gross_revenue", "revenue").describedAs("Revenue before returns.");
 * Metric aov = Metric.ratio("average_order_value", "gross_revenue", "orders");
 * Metric growth = Metric.derived("revenue_growth", Expr.col("gross_revenue").minus(Expr.col("previous")),
 *         MetricInput.of("gross_revenue"),
 *         MetricInput.offset("gross_revenue", "previous", TimeWindow.of(1, TimeGrain.MONTH)));
 * Metric ytd = Metric.cumulative("revenue_ytd", "revenue").toDate(TimeGrain.YEAR);
 * }</pre>
 */
public sealed interface Metric {

    /** @return the name queries use */
    String name();

    /** @return the rows that count, over the model's columns; empty for every row */
    Optional<Expr> filter();

    /** @return what the metric means; may be empty */
    String description();

    /**
     * @param predicate the rows that count
     * @return a copy with that filter (replacing any)
     */
    Metric where(Expr predicate);

    /**
     * @param text what the metric means
     * @return a copy with that description
     */
    Metric describedAs(String text);

    /** @return the kind in lower case, as in the YAML export ({@code simple}) */
    String kind();

    /**
     * @param name the metric's name
     * @param measure the measure it aggregates
     * @return a simple metric
     */
    static Simple simple(String name, String measure) {
        return new Simple(name, measure, Optional.empty(), "");
    }

    /**
     * @param name the metric's name
     * @param numerator the metric divided
     * @param denominator the metric it is divided by
     * @return a ratio metric
     */
    static Ratio ratio(String name, String numerator, String denominator) {
        return new Ratio(name, numerator, denominator, Optional.empty(), "");
    }

    /**
     * @param name the metric's name
     * @param expr an expression over the inputs' aliases
     * @param inputs the metrics read
     * @return a derived metric
     */
    static Derived derived(String name, Expr expr, MetricInput... inputs) {
        return new Derived(name, expr, List.of(inputs), Optional.empty(), "");
    }

    /**
     * @param name the metric's name
     * @param measure the measure accumulated
     * @return a running total from the first row to the end of each bucket
     */
    static Cumulative cumulative(String name, String measure) {
        return new Cumulative(name, measure, Optional.empty(), Optional.empty(), Optional.empty(), "");
    }

    /**
     * The aggregate of one measure in each group.
     *
     * @param name the name
     * @param measure the measure
     * @param filter the rows that count
     * @param description what it means
     */
    record Simple(String name, String measure, Optional<Expr> filter, String description) implements Metric {
        /** Validates the components. */
        public Simple {
            Names.check(name, "metric");
            Names.check(measure, "measure");
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(description, "description");
        }

        @Override
        public Simple where(Expr predicate) {
            return new Simple(name, measure, Optional.of(predicate), description);
        }

        @Override
        public String kind() {
            return "simple";
        }

        @Override
        public Simple describedAs(String text) {
            return new Simple(name, measure, filter, text);
        }
    }

    /**
     * One metric divided by another in each group, as a float64; null when the denominator is 0 or
     * null.
     *
     * @param name the name
     * @param numerator the metric divided
     * @param denominator the metric it is divided by
     * @param filter the rows that count, for both
     * @param description what it means
     */
    record Ratio(String name, String numerator, String denominator, Optional<Expr> filter, String description)
            implements Metric {
        /** Validates the components. */
        public Ratio {
            Names.check(name, "metric");
            Names.check(numerator, "metric");
            Names.check(denominator, "metric");
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(description, "description");
        }

        @Override
        public Ratio where(Expr predicate) {
            return new Ratio(name, numerator, denominator, Optional.of(predicate), description);
        }

        @Override
        public String kind() {
            return "ratio";
        }

        @Override
        public Ratio describedAs(String text) {
            return new Ratio(name, numerator, denominator, filter, text);
        }
    }

    /**
     * An expression over other metrics, as a float64; an input with an offset takes its value from
     * an earlier bucket (which needs the query to group by the model's time dimension).
     *
     * @param name the name
     * @param expr the expression, over the inputs' aliases
     * @param inputs the metrics read, at least one
     * @param filter the rows that count, for every input
     * @param description what it means
     */
    record Derived(String name, Expr expr, List<MetricInput> inputs, Optional<Expr> filter, String description)
            implements Metric {
        /** Validates the components. */
        public Derived {
            Names.check(name, "metric");
            Objects.requireNonNull(expr, "expr");
            inputs = List.copyOf(inputs);
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException("the derived metric '" + name + "' reads no metric");
            }
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(description, "description");
        }

        @Override
        public Derived where(Expr predicate) {
            return new Derived(name, expr, inputs, Optional.of(predicate), description);
        }

        @Override
        public String kind() {
            return "derived";
        }

        @Override
        public Derived describedAs(String text) {
            return new Derived(name, expr, inputs, filter, text);
        }
    }

    /**
     * A measure accumulated over time up to the end of each bucket of the query's grain: from the
     * first row (a running total), over a trailing window ending there, or from the start of the
     * bucket's period of a coarser grain (grain-to-date, such as year-to-date). Needs the query to
     * group by the model's time dimension.
     *
     * @param name the name
     * @param measure the measure accumulated
     * @param window the trailing window; empty for a running total or grain-to-date
     * @param grainToDate the grain of the period the total restarts at; empty for a running total or window
     * @param filter the rows that count
     * @param description what it means
     */
    record Cumulative(String name, String measure, Optional<TimeWindow> window, Optional<TimeGrain> grainToDate,
                      Optional<Expr> filter, String description) implements Metric {
        /** Validates the components. */
        public Cumulative {
            Names.check(name, "metric");
            Names.check(measure, "measure");
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(grainToDate, "grainToDate");
            if (window.isPresent() && grainToDate.isPresent()) {
                throw new IllegalArgumentException("the cumulative metric '" + name
                        + "' has both a window and a grain-to-date: choose one");
            }
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(description, "description");
        }

        /**
         * @param span the trailing window
         * @return a copy accumulating over that window only
         */
        public Cumulative trailing(TimeWindow span) {
            return new Cumulative(name, measure, Optional.of(span), Optional.empty(), filter, description);
        }

        /**
         * @param grain the period the total restarts at
         * @return a copy accumulating from the start of each period of that grain
         */
        public Cumulative toDate(TimeGrain grain) {
            return new Cumulative(name, measure, Optional.empty(), Optional.of(grain), filter, description);
        }

        @Override
        public Cumulative where(Expr predicate) {
            return new Cumulative(name, measure, window, grainToDate, Optional.of(predicate), description);
        }

        @Override
        public String kind() {
            return "cumulative";
        }

        @Override
        public Cumulative describedAs(String text) {
            return new Cumulative(name, measure, window, grainToDate, filter, text);
        }
    }
}
