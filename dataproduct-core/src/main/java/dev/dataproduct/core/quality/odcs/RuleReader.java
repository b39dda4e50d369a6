package dev.dataproduct.core.quality.odcs;

import dev.dataproduct.api.contract.QualityRule;
import dev.dataproduct.api.contract.SchemaObject;
import dev.dataproduct.api.contract.SchemaProperty;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Dimension;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.api.quality.Severity;
import dev.dataproduct.api.quality.Threshold;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads one quality rule of a schema object as a check, or says why it cannot. */
final class RuleReader {
    /** The v3.0 {@code rule} names with one clear v3.1 metric. */
    private static final Map<String, String> V30_RULES = Map.of("duplicateCount", OdcsNames.DUPLICATE_VALUES,
            "validValues", OdcsNames.INVALID_VALUES, "rowCount", OdcsNames.ROW_COUNT);
    /** The DQ chapter's abbreviations of the dimensions. */
    private static final Map<String, Dimension> DIMENSION_ABBREVIATIONS = Map.of("ac", Dimension.ACCURACY,
            "cp", Dimension.COMPLETENESS, "cf", Dimension.CONFORMITY, "cs", Dimension.CONSISTENCY,
            "cv", Dimension.COVERAGE, "tm", Dimension.TIMELINESS, "uq", Dimension.UNIQUENESS);

    private final SchemaObject object;

    RuleReader(SchemaObject object) {
        this.object = object;
    }

    /** Why a rule is not read; carries no stack trace, it is an answer, not a failure. */
    static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * @param property the property the rule is on, {@code ""} at object level
     * @param rule the rule
     * @return the check, on the object's dataset
     * @throws Unsupported saying why the rule has no check
     */
    Check read(String property, QualityRule rule) throws Unsupported {
        String type = rule.effectiveType();
        switch (type) {
            case "library", "default" -> { }
            case "text" -> throw new Unsupported("a text rule is for people to read; no machine check");
            case "sql" -> throw new Unsupported("a sql rule needs a SQL engine; the quality engine computes library"
                    + " metrics, not SQL");
            case "custom" -> throw new Unsupported("a custom rule runs on its own engine"
                    + (rule.engine().isEmpty() ? "" : " ('" + rule.engine() + "')") + ", not in the SDK");
            default -> throw new Unsupported("type '" + type + "' is not one of library, sql, custom, text");
        }
        String metric = metricName(rule);
        Map<String, Object> arguments = new LinkedHashMap<>(rule.arguments());
        if (rule.metric().isEmpty() && rule.extensions().containsKey("validValues")) {
            arguments.putIfAbsent("validValues", rule.extensions().get("validValues")); // v3.0: on the rule
        }
        boolean percent = percent(rule.unit());
        Check.Pending pending = pending(metric, property, arguments);
        if (percent) {
            if (metric.equals(OdcsNames.ROW_COUNT)) {
                throw new Unsupported("rowCount in percent of the rows is always 100; use unit rows");
            }
            pending = pending.percent();
        }
        Check check = pending.meeting(threshold(rule, percent)).on(object.name());
        if (!rule.name().isEmpty()) {
            check = check.named(rule.name());
        }
        return check.severity(severity(rule.severity())).dimension(dimension(rule.dimension(), check.dimension()))
                .describedAs(rule.description());
    }

    private static String metricName(QualityRule rule) throws Unsupported {
        if (!rule.metric().isEmpty()) {
            if (!OdcsNames.METRICS.contains(rule.metric())) {
                throw new Unsupported("metric '" + rule.metric() + "' is not one of " + OdcsNames.METRICS);
            }
            return rule.metric();
        }
        if (rule.rule().isEmpty()) {
            throw new Unsupported("a library rule names no metric");
        }
        if (OdcsNames.METRICS.contains(rule.rule())) {
            return rule.rule();
        }
        String mapped = V30_RULES.get(rule.rule());
        if (mapped == null) {
            throw new Unsupported("v3.0 rule '" + rule.rule() + "' has no defined meaning; name one of the v3.1"
                    + " metrics " + OdcsNames.METRICS);
        }
        return mapped;
    }

    private static boolean percent(String unit) throws Unsupported {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "", "rows" -> false;
            case "percent" -> true;
            default -> throw new Unsupported("unit '" + unit + "' is neither rows nor percent");
        };
    }

    private Check.Pending pending(String metric, String property, Map<String, Object> arguments)
            throws Unsupported {
        switch (metric) {
            case OdcsNames.NULL_VALUES -> {
                onlyArguments(metric, arguments);
                return Check.nulls(needProperty(metric, property));
            }
            case OdcsNames.MISSING_VALUES -> {
                onlyArguments(metric, arguments, "missingValues");
                List<String> values = new ArrayList<>();
                for (Object v : list(arguments, "missingValues")) {
                    if (v != null) { // null is always missing
                        values.add(OdcsNames.text(v));
                    }
                }
                return Check.missing(needProperty(metric, property), values.toArray(String[]::new));
            }
            case OdcsNames.INVALID_VALUES -> {
                onlyArguments(metric, arguments, "validValues", "pattern");
                String column = needProperty(metric, property);
                List<String> valid = new ArrayList<>();
                for (Object v : list(arguments, "validValues")) {
                    if (v != null) { // nulls are never invalid
                        valid.add(OdcsNames.text(v));
                    }
                }
                Object pattern = arguments.get("pattern");
                if (pattern != null && !(pattern instanceof String)) {
                    throw new Unsupported("arguments.pattern of invalidValues is not text: " + pattern);
                }
                if (valid.isEmpty() && pattern == null) {
                    throw new Unsupported("invalidValues needs arguments.validValues or arguments.pattern");
                }
                return Check.invalid(column, new Metric.Validity(valid, Optional.ofNullable((String) pattern),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
            }
            case OdcsNames.DUPLICATE_VALUES -> {
                if (!property.isEmpty()) {
                    onlyArguments(metric + " on a property", arguments);
                    return Check.duplicates(property);
                }
                onlyArguments(metric, arguments, "properties");
                List<String> columns = new ArrayList<>();
                for (Object v : list(arguments, "properties")) {
                    if (!(v instanceof String s) || s.isEmpty()) {
                        throw new Unsupported("arguments.properties of duplicateValues holds " + v
                                + ", not a property name");
                    }
                    if (!object.properties().isEmpty() && object.property(s).isEmpty()) {
                        throw new Unsupported("arguments.properties names '" + s + "', which is not a property of '"
                                + object.name() + "'; properties are "
                                + object.properties().stream().map(SchemaProperty::name).toList());
                    }
                    columns.add(s);
                }
                if (columns.isEmpty()) {
                    throw new Unsupported("duplicateValues on an object needs arguments.properties");
                }
                return Check.duplicates(columns.toArray(String[]::new));
            }
            case OdcsNames.ROW_COUNT -> {
                if (!property.isEmpty()) {
                    throw new Unsupported("rowCount counts the rows of the object; put it in the object's quality");
                }
                onlyArguments(metric, arguments);
                return Check.rowCount();
            }
            default -> throw new IllegalStateException(metric); // metricName lets only library metrics through
        }
    }

    private static String needProperty(String metric, String property) throws Unsupported {
        if (property.isEmpty()) {
            throw new Unsupported(metric + " checks a property; put it in the property's quality");
        }
        return property;
    }

    private static void onlyArguments(String metric, Map<String, Object> arguments, String... known)
            throws Unsupported {
        Set<String> allowed = Set.of(known);
        for (String key : arguments.keySet()) {
            if (!allowed.contains(key)) {
                throw new Unsupported("argument '" + key + "' of " + metric + " is not understood"
                        + (known.length == 0 ? "; it takes none" : "; it takes " + List.of(known)));
            }
        }
    }

    private static List<?> list(Map<String, Object> arguments, String key) throws Unsupported {
        Object v = arguments.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new Unsupported("arguments." + key + " is not a list: " + v);
        }
        return l;
    }

    // ----- operators

    private static Threshold threshold(QualityRule rule, boolean percent) throws Unsupported {
        String op = rule.operator();
        Object value = rule.operatorValue().orElse(null);
        if (op.isEmpty()) {
            throw new Unsupported("the rule has no operator (such as mustBe: 0)");
        }
        try {
            return switch (op) {
                case "mustBe" -> Threshold.exactly(number(op, value));
                case "mustBeGreaterThan" -> Threshold.greaterThan(number(op, value));
                case "mustBeGreaterOrEqualTo" -> Threshold.atLeast(number(op, value));
                case "mustBeLessThan" -> Threshold.lessThan(number(op, value));
                case "mustBeLessOrEqualTo" -> Threshold.atMost(number(op, value));
                case "mustBeBetween" -> {
                    double[] b = bounds(op, value);
                    yield Threshold.between(b[0], b[1]);
                }
                case "mustNotBe" -> {
                    double v = number(op, value);
                    yield outside(op + ": " + OdcsNames.text(value), v, v, percent);
                }
                case "mustNotBeBetween" -> {
                    double[] b = bounds(op, value);
                    yield outside(op + ": " + value, b[0], b[1], percent);
                }
                default -> throw new Unsupported("operator '" + op + "' is not one of " + QualityRule.OPERATORS);
            };
        } catch (IllegalArgumentException e) {
            throw new Unsupported(op + ": " + e.getMessage());
        }
    }

    /**
     * The counts outside {@code [lo, hi]} as one range, where the values a count can take (0 and up,
     * or 0 to 100 in percent) leave only one side.
     */
    private static Threshold outside(String what, double lo, double hi, boolean percent) throws Unsupported {
        if (lo <= 0) {
            return Threshold.greaterThan(hi);
        }
        if (percent && hi >= 100) {
            return Threshold.lessThan(lo);
        }
        throw new Unsupported(what + " passes values on both sides, and a check's threshold is one range;"
                + " write it as two rules or with a positive operator");
    }

    private static double number(String op, Object value) throws Unsupported {
        if (!(value instanceof Number n)) {
            throw new Unsupported(op + " needs a number, not " + (value == null ? "nothing" : "'" + value + "'"));
        }
        double d = n.doubleValue();
        if (Double.isNaN(d)) {
            throw new Unsupported(op + " needs a number, not NaN");
        }
        return d;
    }

    private static double[] bounds(String op, Object value) throws Unsupported {
        if (!(value instanceof List<?> l) || l.size() != 2) {
            throw new Unsupported(op + " needs a list of two numbers, not " + value);
        }
        double lo = number(op, l.get(0));
        double hi = number(op, l.get(1));
        if (lo > hi) {
            throw new Unsupported(op + " needs the smaller number first: " + value);
        }
        return new double[] {lo, hi};
    }

    // ----- metadata

    private static Severity severity(String label) throws Unsupported {
        if (label.strip().equalsIgnoreCase("warn")) {
            return Severity.WARNING; // as the compatibility checker reads it
        }
        try {
            return Severity.ofLabel(label);
        } catch (IllegalArgumentException e) {
            throw new Unsupported(e.getMessage());
        }
    }

    private static Dimension dimension(String label, Dimension otherwise) throws Unsupported {
        if (label.isBlank()) {
            return otherwise;
        }
        Dimension abbreviated = DIMENSION_ABBREVIATIONS.get(label.strip().toLowerCase(Locale.ROOT));
        if (abbreviated != null) {
            return abbreviated;
        }
        try {
            return Dimension.ofLabel(label);
        } catch (IllegalArgumentException e) {
            throw new Unsupported(e.getMessage());
        }
    }
}
