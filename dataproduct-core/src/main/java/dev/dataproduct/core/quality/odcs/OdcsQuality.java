package dev.dataproduct.core.quality.odcs;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.QualityRule;
import dev.dataproduct.api.contract.SchemaObject;
import dev.dataproduct.api.contract.SchemaProperty;
import dev.dataproduct.api.quality.Check;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the quality rules of an ODCS contract into checks the quality engine runs, and checks back
 * into ODCS library rules.
 *
 * <p><b>Rules to checks.</b> Each check is on the dataset named like the rule's schema object; a
 * property-level rule checks that (top-level) property:
 * <ul>
 *   <li>{@code nullValues} → {@link Check#nulls(String)};</li>
 *   <li>{@code missingValues} with {@code arguments.missingValues} → {@link Check#missing(String, String...)};
 *       a {@code null} in the list is dropped, since the SDK always counts nulls as missing;</li>
 *   <li>{@code invalidValues} with {@code arguments.validValues} and/or {@code arguments.pattern} →
 *       {@link Check#invalid(String, dev.dataproduct.api.quality.Metric.Validity)}, the values as text;</li>
 *   <li>{@code duplicateValues} → {@link Check#duplicates(String...)} of the property, or at object
 *       level of the properties in {@code arguments.properties};</li>
 *   <li>{@code rowCount} (object level) → {@link Check#rowCount()}.</li>
 * </ul>
 * The v3.0 {@code rule} names {@code duplicateCount} and {@code validValues} (with {@code validValues}
 * on the rule itself) are read as {@code duplicateValues} and {@code invalidValues}; a {@code rule}
 * that spells a v3.1 metric is read as that metric. {@code unit: percent} makes the threshold a
 * percentage of the rows (0 to 100).
 *
 * <p><b>Operators.</b> {@code mustBe} → exactly; {@code mustBeGreaterThan}, {@code mustBeGreaterOrEqualTo},
 * {@code mustBeLessThan}, {@code mustBeLessOrEqualTo} → the same bound; {@code mustBeBetween} →
 * between, <em>inclusive</em> on both ends. The ODCS text calls {@code mustBeBetween} equivalent to
 * {@code mustBeGreaterThan} plus {@code mustBeLessThan}, but most tools read it inclusively, and so do
 * the SDK's thresholds and its contract compatibility checker. A threshold is one range, so the
 * negated operators are read only where the values a library metric can take (0 and up, or 0 to
 * 100 in percent) leave one range: {@code mustNotBe: 0} → greater than 0, {@code mustNotBeBetween:
 * [0, 5]} → greater than 5 (the excluded bounds are inclusive, the complement of
 * {@code mustBeBetween}), {@code mustNotBe: 100} in percent → less than 100. Any other negated
 * operator is reported as unsupported.
 *
 * <p><b>Metadata.</b> {@code severity} → {@link dev.dataproduct.api.quality.Severity#ofLabel(String)}
 * (empty is error; {@code warn} is read as warning); {@code dimension} → its
 * {@link dev.dataproduct.api.quality.Dimension}, the DQ abbreviations ({@code cp}, {@code uq}, ...)
 * included; otherwise the metric's usual dimension. The check is named like the rule, or like its
 * metric when the rule has no name; a repeated name within a dataset gets {@code #2}, {@code #3}.
 * The description is kept. A check does not carry the rule's {@code id}, tags, business impact,
 * method or schedule.
 *
 * <p><b>Unsupported.</b> Nothing is dropped silently: text rules (for people), sql rules (the engine
 * runs no SQL), custom rules (run by their own engine), unknown metrics, arguments or units, rules
 * on nested properties, and operators that do not fit one range are listed in
 * {@link Mapping#unsupported()}, each with where it is and why.
 *
 * <p><b>Checks to rules.</b> {@link #toRule(Check)} writes the inverse for checks with a library
 * form: nulls, missing values, allowed values and patterns, duplicates, row counts, and
 * completeness (as {@code nullValues} in percent: completeness at least 0.99 is at most 1 percent
 * of nulls). A threshold that is one bound or an inclusive range becomes one operator; checks with
 * a warn zone, an anomaly comparison or no bound at all have no library form.
 */
public final class OdcsQuality {
    private OdcsQuality() {
    }

    /**
     * The checks read from a contract, and the rules that could not be read as checks.
     *
     * @param checks the checks, in the order of the contract's objects and rules
     * @param unsupported one line per rule not read, saying where it is and why
     */
    public record Mapping(List<Check> checks, List<String> unsupported) {
        /** Copies the lists. */
        public Mapping {
            checks = List.copyOf(checks);
            unsupported = List.copyOf(unsupported);
        }
    }

    /**
     * Reads the quality rules of every schema object of a contract, at object and property level.
     *
     * @param contract the contract
     * @return the checks, each on the dataset named like its object, and the rules not read
     */
    public static Mapping toChecks(DataContract contract) {
        Objects.requireNonNull(contract, "contract");
        List<Check> checks = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        for (SchemaObject object : contract.schema()) {
            Mapping m = toChecks(object);
            checks.addAll(m.checks());
            unsupported.addAll(m.unsupported());
        }
        return new Mapping(checks, unsupported);
    }

    /**
     * Reads the quality rules of one schema object and of its properties.
     *
     * @param object the schema object; its name is the dataset of the checks
     * @return the checks and the rules not read
     */
    public static Mapping toChecks(SchemaObject object) {
        Objects.requireNonNull(object, "object");
        RuleReader reader = new RuleReader(object);
        List<Check> checks = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        String objectWhere = "schema '" + object.name() + "'";
        read(reader, "", objectWhere, object.quality(), checks, unsupported);
        for (SchemaProperty p : object.properties()) {
            String where = objectWhere + ", property '" + p.name() + "'";
            read(reader, p.name(), where, p.quality(), checks, unsupported);
            nested(where, p, unsupported);
        }
        return new Mapping(disambiguate(checks), unsupported);
    }

    private static void read(RuleReader reader, String property, String where, List<QualityRule> rules,
                             List<Check> checks, List<String> unsupported) {
        for (int i = 0; i < rules.size(); i++) {
            QualityRule rule = rules.get(i);
            String at = where + ", quality[" + i + "]" + (rule.name().isEmpty() ? "" : " '" + rule.name() + "'");
            try {
                checks.add(reader.read(property, rule));
            } catch (RuleReader.Unsupported e) {
                unsupported.add(at + ": " + e.getMessage());
            }
        }
    }

    /** Rules below a top-level property are reported: checks read top-level columns only. */
    private static void nested(String where, SchemaProperty parent, List<String> unsupported) {
        List<SchemaProperty> children = new ArrayList<>(parent.properties());
        parent.items().ifPresent(children::add);
        for (SchemaProperty child : children) {
            String at = where + (child.name().isEmpty() ? ", items" : ", property '" + child.name() + "'");
            for (int i = 0; i < child.quality().size(); i++) {
                unsupported.add(at + ", quality[" + i + "]: a rule on a nested property; checks read top-level"
                        + " columns only");
            }
            nested(at, child, unsupported);
        }
    }

    /** Names repeated within a dataset get {@code #2}, {@code #3}, ... in order. */
    private static List<Check> disambiguate(List<Check> checks) {
        Set<String> taken = new HashSet<>();
        checks.forEach(c -> taken.add(key(c.dataset(), c.name())));
        Set<String> used = new HashSet<>();
        List<Check> out = new ArrayList<>(checks.size());
        for (Check c : checks) {
            if (used.add(key(c.dataset(), c.name()))) {
                out.add(c);
                continue;
            }
            int n = 1;
            String name;
            do {
                n++;
                name = c.name() + "#" + n;
            } while (taken.contains(key(c.dataset(), name)) || used.contains(key(c.dataset(), name)));
            used.add(key(c.dataset(), name));
            out.add(c.named(name));
        }
        return out;
    }

    private static String key(String dataset, String name) {
        return dataset + "\u0000" + name;
    }

    /**
     * Writes a check as an ODCS library rule, the inverse of {@link #toChecks(DataContract)}.
     *
     * @param check a check
     * @return the rule, or empty if the check has no library form (see the class comment); place it
     *     on the property {@link #propertyOf(Check)} names
     */
    public static Optional<QualityRule> toRule(Check check) {
        return RuleWriter.write(Objects.requireNonNull(check, "check"));
    }

    /**
     * @param check a check
     * @return the property whose {@code quality} holds the check's rule, or {@code ""} for the schema
     *     object (row counts and duplicates of several columns)
     */
    public static String propertyOf(Check check) {
        return RuleWriter.property(Objects.requireNonNull(check, "check"));
    }

    /**
     * Writes the checks of one dataset as ODCS library rules grouped by where they go. Checks
     * without a library form are left out: call {@link #toRule(Check)} to find them.
     *
     * @param checks checks of one dataset
     * @return the rules by property name, {@code ""} for the object level, in the order of the checks
     */
    public static Map<String, List<QualityRule>> toRules(Collection<Check> checks) {
        Map<String, List<QualityRule>> out = new LinkedHashMap<>();
        for (Check c : checks) {
            toRule(c).ifPresent(r -> out.computeIfAbsent(propertyOf(c), k -> new ArrayList<>()).add(r));
        }
        Map<String, List<QualityRule>> frozen = new LinkedHashMap<>();
        out.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(frozen);
    }
}
