package dev.dataproduct.core.metric;

import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.metric.Aggregation;
import dev.dataproduct.api.metric.Dimension;
import dev.dataproduct.api.metric.DimensionJoin;
import dev.dataproduct.api.metric.Entity;
import dev.dataproduct.api.metric.Measure;
import dev.dataproduct.api.metric.Metric;
import dev.dataproduct.api.metric.MetricInput;
import dev.dataproduct.api.metric.SemanticModel;
import dev.dataproduct.api.metric.TimeGrain;
import dev.dataproduct.api.metric.TimeWindow;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.yaml.DocumentLimits;
import dev.dataproduct.core.yaml.ParsedSource;
import dev.dataproduct.core.yaml.SourceParser;
import dev.dataproduct.core.yaml.SourceProblem;
import dev.dataproduct.core.yaml.Where;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads metric definitions written by people: the document {@link MetricDefinitions#toYaml} writes.
 * Every problem is collected with its place ({@code semanticModels[0].metrics[2].measure}) and line,
 * and the whole document is refused at once; a value of the wrong type, an unknown key, a name
 * that is not valid or a reference to nothing is a problem, never an exception of its own.
 */
final class DefinitionsReader {
    private static final Set<String> ROOT = Set.of("semanticModels");
    private static final Set<String> MODEL = Set.of("name", "dataset", "description", "timeDimension", "entities",
            "joins", "dimensions", "measures", "metrics");
    private static final Set<String> ENTITY = Set.of("name", "type", "column");
    private static final Set<String> JOIN = Set.of("dataset", "entity", "key");
    private static final Set<String> DIMENSION = Set.of("name", "type", "expr", "valueType", "description");
    private static final Set<String> MEASURE = Set.of("name", "agg", "expr", "description");
    private static final Set<String> INPUT = Set.of("metric", "alias", "offsetWindow");
    private static final Map<String, Set<String>> METRIC = Map.of(
            "simple", Set.of("name", "type", "measure", "filter", "description"),
            "ratio", Set.of("name", "type", "numerator", "denominator", "filter", "description"),
            "derived", Set.of("name", "type", "expr", "metrics", "filter", "description"),
            "cumulative", Set.of("name", "type", "measure", "window", "grainToDate", "filter", "description"));
    private static final Map<String, LogicalType> VALUE_TYPES = new LinkedHashMap<>();
    private static final Pattern WINDOW = Pattern.compile("\\s*(\\d{1,9})\\s+([a-z]+?)s?\\s*");
    private static final Pattern QUOTED = Pattern.compile("'([a-z][a-z0-9_]*)'");

    static {
        VALUE_TYPES.put("string", LogicalType.STRING);
        VALUE_TYPES.put("int64", LogicalType.INT64);
        VALUE_TYPES.put("boolean", LogicalType.BOOLEAN);
        VALUE_TYPES.put("date", LogicalType.DATE);
    }

    private final ParsedSource source;
    private final List<String> problems = new ArrayList<>();

    private DefinitionsReader(ParsedSource source) {
        this.source = source;
    }

    static List<SemanticModel> read(String text, String subject) {
        ParsedSource parsed = SourceParser.parseClean(SourceParser.Syntax.YAML, text, DocumentLimits.defaults(),
                "metric definitions", subject);
        DefinitionsReader r = new DefinitionsReader(parsed);
        List<SemanticModel> models = r.document();
        if (!r.problems.isEmpty()) {
            throw new InvalidDefinitionException(subject, r.problems);
        }
        return models;
    }

    private List<SemanticModel> document() {
        Map<String, Object> root = map(source.root(), Where.ROOT, ROOT);
        List<SemanticModel> models = new ArrayList<>();
        if (root == null) {
            return models;
        }
        Where at = Where.ROOT.field("semanticModels");
        if (!root.containsKey("semanticModels")) {
            problem(Where.ROOT, "no 'semanticModels': write a list of semantic models under that key");
            return models;
        }
        Set<String> names = new java.util.HashSet<>();
        forEach(root.get("semanticModels"), at, (value, where) -> {
            SemanticModel m = model(value, where);
            if (m != null && !names.add(m.name())) {
                problem(where.field("name"), "the semantic model '" + m.name() + "' is defined twice; give each "
                        + "model its own name");
            }
            if (m != null) {
                models.add(m);
            }
        });
        return models;
    }

    private SemanticModel model(Object value, Where at) {
        Map<String, Object> m = map(value, at, MODEL);
        if (m == null) {
            return null;
        }
        String name = text(m, "name", at, true);
        String dataset = text(m, "dataset", at, true);
        if (name == null || dataset == null) {
            return null;
        }
        int before = problems.size();
        SemanticModel.Builder b;
        try {
            b = SemanticModel.builder(name, dataset);
        } catch (IllegalArgumentException | NullPointerException e) {
            problem(at.field("name"), e.getMessage());
            return null;
        }
        Optional.ofNullable(text(m, "description", at, false)).ifPresent(b::description);
        Optional.ofNullable(text(m, "timeDimension", at, false)).ifPresent(b::timeDimension);
        Map<String, Where> places = new LinkedHashMap<>();
        forEach(m.get("entities"), at.field("entities"), (v, w) -> element(v, w, ENTITY, e -> {
            b.entity(new Entity(text(e, "name", w, true), enumValue(e, "type", w, Entity.Type.class, null),
                    text(e, "column", w, true)));
            places.putIfAbsent("entity:" + e.get("name"), w);
        }));
        forEach(m.get("joins"), at.field("joins"), (v, w) -> element(v, w, JOIN, j -> b.join(
                DimensionJoin.of(text(j, "dataset", w, true), text(j, "entity", w, true), text(j, "key", w, true)))));
        forEach(m.get("dimensions"), at.field("dimensions"), (v, w) -> element(v, w, DIMENSION, d -> {
            String dim = text(d, "name", w, true);
            Dimension.Type type = enumValue(d, "type", w, Dimension.Type.class, Dimension.Type.CATEGORICAL);
            String expr = exprText(d, "expr", w, false);
            String valueType = text(d, "valueType", w, false);
            LogicalType vt = valueType == null ? (type == Dimension.Type.TIME ? LogicalType.DATE : LogicalType.STRING)
                    : VALUE_TYPES.get(valueType);
            if (vt == null) {
                problem(w.field("valueType"), "unknown value type '" + valueType + "'; use one of "
                        + VALUE_TYPES.keySet());
                return;
            }
            Dimension built = new Dimension(dim, type, expr == null ? Expr.col(dim) : expr(expr, w.field("expr")), vt,
                    Optional.ofNullable(text(d, "description", w, false)).orElse(""));
            b.dimension(built);
            places.putIfAbsent("dimension:" + dim, w);
        }));
        forEach(m.get("measures"), at.field("measures"), (v, w) -> element(v, w, MEASURE, me -> {
            String measure = text(me, "name", w, true);
            Aggregation agg = enumValue(me, "agg", w, Aggregation.class, null);
            String expr = exprText(me, "expr", w, agg != Aggregation.COUNT);
            b.measure(new Measure(measure, agg, expr == null ? Expr.lit(1) : expr(expr, w.field("expr")),
                    Optional.ofNullable(text(me, "description", w, false)).orElse("")));
            places.putIfAbsent("measure:" + measure, w);
        }));
        forEach(m.get("metrics"), at.field("metrics"), (v, w) -> {
            Map<String, Object> raw = map(v, w, null);
            if (raw == null) {
                return;
            }
            String kind = text(raw, "type", w, true);
            if (kind != null && !METRIC.containsKey(kind)) {
                problem(w.field("type"), "unknown metric type '" + kind + "'; use one of " + List.of("simple", "ratio",
                        "derived", "cumulative"));
                return;
            }
            element(v, w, kind == null ? METRIC.get("simple") : METRIC.get(kind), x -> {
                Metric metric = metric(kind, x, w);
                b.metric(metric);
                places.putIfAbsent("metric:" + metric.name(), w);
            });
        });
        if (problems.size() > before) {
            return null;
        }
        try {
            return b.build();
        } catch (InvalidDefinitionException e) {
            // the model's own checks name elements; give each problem the place of the first it names
            for (String p : e.problems()) {
                problem(placeOf(p, places, at), p);
            }
            return null;
        } catch (IllegalArgumentException | NullPointerException e) {
            problem(at.field("name"), String.valueOf(e.getMessage()));
            return null;
        }
    }

    private Metric metric(String kind, Map<String, Object> x, Where w) {
        String name = text(x, "name", w, true);
        Metric metric = switch (kind) {
            case "ratio" -> Metric.ratio(name, text(x, "numerator", w, true), text(x, "denominator", w, true));
            case "derived" -> {
                List<MetricInput> inputs = new ArrayList<>();
                forEach(x.get("metrics"), w.field("metrics"), (v, iw) -> element(v, iw, INPUT, i -> {
                    String read = text(i, "metric", iw, true);
                    String alias = Optional.ofNullable(text(i, "alias", iw, false)).orElse(read);
                    String offset = text(i, "offsetWindow", iw, false);
                    inputs.add(new MetricInput(read, alias, offset == null ? Optional.empty()
                            : Optional.of(window(offset, iw.field("offsetWindow")))));
                }));
                if (!x.containsKey("metrics")) {
                    problem(w.field("metrics"), "a derived metric lists the metrics it reads under 'metrics'");
                }
                yield Metric.derived(name, expr(exprText(x, "expr", w, true), w.field("expr")),
                        inputs.toArray(MetricInput[]::new));
            }
            case "cumulative" -> {
                Metric.Cumulative c = Metric.cumulative(name, text(x, "measure", w, true));
                String window = text(x, "window", w, false);
                String toDate = text(x, "grainToDate", w, false);
                if (window != null && toDate != null) {
                    problem(w, "a cumulative metric has a window or a grainToDate, not both");
                }
                yield window != null ? c.trailing(window(window, w.field("window")))
                        : toDate != null ? c.toDate(grain(toDate, w.field("grainToDate"))) : c;
            }
            default -> Metric.simple(name, text(x, "measure", w, true));
        };
        String filter = exprText(x, "filter", w, false);
        if (filter != null) {
            metric = metric.where(expr(filter, w.field("filter")));
        }
        String description = text(x, "description", w, false);
        return description == null ? metric : metric.describedAs(description);
    }

    /** Reads one element; a problem in it is recorded with its place and the element is left out. */
    private void element(Object value, Where at, Set<String> keys, Consumer<Map<String, Object>> build) {
        Map<String, Object> m = map(value, at, keys);
        if (m == null) {
            return;
        }
        int before = problems.size();
        try {
            build.accept(m);
        } catch (Invalid e) {
            // recorded where it was found
        } catch (IllegalArgumentException | NullPointerException e) {
            if (problems.size() == before) {
                problem(at, String.valueOf(e.getMessage()));
            }
        }
    }

    private Expr expr(String text, Where at) {
        if (text == null) {
            throw new Invalid();
        }
        try {
            return ExprText.parse(text);
        } catch (IllegalArgumentException e) {
            problem(at, e.getMessage() + "; write the expression as in 'amount * quantity' or \"region = 'north'\"");
            throw new Invalid();
        }
    }

    private TimeWindow window(String text, Where at) {
        Matcher m = WINDOW.matcher(text);
        if (m.matches()) {
            for (TimeGrain g : TimeGrain.values()) {
                if (g.label().equals(m.group(2)) && Integer.parseInt(m.group(1)) > 0) {
                    return TimeWindow.of(Integer.parseInt(m.group(1)), g);
                }
            }
        }
        problem(at, "'" + text + "' is not a time window; write a count and a grain, such as '1 month' or '7 days'");
        throw new Invalid();
    }

    private TimeGrain grain(String text, Where at) {
        for (TimeGrain g : TimeGrain.values()) {
            if (g.label().equals(text)) {
                return g;
            }
        }
        problem(at, "'" + text + "' is not a grain; use day, week, month, quarter or year");
        throw new Invalid();
    }

    private <E extends Enum<E>> E enumValue(Map<String, Object> m, String key, Where at, Class<E> type, E absent) {
        String text = text(m, key, at, absent == null);
        if (text == null) {
            if (absent == null) {
                throw new Invalid();
            }
            return absent;
        }
        List<String> labels = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            String label = e.name().toLowerCase(Locale.ROOT);
            if (label.equals(text)) {
                return e;
            }
            labels.add(label);
        }
        problem(at.field(key), "unknown " + key + " '" + text + "'; use one of " + labels);
        throw new Invalid();
    }

    /** An expression may be a bare number or boolean in YAML ({@code expr: 1}): its text is the constant. */
    private String exprText(Map<String, Object> m, String key, Where at, boolean required) {
        Object v = m.get(key);
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v instanceof java.math.BigDecimal d ? d.toPlainString() : v);
        }
        return text(m, key, at, required);
    }

    /** @return the text under a key; null when absent and optional (a required one missing is a problem) */
    private String text(Map<String, Object> m, String key, Where at, boolean required) {
        Object v = m.get(key);
        if (v == null) {
            if (required) {
                problem(at, "'" + key + "' is missing; give it");
                throw new Invalid();
            }
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        problem(at.field(key), "'" + key + "' is " + describe(v) + " where a text is expected");
        throw new Invalid();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(Object value, Where at, Set<String> keys) {
        if (!(value instanceof Map)) {
            problem(at, (value == null ? "nothing is" : describe(value) + " is") + " written where a mapping of "
                    + (keys == null ? "keys" : keys.stream().sorted().toList()) + " is expected");
            return null;
        }
        Map<String, Object> m = (Map<String, Object>) value;
        if (keys != null) {
            for (String k : m.keySet()) {
                if (!keys.contains(k)) {
                    problem(at.field(k), "unknown key '" + k + "'; the keys here are " + keys.stream().sorted().toList());
                }
            }
        }
        return m;
    }

    private void forEach(Object value, Where at, java.util.function.BiConsumer<Object, Where> each) {
        if (value == null) {
            return;
        }
        if (!(value instanceof List<?> list)) {
            problem(at, describe(value) + " is written where a list is expected; write each element on a line of "
                    + "its own starting with '- '");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            try {
                each.accept(list.get(i), at.index(i));
            } catch (Invalid e) {
                // recorded where it was found
            }
        }
    }

    private static String describe(Object v) {
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof List) {
            return "a list";
        }
        if (v instanceof String s) {
            return "the text '" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
        }
        return "the " + (v instanceof Boolean ? "boolean " : "number ") + v;
    }

    private static Where placeOf(String problem, Map<String, Where> places, Where model) {
        if (problem.startsWith("the time dimension")) {
            return model.field("timeDimension");
        }
        Matcher m = QUOTED.matcher(problem);
        while (m.find()) {
            for (String kind : List.of("metric:", "measure:", "dimension:", "entity:")) {
                Where w = places.get(kind + m.group(1));
                if (w != null) {
                    return w;
                }
            }
        }
        return model;
    }

    private void problem(Where at, String message) {
        problems.add(new SourceProblem(at, message, source.lineOf(at.pointer())).describe());
    }

    /** A problem already recorded: stops reading the element it is in. */
    private static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid() {
            super(null, null, false, false);
        }
    }
}
