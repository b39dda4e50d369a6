package dev.dataproduct.core.compat;

import dev.dataproduct.api.contract.SlaProperty;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares service level promises, paired by property (ignoring case) and element.
 *
 * <p>Which way is stronger depends on the property: a lower {@code latency}, {@code frequency},
 * {@code errorRate}, {@code timeToDetect}, {@code timeToNotify} or {@code timeToRepair}; a higher
 * {@code availability}, {@code throughput} or {@code retention} (data kept longer); a later
 * {@code endOfSupport} or {@code endOfLife}. Durations in different units are compared in seconds
 * (a month is 30 days, a year 365). Other properties, and values that cannot be compared, need
 * review.
 */
final class SlaDiff {
    private static final Set<String> LOWER_IS_STRONGER = Set.of("latency", "ly", "frequency", "fy", "errorrate",
            "er", "timetodetect", "td", "timetonotify", "tn", "timetorepair", "tr");
    private static final Set<String> HIGHER_IS_STRONGER = Set.of("availability", "av", "throughput", "th",
            "retention", "re");
    private static final Set<String> LATER_IS_STRONGER = Set.of("endofsupport", "es", "endoflife", "el");
    private static final Pattern QUANTITY = Pattern.compile("\\s*([-+]?\\d+(?:\\.\\d+)?)\\s*([A-Za-z%]*)\\s*");
    private static final Map<String, Long> SECONDS = secondsPerUnit();

    private SlaDiff() {
    }

    static void compare(Findings out, List<SlaProperty> before, List<SlaProperty> after) {
        for (Pairs.Pair<SlaProperty> p : Pairs.pair(before, after, SlaDiff::key)) {
            if (p.after() == null) {
                out.add(Rule.SLA_REMOVED, path(p.before()), "Service level " + describe(p.before()) + " removed.");
            } else if (p.before() == null) {
                out.add(Rule.SLA_ADDED, path(p.after()), "Service level " + describe(p.after()) + " added.");
            } else {
                compare(out, path(p.before()), p.before(), p.after());
            }
        }
    }

    private static void compare(Findings out, String path, SlaProperty old, SlaProperty now) {
        if (!value(old).equals(value(now))) {
            Optional<Integer> stronger = strength(old, now);
            String change = Findings.capitalised(old.property()) + " changed from " + value(old) + " to " + value(now);
            if (stronger.isEmpty()) {
                out.add(Rule.SLA_CHANGED, path, change + "; the two cannot be compared.");
            } else if (stronger.get() == 0) {
                out.add(Rule.METADATA_CHANGED, path, change + ", the same promise in other words.");
            } else if (stronger.get() > 0) {
                out.add(Rule.SLA_STRICTER, path, change + ", a stronger promise.");
            } else {
                out.add(Rule.SLA_LOOSER, path, change + ", a weaker promise.");
            }
        }
        if (!old.valueExt().equals(now.valueExt())) {
            out.add(Rule.SLA_CHANGED, path, "Extended value changed" + Findings.fromTo(
                    old.valueExt().orElse(null), now.valueExt().orElse(null)) + ".");
        }
        out.metadata(path, "driver", old.driver(), now.driver());
        out.metadata(path, "description", old.description(), now.description());
        out.metadata(path, "schedule", old.scheduler() + " " + old.schedule(), now.scheduler() + " " + now.schedule());
        out.metadata(path, "extensions", old.extensions(), now.extensions());
    }

    /** @return positive if {@code now} promises more than {@code old}, negative if less; empty if unknown */
    private static Optional<Integer> strength(SlaProperty old, SlaProperty now) {
        String property = old.property().toLowerCase(Locale.ROOT);
        if (LATER_IS_STRONGER.contains(property)) {
            return Values.compare(now.value().orElse(null), old.value().orElse(null));
        }
        boolean lower = LOWER_IS_STRONGER.contains(property);
        if (!lower && !HIGHER_IS_STRONGER.contains(property)) {
            return Optional.empty();
        }
        Optional<Integer> order = compareQuantities(now, old);
        return lower ? order.map(c -> -c) : order;
    }

    private static Optional<Integer> compareQuantities(SlaProperty a, SlaProperty b) {
        Optional<Quantity> x = quantity(a);
        Optional<Quantity> y = quantity(b);
        if (x.isEmpty() || y.isEmpty()) {
            return Optional.empty();
        }
        if (x.get().unit().equals(y.get().unit())) {
            return Optional.of(x.get().amount().compareTo(y.get().amount()));
        }
        return x.get().seconds().flatMap(s -> y.get().seconds().map(s::compareTo));
    }

    /** A number with a normalised unit, such as {@code 4 d} or {@code 99.9 %}. */
    record Quantity(BigDecimal amount, String unit) {
        Optional<BigDecimal> seconds() {
            return Optional.ofNullable(SECONDS.get(unit)).map(s -> amount.multiply(BigDecimal.valueOf(s)));
        }
    }

    static Optional<Quantity> quantity(SlaProperty s) {
        Object value = s.value().orElse(null);
        if (value == null || value instanceof Boolean) {
            return Optional.empty();
        }
        Matcher m = QUANTITY.matcher(value.toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        String unit = (s.unit().isEmpty() ? m.group(2) : s.unit()).strip().toLowerCase(Locale.ROOT);
        return Optional.of(new Quantity(new BigDecimal(m.group(1)), unit.equals("percent") ? "%" : unit));
    }

    private static Map<String, Long> secondsPerUnit() {
        Map<String, Long> m = new HashMap<>();
        long[] seconds = {1, 60, 3600, 86_400, 604_800, 2_592_000, 31_536_000};
        String[][] names = {{"s", "sec", "secs", "second", "seconds"}, {"min", "mins", "minute", "minutes"},
            {"h", "hr", "hrs", "hour", "hours"}, {"d", "day", "days"}, {"w", "wk", "week", "weeks"},
            {"mo", "month", "months"}, {"y", "yr", "yrs", "year", "years"}};
        for (int i = 0; i < names.length; i++) {
            for (String name : names[i]) {
                m.put(name, seconds[i]);
            }
        }
        return Map.copyOf(m);
    }

    private static String key(SlaProperty s) {
        return s.property().toLowerCase(Locale.ROOT) + "@" + s.element();
    }

    private static String path(SlaProperty s) {
        return Findings.child("", "slaProperties", s.element().isEmpty() ? s.property()
                : s.property() + "@" + s.element());
    }

    private static String value(SlaProperty s) {
        String v = s.value().map(Object::toString).orElse("(none)");
        return s.unit().isEmpty() ? v : v + " " + s.unit();
    }

    private static String describe(SlaProperty s) {
        return s.property() + " " + value(s);
    }
}
