package dev.dataproduct.api.metric;

import dev.dataproduct.api.error.InvalidDefinitionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The metric definitions over one dataset, in one place: its entities (keys named by conformed
 * key), dimensions, measures and metrics. Every consumer, port and published dataset computes a
 * metric from this one definition.
 *
 * <pre>{@code
 * SemanticModel sales = SemanticModel.builder("sales", "purchases")
 *     .entity(Entity.primary("purchase", "purchase_id"))
 *     .entity(Entity.foreign("customer", "customer_id"))
 *     .dimension(Dimension.categorical("region"))
 *     .dimension(Dimension.time("purchased_at"))
 *     .measure(Measure.sum("revenue", Expr.col("total")))
 *     .measure(Measure.count("purchases"))
 *     .metric(Metric.simple("gross_revenue", "revenue").describedAs("Revenue before returns."))
 *     .metric(Metric.simple("orders", "purchases"))
 *     .metric(Metric.ratio("average_order_value", "gross_revenue", "orders"))
 *     .build();
 * }</pre>
 *
 * <p>The time dimension that cumulative metrics accumulate over and offsets shift along is the
 * model's only time dimension, or the one named with {@link Builder#timeDimension(String)}.
 *
 * @param name the model's name
 * @param dataset the dataset the model is over: an input of the product or one of its outputs
 * @param description what the model covers; may be empty
 * @param entities its keys
 * @param dimensions what metrics are grouped by
 * @param measures the aggregations metrics are built from
 * @param metrics the metrics
 * @param timeDimension the time dimension of cumulative metrics and offsets, if the model has one
 * @param joins other datasets whose columns serve dimensions, joined through an entity
 */
public record SemanticModel(String name, String dataset, String description, List<Entity> entities,
                            List<Dimension> dimensions, List<Measure> measures, List<Metric> metrics,
                            Optional<String> timeDimension, List<DimensionJoin> joins) {

    /** Copies the components; {@link Builder#build()} validates the whole. */
    public SemanticModel {
        Names.check(name, "model");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(description, "description");
        entities = List.copyOf(entities);
        dimensions = List.copyOf(dimensions);
        measures = List.copyOf(measures);
        metrics = List.copyOf(metrics);
        Objects.requireNonNull(timeDimension, "timeDimension");
        joins = List.copyOf(joins);
    }

    /**
     * @param name the model's name
     * @param dataset the dataset it is over
     * @return a builder
     */
    public static Builder builder(String name, String dataset) {
        return new Builder(name, dataset);
    }

    /** @param name a metric's name @return the metric */
    public Optional<Metric> metric(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** @param name a measure's name @return the measure */
    public Optional<Measure> measure(String name) {
        return measures.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** @param name a dimension's name @return the dimension */
    public Optional<Dimension> dimension(String name) {
        return dimensions.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /**
     * @param metric a metric's name
     * @return whether it, or a metric it reads, is cumulative or shifts an input in time, so that a
     *     query needs to group by the model's time dimension
     */
    public boolean needsTime(String metric) {
        Metric m = metric(metric).orElseThrow(() -> new IllegalArgumentException("no metric '" + metric + "'"));
        return switch (m.kind()) {
            case "cumulative" -> true;
            case "ratio" -> needsTime(((Metric.Ratio) m).numerator()) || needsTime(((Metric.Ratio) m).denominator());
            case "derived" -> ((Metric.Derived) m).inputs().stream()
                    .anyMatch(i -> i.offset().isPresent() || needsTime(i.metric()));
            default -> false;
        };
    }

    /** A builder of a model; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private final String name;
        private final String dataset;
        private String description = "";
        private final List<Entity> entities = new ArrayList<>();
        private final List<Dimension> dimensions = new ArrayList<>();
        private final List<Measure> measures = new ArrayList<>();
        private final List<Metric> metrics = new ArrayList<>();
        private String timeDimension;
        private final List<DimensionJoin> joins = new ArrayList<>();

        private Builder(String name, String dataset) {
            this.name = name;
            this.dataset = dataset;
        }

        /** @param text what the model covers @return this builder */
        public Builder description(String text) {
            description = Objects.requireNonNull(text, "text");
            return this;
        }

        /** @param values keys of the rows @return this builder */
        public Builder entity(Entity... values) {
            entities.addAll(Arrays.asList(values));
            return this;
        }

        /** @param values dimensions @return this builder */
        public Builder dimension(Dimension... values) {
            dimensions.addAll(Arrays.asList(values));
            return this;
        }

        /** @param values measures @return this builder */
        public Builder measure(Measure... values) {
            measures.addAll(Arrays.asList(values));
            return this;
        }

        /** @param values metrics @return this builder */
        public Builder metric(Metric... values) {
            metrics.addAll(Arrays.asList(values));
            return this;
        }

        /**
         * Joins another dataset whose columns serve dimensions, through one of the model's entities.
         *
         * @param join the dataset, the entity and its key column there
         * @return this builder
         */
        public Builder join(DimensionJoin join) {
            joins.add(Objects.requireNonNull(join, "join"));
            return this;
        }

        /**
         * @param dimension the time dimension cumulative metrics and offsets use, when the model has
         *     more than one
         * @return this builder
         */
        public Builder timeDimension(String dimension) {
            timeDimension = Objects.requireNonNull(dimension, "dimension");
            return this;
        }

        /**
         * @return the model
         * @throws InvalidDefinitionException with every problem: names used twice, a metric reading
         *     an unknown measure or metric, a derived expression reading a column that is not one of
         *     its inputs, metrics reading each other in a cycle, a cumulative metric or an offset in
         *     a model without a time dimension
         */
        public SemanticModel build() {
            List<String> problems = new ArrayList<>();
            Set<String> dimensionNames = unique(dimensions.stream().map(Dimension::name).toList(), "dimension", problems);
            Set<String> measureNames = unique(measures.stream().map(Measure::name).toList(), "measure", problems);
            Set<String> metricNames = unique(metrics.stream().map(Metric::name).toList(), "metric", problems);
            unique(entities.stream().map(Entity::name).toList(), "entity", problems);
            for (String m : metricNames) {
                if (dimensionNames.contains(m)) {
                    problems.add("'" + m + "' is both a metric and a dimension: results would have two columns of "
                            + "that name; rename one");
                }
            }
            List<String> timeDims = dimensions.stream().filter(d -> d.type() == Dimension.Type.TIME)
                    .map(Dimension::name).toList();
            Optional<String> time = resolveTime(timeDims, dimensionNames, problems);
            Map<String, List<String>> reads = new LinkedHashMap<>();
            for (Metric m : metrics) {
                reads.put(m.name(), checkMetric(m, measureNames, metricNames, time, timeDims, problems));
            }
            cycles(reads, problems);
            for (DimensionJoin j : joins) {
                if (entities.stream().noneMatch(e -> e.name().equals(j.entity()))) {
                    problems.add("the join of '" + j.dataset() + "' is through the entity '" + j.entity()
                            + "', which the model does not declare; entities: "
                            + entities.stream().map(Entity::name).toList());
                }
                if (j.dataset().equals(dataset)) {
                    problems.add("the model joins its own dataset '" + dataset + "'; join another product's dataset");
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidDefinitionException("semantic model '" + name + "'", problems);
            }
            return new SemanticModel(name, dataset, description, entities, dimensions, measures, metrics, time, joins);
        }

        private Optional<String> resolveTime(List<String> timeDims, Set<String> dimensionNames, List<String> problems) {
            if (timeDimension != null) {
                if (!timeDims.contains(timeDimension)) {
                    problems.add("the time dimension '" + timeDimension + "' is not "
                            + (dimensionNames.contains(timeDimension) ? "a time dimension" : "a dimension of the model")
                            + "; time dimensions: " + timeDims);
                    return Optional.empty();
                }
                return Optional.of(timeDimension);
            }
            return timeDims.size() == 1 ? Optional.of(timeDims.get(0)) : Optional.empty();
        }

        private List<String> checkMetric(Metric m, Set<String> measureNames, Set<String> metricNames,
                                         Optional<String> time, List<String> timeDims, List<String> problems) {
            String where = "metric '" + m.name() + "'";
            List<String> reads = new ArrayList<>();
            if (m instanceof Metric.Simple s) {
                measureExists(where, s.measure(), measureNames, problems);
            } else if (m instanceof Metric.Cumulative c) {
                measureExists(where, c.measure(), measureNames, problems);
                needTime(where + " is cumulative", time, timeDims, problems);
            } else if (m instanceof Metric.Ratio r) {
                for (String input : List.of(r.numerator(), r.denominator())) {
                    metricExists(where, input, metricNames, problems);
                    reads.add(input);
                }
            } else if (m instanceof Metric.Derived d) {
                Set<String> aliases = new HashSet<>();
                for (MetricInput input : d.inputs()) {
                    metricExists(where, input.metric(), metricNames, problems);
                    reads.add(input.metric());
                    if (!aliases.add(input.alias())) {
                        problems.add(where + " uses the alias '" + input.alias() + "' twice; give each input its own");
                    }
                    if (input.offset().isPresent()) {
                        needTime(where + " shifts '" + input.metric() + "' by " + input.offset().get(), time, timeDims,
                                problems);
                    }
                }
                for (String column : d.expr().columns()) {
                    if (!aliases.contains(column)) {
                        problems.add(where + " reads '" + column + "', which is not one of its inputs " + aliases
                                + "; add MetricInput.of(\"" + column + "\") or use an alias");
                    }
                }
            }
            return reads;
        }

        private static void measureExists(String where, String measure, Set<String> measures, List<String> problems) {
            if (!measures.contains(measure)) {
                problems.add(where + " reads the unknown measure '" + measure + "'; measures: " + measures);
            }
        }

        private static void metricExists(String where, String metric, Set<String> metrics, List<String> problems) {
            if (!metrics.contains(metric)) {
                problems.add(where + " reads the unknown metric '" + metric + "'; metrics: " + metrics);
            }
        }

        private void needTime(String what, Optional<String> time, List<String> timeDims, List<String> problems) {
            // a time dimension named but not found is reported once, not again for each metric needing it
            if (time.isEmpty() && timeDimension == null) {
                problems.add(what + ", which needs a time dimension, but the model "
                        + (timeDims.isEmpty() ? "has none; add Dimension.time(...)"
                        : "has several " + timeDims + "; name one with timeDimension(...)"));
            }
        }

        private static Set<String> unique(List<String> names, String what, List<String> problems) {
            Set<String> seen = new java.util.LinkedHashSet<>();
            for (String n : names) {
                if (!seen.add(n)) {
                    problems.add("the " + what + " name '" + n + "' is used twice; names of " + what + "s are unique");
                }
            }
            return seen;
        }

        /** Metrics reading each other in a loop have no value: name the loop so it can be broken. */
        private static void cycles(Map<String, List<String>> reads, List<String> problems) {
            Set<String> done = new HashSet<>();
            Set<String> reported = new HashSet<>();
            for (String start : reads.keySet()) {
                visit(start, reads, new ArrayList<>(), done, reported, problems);
            }
        }

        private static void visit(String metric, Map<String, List<String>> reads, List<String> path, Set<String> done,
                                  Set<String> reported, List<String> problems) {
            int at = path.indexOf(metric);
            if (at >= 0) {
                List<String> loop = new ArrayList<>(path.subList(at, path.size()));
                if (reported.addAll(loop)) {
                    loop.add(metric);
                    problems.add("metrics read each other in a cycle: " + String.join(" reads ", loop)
                            + "; a metric cannot depend on itself");
                }
                return;
            }
            if (done.contains(metric) || !reads.containsKey(metric)) {
                return;
            }
            path.add(metric);
            for (String next : reads.get(metric)) {
                visit(next, reads, path, done, reported, problems);
            }
            path.remove(path.size() - 1);
            done.add(metric);
        }
    }
}
