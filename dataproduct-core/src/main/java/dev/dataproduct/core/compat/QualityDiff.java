package dev.dataproduct.core.compat;

import static dev.dataproduct.core.compat.ChangeClass.BREAKING;
import static dev.dataproduct.core.compat.ChangeClass.NEEDS_REVIEW;
import static dev.dataproduct.core.compat.ChangeClass.NON_BREAKING;

import dev.dataproduct.api.contract.QualityRule;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Compares the quality rules of an object or a property, and the allowed values of a property (a
 * library {@code invalidValues} rule with {@code arguments.validValues} and {@code mustBe: 0}).
 *
 * <p>Rules are paired by {@code id} where both versions give one, otherwise by what they check
 * (type, metric, arguments, query, engine and implementation, or the text of a text rule). A rule
 * blocks data unless its severity is {@code warning} or {@code info}; changes to rules that do not
 * block never break, and text rules, which no machine checks, always need review.
 */
final class QualityDiff {
    private QualityDiff() {
    }

    static void compare(Findings out, String path, List<QualityRule> before, List<QualityRule> after) {
        allowedValues(out, path, allowedValues(before), allowedValues(after));
        List<QualityRule> b = before.stream().filter(r -> !isAllowedValues(r)).collect(Collectors.toList());
        List<QualityRule> a = after.stream().filter(r -> !isAllowedValues(r)).collect(Collectors.toList());
        QualityRule[] partner = new QualityRule[b.size()];
        Set<QualityRule> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        pair(b, a, partner, taken, true);
        pair(b, a, partner, taken, false);
        for (int i = 0; i < b.size(); i++) {
            QualityRule old = b.get(i);
            if (partner[i] == null) {
                String at = Findings.child(path, "quality", label(old, b));
                if (isText(old)) {
                    out.add(Rule.QUALITY_RULE_REMOVED, at, NEEDS_REVIEW, NEEDS_REVIEW, "Text rule removed.");
                } else {
                    out.add(Rule.QUALITY_RULE_REMOVED, at, NON_BREAKING, blocking(old) ? BREAKING : NON_BREAKING,
                            "Quality rule " + describe(old) + " removed.");
                }
            } else {
                pairChanged(out, Findings.child(path, "quality", label(partner[i], a)), old, partner[i]);
            }
        }
        for (QualityRule rule : a) {
            if (!taken.contains(rule)) {
                String at = Findings.child(path, "quality", label(rule, a));
                if (isText(rule)) {
                    out.add(Rule.QUALITY_RULE_ADDED, at, NEEDS_REVIEW, NEEDS_REVIEW, "Text rule added.");
                } else {
                    out.add(Rule.QUALITY_RULE_ADDED, at, blocking(rule) ? BREAKING : NON_BREAKING, NON_BREAKING,
                            "Quality rule " + describe(rule) + " added"
                                    + (blocking(rule) ? "; data that passed before may fail it." : " as a "
                                    + rule.severity() + ", which does not block data."));
                }
            }
        }
    }

    private static void pair(List<QualityRule> before, List<QualityRule> after, QualityRule[] partner,
                             Set<QualityRule> taken, boolean byId) {
        for (int i = 0; i < before.size(); i++) {
            if (partner[i] != null) {
                continue;
            }
            QualityRule old = before.get(i);
            for (QualityRule candidate : after) {
                boolean same = byId ? !old.id().isEmpty() && old.id().equals(candidate.id())
                        : definition(old).equals(definition(candidate));
                if (same && !taken.contains(candidate)) {
                    partner[i] = candidate;
                    taken.add(candidate);
                    break;
                }
            }
        }
    }

    private static void pairChanged(Findings out, String path, QualityRule old, QualityRule now) {
        boolean oldBlocks = blocking(old);
        boolean nowBlocks = blocking(now);
        if (isText(old) || isText(now)) {
            if (!old.description().equals(now.description()) || isText(old) != isText(now)) {
                out.add(Rule.QUALITY_RULE_CHANGED, path, NEEDS_REVIEW, NEEDS_REVIEW, "Text rule changed.");
            }
            return;
        }
        if (!definition(old).equals(definition(now))) {
            adjusted(out, Rule.QUALITY_RULE_CHANGED, path, oldBlocks, nowBlocks,
                    "Rule changed from " + describe(old) + " to " + describe(now) + ".");
        } else {
            threshold(out, path, old, now, oldBlocks, nowBlocks);
        }
        if (oldBlocks != nowBlocks) {
            out.add(nowBlocks ? Rule.QUALITY_SEVERITY_RAISED : Rule.QUALITY_SEVERITY_LOWERED, path,
                    "Severity changed from " + severity(old) + " to " + severity(now)
                            + (nowBlocks ? "; failing data is now rejected."
                            : "; failing data is no longer rejected."));
        } else {
            out.metadata(path, "severity", old.severity(), now.severity());
        }
        out.metadata(path, "name", old.name(), now.name());
        out.metadata(path, "description", old.description(), now.description());
        out.metadata(path, "dimension", old.dimension(), now.dimension());
        out.metadata(path, "businessImpact", old.businessImpact(), now.businessImpact());
        out.metadata(path, "method", old.method(), now.method());
        out.metadata(path, "schedule", old.scheduler() + " " + old.schedule(), now.scheduler() + " " + now.schedule());
        out.metadata(path, "tags", old.tags(), now.tags());
        out.metadata(path, "authoritativeDefinitions", old.authoritativeDefinitions(), now.authoritativeDefinitions());
        out.metadata(path, "customProperties", old.customProperties(), now.customProperties());
        out.metadata(path, "extensions", old.extensions(), now.extensions());
    }

    private static void threshold(Findings out, String path, QualityRule old, QualityRule now, boolean oldBlocks,
                                  boolean nowBlocks) {
        if (threshold(old).equals(threshold(now))) {
            return;
        }
        String change = "Threshold changed from " + threshold(old) + " to " + threshold(now);
        Optional<List<Interval>> was = accepted(old);
        Optional<List<Interval>> is = accepted(now);
        boolean sameUnit = unit(old).equals(unit(now));
        boolean stricter = sameUnit && was.isPresent() && is.isPresent() && Interval.within(is.get(), was.get());
        boolean looser = sameUnit && was.isPresent() && is.isPresent() && Interval.within(was.get(), is.get());
        if (stricter && !looser) {
            adjusted(out, Rule.QUALITY_THRESHOLD_STRICTER, path, oldBlocks, nowBlocks,
                    change + "; data that passed before may fail.");
        } else if (looser && !stricter) {
            adjusted(out, Rule.QUALITY_THRESHOLD_LOOSER, path, oldBlocks, nowBlocks, change + ".");
        } else if (!stricter) {
            adjusted(out, Rule.QUALITY_THRESHOLD_CHANGED, path, oldBlocks, nowBlocks,
                    change + "; the two cannot be compared.");
        }
    }

    /** A rule's usual classes, except that a rule which does not block data never breaks on its side. */
    private static void adjusted(Findings out, Rule rule, String path, boolean oldBlocks, boolean nowBlocks,
                                 String description) {
        out.add(rule, path, nowBlocks ? rule.backward() : NON_BREAKING, oldBlocks ? rule.forward() : NON_BREAKING,
                description);
    }

    // ----- allowed values

    static boolean isAllowedValues(QualityRule r) {
        return "invalidValues".equals(metric(r)) && r.arguments().get("validValues") instanceof List
                && "mustBe".equals(r.operator()) && r.operatorValue().flatMap(Values::decimal)
                        .map(v -> v.signum() == 0).orElse(false);
    }

    private static Optional<List<?>> allowedValues(List<QualityRule> rules) {
        return rules.stream().filter(QualityDiff::isAllowedValues).findFirst()
                .map(r -> (List<?>) r.arguments().get("validValues"));
    }

    private static void allowedValues(Findings out, String path, Optional<List<?>> before, Optional<List<?>> after) {
        if (before.isEmpty() && after.isEmpty()) {
            return;
        }
        if (before.isEmpty()) {
            out.add(Rule.ALLOWED_VALUES_REMOVED, path, "Values restricted to " + after.get()
                    + "; any value was allowed before.");
            return;
        }
        if (after.isEmpty()) {
            out.add(Rule.ALLOWED_VALUES_ADDED, path, "Any value is allowed now; before only " + before.get() + ".");
            return;
        }
        List<Object> removed = minus(before.get(), after.get());
        List<Object> added = minus(after.get(), before.get());
        if (!removed.isEmpty()) {
            out.add(Rule.ALLOWED_VALUES_REMOVED, path, "Allowed values " + removed + " removed.");
        }
        if (!added.isEmpty()) {
            out.add(Rule.ALLOWED_VALUES_ADDED, path, "Allowed values " + added + " added.");
        }
    }

    private static List<Object> minus(List<?> from, List<?> other) {
        Set<String> keep = other.stream().map(Values::canonical).collect(Collectors.toSet());
        return from.stream().filter(v -> !keep.contains(Values.canonical(v))).collect(Collectors.toList());
    }

    // ----- reading rules

    static boolean blocking(QualityRule r) {
        String s = r.severity().toLowerCase(Locale.ROOT);
        return !(s.equals("warning") || s.equals("warn") || s.equals("info"));
    }

    private static String severity(QualityRule r) {
        return r.severity().isEmpty() ? "(none, which blocks)" : r.severity();
    }

    private static boolean isText(QualityRule r) {
        return r.effectiveType().equals("text");
    }

    private static String metric(QualityRule r) {
        return r.metric().isEmpty() ? r.rule() : r.metric();
    }

    /** What a rule checks, without its threshold: rules with the same definition are the same rule. */
    private static List<Object> definition(QualityRule r) {
        return isText(r) ? List.of("text", r.description())
                : List.of(r.effectiveType(), metric(r), r.arguments(), r.query(), r.engine(),
                        r.implementation().map(Object::toString).orElse(""));
    }

    private static String describe(QualityRule r) {
        String what = r.effectiveType().equals("library") ? metric(r)
                : r.effectiveType().equals("custom") ? r.engine() + " check" : r.effectiveType() + " check";
        String name = r.name().isEmpty() ? "" : " '" + r.name() + "'";
        return what + name + (r.operator().isEmpty() ? "" : " " + threshold(r));
    }

    private static String threshold(QualityRule r) {
        return r.operator() + " " + r.operatorValue().map(Object::toString).orElse("") + " " + unit(r);
    }

    static String unit(QualityRule r) {
        return r.unit().isEmpty() ? "rows" : r.unit();
    }

    /** A path label: the id, the name, or what the rule checks; a repeated label gets {@code #2}, {@code #3}. */
    private static String label(QualityRule rule, List<QualityRule> all) {
        String base = base(rule);
        int nth = 0;
        int total = 0;
        for (QualityRule r : all) {
            if (base(r).equals(base)) {
                total++;
                if (r == rule) {
                    nth = total;
                }
            }
        }
        return nth > 1 ? base + "#" + nth : base;
    }

    private static String base(QualityRule r) {
        if (!r.id().isEmpty()) {
            return r.id();
        }
        if (!r.name().isEmpty()) {
            return r.name();
        }
        return r.effectiveType().equals("library") ? metric(r) : r.effectiveType();
    }

    // ----- thresholds as sets of accepted metric values

    /** The metric values a rule accepts; empty when the operator or its value is not numeric. */
    static Optional<List<Interval>> accepted(QualityRule r) {
        Object value = r.operatorValue().orElse(null);
        if (r.operator().equals("mustBeBetween") || r.operator().equals("mustNotBeBetween")) {
            if (!(value instanceof List) || ((List<?>) value).size() != 2) {
                return Optional.empty();
            }
            Optional<BigDecimal> lo = Values.decimal(((List<?>) value).get(0));
            Optional<BigDecimal> hi = Values.decimal(((List<?>) value).get(1));
            if (lo.isEmpty() || hi.isEmpty()) {
                return Optional.empty();
            }
            // inclusive, as most implementations read it (the ODCS text is ambiguous)
            return Optional.of(r.operator().equals("mustBeBetween")
                    ? List.of(new Interval(lo.get(), true, hi.get(), true))
                    : List.of(new Interval(null, false, lo.get(), false), new Interval(hi.get(), false, null, false)));
        }
        Optional<BigDecimal> v = Values.decimal(value);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal x = v.get();
        switch (r.operator()) {
            case "mustBe": return Optional.of(List.of(new Interval(x, true, x, true)));
            case "mustNotBe":
                return Optional.of(List.of(new Interval(null, false, x, false), new Interval(x, false, null, false)));
            case "mustBeGreaterThan": return Optional.of(List.of(new Interval(x, false, null, false)));
            case "mustBeGreaterOrEqualTo": return Optional.of(List.of(new Interval(x, true, null, false)));
            case "mustBeLessThan": return Optional.of(List.of(new Interval(null, false, x, false)));
            case "mustBeLessOrEqualTo": return Optional.of(List.of(new Interval(null, false, x, true)));
            default: return Optional.empty();
        }
    }

    /** An interval of numbers; a null end is unbounded. */
    record Interval(BigDecimal lo, boolean loIn, BigDecimal hi, boolean hiIn) {
        /** Whether every interval of {@code inner} lies within one of {@code outer} (which are disjoint). */
        static boolean within(List<Interval> inner, List<Interval> outer) {
            return inner.stream().allMatch(i -> outer.stream().anyMatch(o -> o.contains(i)));
        }

        boolean contains(Interval i) {
            boolean loOk = lo == null
                    || i.lo != null && (lo.compareTo(i.lo) < 0 || lo.compareTo(i.lo) == 0 && (loIn || !i.loIn));
            boolean hiOk = hi == null
                    || i.hi != null && (hi.compareTo(i.hi) > 0 || hi.compareTo(i.hi) == 0 && (hiIn || !i.hiIn));
            return loOk && hiOk;
        }
    }
}
