package dev.dataproduct.core.quality.odcs;

import dev.dataproduct.api.contract.QualityRule;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.api.quality.Threshold;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Writes a check as an ODCS library rule, where it has one. */
final class RuleWriter {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private RuleWriter() {
    }

    static Optional<QualityRule> write(Check check) {
        if (check.anomaly().isPresent() || check.threshold().warn().isPresent()) {
            return Optional.empty();
        }
        Threshold.Range pass = check.threshold().pass();
        boolean percent = check.percent();
        Map<String, Object> arguments = new LinkedHashMap<>();
        String metric;
        Metric m = check.metric();
        if (m instanceof Metric.NullCount) {
            metric = OdcsNames.NULL_VALUES;
        } else if (m instanceof Metric.Completeness) {
            metric = OdcsNames.NULL_VALUES;
            percent = true;
            pass = nullPercent(pass);
        } else if (m instanceof Metric.MissingCount mc) {
            metric = OdcsNames.MISSING_VALUES;
            List<Object> values = new ArrayList<>();
            values.add(null); // the SDK always counts nulls as missing: say so
            values.addAll(mc.missingValues());
            arguments.put("missingValues", Collections.unmodifiableList(values));
        } else if (m instanceof Metric.InvalidCount ic && libraryValidity(ic.validity())) {
            metric = OdcsNames.INVALID_VALUES;
            if (!ic.validity().allowedValues().isEmpty()) {
                arguments.put("validValues", ic.validity().allowedValues());
            }
            ic.validity().pattern().ifPresent(p -> arguments.put("pattern", p));
        } else if (m instanceof Metric.DuplicateCount d) {
            metric = OdcsNames.DUPLICATE_VALUES;
            if (d.columns().size() > 1) {
                arguments.put("properties", d.columns());
            }
        } else if (m instanceof Metric.RowCount && !percent) {
            metric = OdcsNames.ROW_COUNT;
        } else {
            return Optional.empty();
        }
        Optional<Map.Entry<String, Object>> operator = operator(pass);
        if (operator.isEmpty()) {
            return Optional.empty();
        }
        String name = isDerivedName(check) ? "" : check.name();
        return Optional.of(new QualityRule("", name, check.description(), "library", metric, "", arguments,
                operator.get().getKey(), Optional.of(operator.get().getValue()), percent ? "percent" : "", "", "",
                Optional.empty(), check.dimension().label(), check.severity().label(), "", "", "", "", List.of(),
                List.of(), List.of(), Map.of()));
    }

    static String property(Check check) {
        Metric m = check.metric();
        if (m instanceof Metric.RowCount || m.columns().size() != 1) {
            return "";
        }
        return m.columns().get(0);
    }

    /** Only allowed values and a pattern have a library form; ranges and lengths do not. */
    private static boolean libraryValidity(Metric.Validity v) {
        return (!v.allowedValues().isEmpty() || v.pattern().isPresent()) && v.min().isEmpty() && v.max().isEmpty()
                && v.minLength().isEmpty() && v.maxLength().isEmpty();
    }

    /** A name the check would get anyway, from its metric (maybe with a {@code #n} suffix), is not written. */
    private static boolean isDerivedName(Check check) {
        String base = check.metric().describe() + (check.percent() ? " %" : "");
        return check.name().equals(base) || check.name().matches(Pattern.quote(base) + "#\\d+");
    }

    /** Completeness from 0 to 1 as the percentage of nulls: {@code >= 0.99} is {@code <= 1}. */
    private static Threshold.Range nullPercent(Threshold.Range completeness) {
        return new Threshold.Range(completeness.max().map(RuleWriter::complement), completeness.maxInclusive(),
                completeness.min().map(RuleWriter::complement), completeness.minInclusive());
    }

    private static double complement(double share) {
        return HUNDRED.multiply(BigDecimal.ONE.subtract(BigDecimal.valueOf(share))).doubleValue();
    }

    private static Optional<Map.Entry<String, Object>> operator(Threshold.Range r) {
        if (r.min().isPresent() && r.max().isPresent()) {
            double lo = r.min().get();
            double hi = r.max().get();
            if (!r.minInclusive() || !r.maxInclusive()) {
                return Optional.empty(); // one operator cannot say (lo, hi] or (lo, hi)
            }
            return Optional.of(lo == hi ? Map.entry("mustBe", OdcsNames.number(lo))
                    : Map.entry("mustBeBetween", List.of(OdcsNames.number(lo), OdcsNames.number(hi))));
        }
        if (r.min().isPresent()) {
            return Optional.of(Map.entry(r.minInclusive() ? "mustBeGreaterOrEqualTo" : "mustBeGreaterThan",
                    OdcsNames.number(r.min().get())));
        }
        if (r.max().isPresent()) {
            return Optional.of(Map.entry(r.maxInclusive() ? "mustBeLessOrEqualTo" : "mustBeLessThan",
                    OdcsNames.number(r.max().get())));
        }
        return Optional.empty();
    }
}
