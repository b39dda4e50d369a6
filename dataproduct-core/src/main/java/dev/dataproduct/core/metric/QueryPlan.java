package dev.dataproduct.core.metric;

import dev.dataproduct.api.error.InvalidRequestException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.metric.Aggregation;
import dev.dataproduct.api.metric.Dimension;
import dev.dataproduct.api.metric.GroupBy;
import dev.dataproduct.api.metric.Measure;
import dev.dataproduct.api.metric.Metric;
import dev.dataproduct.api.metric.MetricInput;
import dev.dataproduct.api.metric.MetricQuery;
import dev.dataproduct.api.metric.SemanticModel;
import dev.dataproduct.api.metric.TimeGrain;
import dev.dataproduct.api.schema.LogicalType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A query checked against its model: the groups (categorical ones, then the time axis if the query
 * groups by the model's time dimension), the leaves to aggregate, and the grain rows are bucketed
 * at while scanning (days when a metric looks at other buckets than its own).
 */
final class QueryPlan {
    final SemanticModel model;
    final MetricQuery query;
    /** The groups other than the time axis, in query order. */
    final List<GroupBy> keys = new ArrayList<>();
    final List<Dimension> keyDimensions = new ArrayList<>();
    /** The group by the model's time dimension, if any. */
    final Optional<GroupBy> axis;
    final Optional<Dimension> axisDimension;
    final Map<Leaf, Integer> leaves = new LinkedHashMap<>();
    final TimeGrain scanGrain;

    private QueryPlan(SemanticModel model, MetricQuery query, Optional<GroupBy> axis, TimeGrain scanGrain) {
        this.model = model;
        this.query = query;
        this.axis = axis;
        this.axisDimension = axis.flatMap(a -> model.dimension(a.dimension()));
        this.scanGrain = scanGrain;
    }

    static QueryPlan of(SemanticModel model, MetricQuery query) {
        List<String> problems = new ArrayList<>();
        for (String m : query.metrics()) {
            if (model.metric(m).isEmpty()) {
                problems.add("unknown metric '" + m + "'; metrics of model '" + model.name() + "': "
                        + model.metrics().stream().map(Metric::name).toList());
            }
        }
        GroupBy axis = null;
        List<GroupBy> keys = new ArrayList<>();
        for (GroupBy g : query.groupBy()) {
            Optional<Dimension> d = model.dimension(g.dimension());
            if (d.isEmpty()) {
                problems.add("unknown dimension '" + g.dimension() + "'; dimensions of model '" + model.name() + "': "
                        + model.dimensions().stream().map(Dimension::name).toList());
            } else if (d.get().type() == Dimension.Type.TIME && g.grain().isEmpty()) {
                problems.add("the time dimension '" + g.dimension() + "' needs a grain: group by "
                        + g.dimension() + "__day, __week, __month, __quarter or __year");
            } else if (d.get().type() == Dimension.Type.CATEGORICAL && g.grain().isPresent()) {
                problems.add("the dimension '" + g.dimension() + "' is categorical and has no grain: group by '"
                        + g.dimension() + "'");
            } else if (model.timeDimension().equals(Optional.of(g.dimension()))) {
                axis = g;
            } else {
                keys.add(g);
            }
        }
        boolean shifts = false;
        if (problems.isEmpty()) {
            for (String m : query.metrics()) {
                shifts |= checkTime(model, m, axis, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("The metric query " + describe(query) + " cannot be answered: "
                    + String.join("; ", problems));
        }
        TimeGrain scan = axis == null ? TimeGrain.DAY : shifts ? TimeGrain.DAY : axis.grain().orElseThrow();
        QueryPlan plan = new QueryPlan(model, query, Optional.ofNullable(axis), scan);
        for (GroupBy k : keys) {
            plan.keys.add(k);
            plan.keyDimensions.add(model.dimension(k.dimension()).orElseThrow());
        }
        for (String m : query.metrics()) {
            plan.collect(m, Optional.empty());
        }
        return plan;
    }

    static String describe(MetricQuery q) {
        return q.metrics() + (q.groupBy().isEmpty() ? "" : " by " + q.groupBy());
    }

    /** @return whether the metric looks at buckets other than its own; adds what is wrong */
    private static boolean checkTime(SemanticModel model, String name, GroupBy axis, List<String> problems) {
        Metric m = model.metric(name).orElseThrow();
        if (!model.needsTime(name)) {
            return false;
        }
        String time = model.timeDimension().orElseThrow();
        if (axis == null) {
            problems.add("the metric '" + name + "' accumulates or shifts along '" + time + "': group by " + time
                    + "__<grain>");
            return true;
        }
        TimeGrain grain = axis.grain().orElseThrow();
        if (m instanceof Metric.Cumulative c && c.grainToDate().isPresent() && !grain.divides(c.grainToDate().get())) {
            problems.add("the metric '" + name + "' restarts every " + c.grainToDate().get().label()
                    + ", which is not a whole number of " + grain.label() + "s: group by a finer grain");
        }
        if (m instanceof Metric.Derived d) {
            for (MetricInput in : d.inputs()) {
                if (in.offset().isPresent() && !in.offset().get().isWholeNumberOf(grain)) {
                    problems.add("the metric '" + name + "' shifts '" + in.metric() + "' by " + in.offset().get()
                            + ", which is not a whole number of " + grain.label() + "s: group by a finer grain");
                }
                checkTime(model, in.metric(), axis, problems);
            }
        }
        if (m instanceof Metric.Ratio r) {
            checkTime(model, r.numerator(), axis, problems);
            checkTime(model, r.denominator(), axis, problems);
        }
        return true;
    }

    private void collect(String name, Optional<Expr> inherited) {
        Metric m = model.metric(name).orElseThrow();
        Optional<Expr> filter = and(inherited, m.filter());
        if (m instanceof Metric.Simple s) {
            leaf(s.measure(), filter);
        } else if (m instanceof Metric.Cumulative c) {
            leaf(c.measure(), filter);
        } else if (m instanceof Metric.Ratio r) {
            collect(r.numerator(), filter);
            collect(r.denominator(), filter);
        } else if (m instanceof Metric.Derived d) {
            for (MetricInput in : d.inputs()) {
                collect(in.metric(), filter);
            }
        }
    }

    Leaf leaf(String measure, Optional<Expr> filter) {
        Leaf l = new Leaf(model.measure(measure).orElseThrow(), filter);
        leaves.putIfAbsent(l, leaves.size());
        return l;
    }

    static Optional<Expr> and(Optional<Expr> a, Optional<Expr> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() || a.equals(b) ? a : Optional.of(a.get().and(b.get()));
    }

    /** @return every column the scan reads: dimensions, measures and filters (not the query's filter) */
    Set<String> columns() {
        Set<String> out = new LinkedHashSet<>();
        keyDimensions.forEach(d -> out.addAll(d.expr().columns()));
        axisDimension.ifPresent(d -> out.addAll(d.expr().columns()));
        for (Leaf l : leaves.keySet()) {
            out.addAll(l.measure().expr().columns());
            l.filter().ifPresent(f -> out.addAll(f.columns()));
        }
        return out;
    }

    /**
     * @param model a model
     * @param metric one of its metrics
     * @return the type of its values in results: int64 for counts, float64 otherwise
     */
    static LogicalType typeOf(SemanticModel model, String metric) {
        Metric m = model.metric(metric).orElseThrow(() -> new IllegalArgumentException("no metric '" + metric + "'"));
        String measure = m instanceof Metric.Simple s ? s.measure()
                : m instanceof Metric.Cumulative c ? c.measure() : null;
        if (measure == null) {
            return LogicalType.FLOAT64;
        }
        Aggregation a = model.measure(measure).map(Measure::aggregation).orElseThrow();
        return a.isCount() ? LogicalType.INT64 : LogicalType.FLOAT64;
    }
}
