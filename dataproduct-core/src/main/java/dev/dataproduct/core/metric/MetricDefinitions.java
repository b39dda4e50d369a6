package dev.dataproduct.core.metric;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.metric.Dimension;
import dev.dataproduct.api.metric.Entity;
import dev.dataproduct.api.metric.Measure;
import dev.dataproduct.api.metric.Metric;
import dev.dataproduct.api.metric.MetricInput;
import dev.dataproduct.api.metric.SemanticModel;
import dev.dataproduct.core.descriptor.DescriptorYaml;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Metric definitions as a readable document: one entry per semantic model with its entities,
 * dimensions, measures and metrics, expressions written as the expression model prints them. The
 * same tree goes into the product's ODPS descriptor (custom property {@code metrics}) and onto its
 * data sheet, so a metric reads the same wherever it is looked up.
 *
 * <pre>{@code
 * semanticModels:
 * - name: sales
 *   dataset: orders
 *   timeDimension: ordered_on
 *   dimensions:
 *   - name: region
 *     type: categorical
 *     expr: region
 *     valueType: string
 *   measures:
 *   - name: revenue
 *     agg: sum
 *     expr: amount
 *   metrics:
 *   - name: gross_revenue
 *     type: simple
 *     measure: revenue
 *     description: Revenue before returns.
 * }</pre>
 */
public final class MetricDefinitions {
    private static final ObjectMapper YAML = YAMLMapper.builder(DescriptorYaml.factory()).build();

    private MetricDefinitions() {
    }

    /**
     * @param models semantic models
     * @return their definitions as YAML
     */
    public static String toYaml(List<SemanticModel> models) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("semanticModels", models.stream().map(MetricDefinitions::tree).toList());
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("metric definitions could not be written as YAML", e);
        }
    }

    /**
     * Reads metric definitions written as {@link #toYaml} writes them, so that a team keeps them in a
     * file of its own. Keys: {@code semanticModels}, then per model {@code name}, {@code dataset},
     * {@code description}, {@code timeDimension}, {@code entities} ({@code name}, {@code type}
     * primary/unique/foreign, {@code column}), {@code joins} ({@code dataset}, {@code entity},
     * {@code key}), {@code dimensions} ({@code name}, {@code type} categorical/time, {@code expr}
     * (the column of the same name if absent), {@code valueType} string/int64/boolean/date,
     * {@code description}), {@code measures} ({@code name}, {@code agg}, {@code expr} (none for a
     * row count), {@code description}) and {@code metrics} ({@code name}, {@code type}
     * simple/ratio/derived/cumulative and the keys of that type, {@code filter}, {@code description}).
     * Expressions are written as the expression model prints them ({@code (amount * quantity)},
     * {@code region = 'north' AND quantity >= 8}); a date constant as {@code DATE '2024-01-31'}.
     *
     * @param yaml the document
     * @param source where it comes from, such as its file name, named in errors
     * @return the semantic models, in document order
     * @throws InvalidDefinitionException listing every problem at once, each with its place
     *     ({@code semanticModels[0].metrics[2].measure}) and line: YAML that does not parse, unknown
     *     keys, values of the wrong type, invalid names, unknown aggregations, types or grains,
     *     expressions that do not parse, references to measures, metrics, dimensions or entities the
     *     model lacks, metrics reading each other in a cycle, names used twice
     */
    public static List<SemanticModel> fromYaml(String yaml, String source) {
        java.util.Objects.requireNonNull(yaml, "yaml");
        return DefinitionsReader.read(yaml, "metric definitions " + java.util.Objects.requireNonNull(source, "source"));
    }

    /**
     * Reads metric definitions from a YAML file, as {@link #fromYaml}.
     *
     * @param file the file, UTF-8
     * @return the semantic models
     * @throws InvalidDefinitionException as {@link #fromYaml}, naming the file; also for a file that is
     *     not UTF-8 (with the byte offset) or too large
     * @throws dev.dataproduct.api.error.DataProductException if the file cannot be read
     */
    public static List<SemanticModel> read(java.nio.file.Path file) {
        String text = dev.dataproduct.core.yaml.SourceParser.readFile(file,
                dev.dataproduct.core.yaml.DocumentLimits.defaults(), "metric definitions " + file);
        return fromYaml(text, file.toString());
    }

    /**
     * @param model a semantic model
     * @return its definitions as a tree of maps, lists and texts, in declaration order
     */
    public static Map<String, Object> tree(SemanticModel model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", model.name());
        m.put("dataset", model.dataset());
        text(m, "description", model.description());
        model.timeDimension().ifPresent(t -> m.put("timeDimension", t));
        List<Object> entities = new ArrayList<>();
        for (Entity e : model.entities()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", e.name());
            x.put("type", lower(e.type()));
            x.put("column", e.column());
            entities.add(x);
        }
        if (!entities.isEmpty()) {
            m.put("entities", entities);
        }
        List<Object> joins = new ArrayList<>();
        for (dev.dataproduct.api.metric.DimensionJoin j : model.joins()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("dataset", j.dataset());
            x.put("entity", j.entity());
            x.put("key", j.key());
            joins.add(x);
        }
        if (!joins.isEmpty()) {
            m.put("joins", joins);
        }
        List<Object> dimensions = new ArrayList<>();
        for (Dimension d : model.dimensions()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", d.name());
            x.put("type", lower(d.type()));
            x.put("expr", d.expr().toString());
            x.put("valueType", d.valueType().toString());
            text(x, "description", d.description());
            dimensions.add(x);
        }
        m.put("dimensions", dimensions);
        List<Object> measures = new ArrayList<>();
        for (Measure me : model.measures()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("name", me.name());
            x.put("agg", me.aggregation().label());
            x.put("expr", me.expr().toString());
            text(x, "description", me.description());
            measures.add(x);
        }
        m.put("measures", measures);
        m.put("metrics", model.metrics().stream().map(MetricDefinitions::metric).toList());
        return m;
    }

    /**
     * @param metric a metric
     * @return its definition as a tree, as in {@link #tree(SemanticModel)}
     */
    public static Map<String, Object> metric(Metric metric) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("name", metric.name());
        x.put("type", metric.kind());
        if (metric instanceof Metric.Simple s) {
            x.put("measure", s.measure());
        } else if (metric instanceof Metric.Ratio r) {
            x.put("numerator", r.numerator());
            x.put("denominator", r.denominator());
        } else if (metric instanceof Metric.Derived d) {
            x.put("expr", d.expr().toString());
            List<Object> inputs = new ArrayList<>();
            for (MetricInput in : d.inputs()) {
                Map<String, Object> i = new LinkedHashMap<>();
                i.put("metric", in.metric());
                if (!in.alias().equals(in.metric())) {
                    i.put("alias", in.alias());
                }
                in.offset().ifPresent(o -> i.put("offsetWindow", o.toString()));
                inputs.add(i);
            }
            x.put("metrics", inputs);
        } else if (metric instanceof Metric.Cumulative c) {
            x.put("measure", c.measure());
            c.window().ifPresent(w -> x.put("window", w.toString()));
            c.grainToDate().ifPresent(g -> x.put("grainToDate", g.label()));
        }
        metric.filter().map(Expr::toString).ifPresent(f -> x.put("filter", f));
        text(x, "description", metric.description());
        return x;
    }

    private static void text(Map<String, Object> m, String key, String value) {
        if (!value.isEmpty()) {
            m.put(key, value);
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
