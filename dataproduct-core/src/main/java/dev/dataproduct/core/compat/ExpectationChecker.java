package dev.dataproduct.core.compat;

import dev.dataproduct.api.contract.ConsumerExpectations;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.contract.QualityRule;
import dev.dataproduct.api.contract.SchemaObject;
import dev.dataproduct.api.contract.SchemaProperty;
import dev.dataproduct.api.contract.SlaProperty;
import dev.dataproduct.api.schema.LogicalType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Checks what a consumer relies on against a provider's contract, so that a downstream product
 * learns in a unit test, or at build time, that an upstream contract (or a change to it) would
 * break it.
 *
 * <p>A field is met when the contract has it (a dotted name reaches into nested objects) with a type
 * that is the consumer's or widens into it (by the checker's proven widenings), and, if the consumer
 * needs a value in every row, marks it required. A key is met when the contract's primary key has
 * the same fields in the same order. A freshness is met when the contract's {@code latency} (or,
 * without one, {@code frequency}) SLA is at most the consumer's. A quality expectation is met when a
 * blocking library rule of the same metric and unit, on the same property, accepts only values
 * within the consumer's limit.
 *
 * <pre>{@code
 * ExpectationChecker.check(dashboardNeeds, OdcsCodec.read(Path.of("purchases.odcs.yaml"))).assertMet();
 * }</pre>
 */
public final class ExpectationChecker {
    private ExpectationChecker() {
    }

    /**
     * @param expectations what the consumer relies on
     * @param provider the provider's contract
     * @return every unmet expectation with its reason
     */
    public static ExpectationReport check(ConsumerExpectations expectations, DataContract provider) {
        List<UnmetExpectation> unmet = new ArrayList<>();
        Optional<SchemaObject> object = provider.object(expectations.object());
        if (object.isEmpty()) {
            unmet.add(new UnmetExpectation("object " + expectations.object(), "the contract has no such object; it has "
                    + provider.schema().stream().map(SchemaObject::name).toList()));
        } else {
            fields(expectations, object.get(), unmet);
            key(expectations, object.get(), unmet);
            quality(expectations, object.get(), unmet);
        }
        expectations.freshness().ifPresent(max -> freshness(max, provider, unmet));
        return new ExpectationReport(expectations.consumer(), provider.id(), provider.version(), unmet);
    }

    private static void fields(ConsumerExpectations e, SchemaObject object, List<UnmetExpectation> unmet) {
        for (ConsumerExpectations.FieldExpectation f : e.fields()) {
            String what = "field " + f.name() + " as " + f.type().typeName() + (f.required() ? ", required" : "");
            Optional<SchemaProperty> property = property(object, f.name());
            if (property.isEmpty()) {
                unmet.add(new UnmetExpectation(what, "object '" + object.name() + "' has no such property"));
                continue;
            }
            SchemaProperty p = property.get();
            Types.Declared declared = Types.of(p);
            if (declared.exact().isEmpty()) {
                unmet.add(new UnmetExpectation(what, "the contract declares it only as " + declared.label()
                        + ", which does not prove it reads as " + f.type().typeName()));
            } else {
                LogicalType provided = declared.exact().get();
                if (!provided.equals(f.type()) && !Types.widens(provided, f.type())) {
                    unmet.add(new UnmetExpectation(what, "the contract has it as " + provided.typeName()
                            + ", which does not widen to " + f.type().typeName()));
                }
            }
            if (f.required() && !p.required() && !p.primaryKey()) {
                unmet.add(new UnmetExpectation(what, "the contract does not mark it required, so rows may have no value"));
            }
        }
    }

    private static Optional<SchemaProperty> property(SchemaObject object, String dottedName) {
        List<SchemaProperty> level = object.properties();
        Optional<SchemaProperty> found = Optional.empty();
        for (String part : dottedName.split("\\.")) {
            found = level.stream().filter(p -> p.name().equals(part)).findFirst();
            if (found.isEmpty()) {
                return found;
            }
            level = found.get().properties();
        }
        return found;
    }

    private static void key(ConsumerExpectations e, SchemaObject object, List<UnmetExpectation> unmet) {
        if (e.key().isEmpty()) {
            return;
        }
        List<String> key = object.properties().stream().filter(SchemaProperty::primaryKey)
                .sorted(Comparator.comparingInt(SchemaProperty::primaryKeyPosition)).map(SchemaProperty::name).toList();
        if (!key.equals(e.key())) {
            unmet.add(new UnmetExpectation("key " + e.key(), key.isEmpty() ? "the contract declares no primary key"
                    : "the contract's primary key is " + key));
        }
    }

    private static void freshness(java.time.Duration max, DataContract provider, List<UnmetExpectation> unmet) {
        String what = "freshness within " + max;
        Optional<SlaProperty> sla = provider.sla("latency").or(() -> provider.sla("frequency"));
        if (sla.isEmpty()) {
            unmet.add(new UnmetExpectation(what, "the contract promises no latency or frequency"));
            return;
        }
        Optional<BigDecimal> seconds = SlaDiff.quantity(sla.get()).flatMap(SlaDiff.Quantity::seconds);
        if (seconds.isEmpty()) {
            unmet.add(new UnmetExpectation(what, "the contract's " + sla.get().property() + " '"
                    + sla.get().value().orElse("") + " " + sla.get().unit() + "' is not a duration"));
        } else if (seconds.get().compareTo(BigDecimal.valueOf(max.getSeconds())) > 0) {
            unmet.add(new UnmetExpectation(what, "the contract promises a " + sla.get().property() + " of "
                    + sla.get().value().orElse("") + " " + sla.get().unit()));
        }
    }

    private static void quality(ConsumerExpectations e, SchemaObject object, List<UnmetExpectation> unmet) {
        for (ConsumerExpectations.QualityExpectation q : e.quality()) {
            boolean atLeast = q.metric().equals("rowCount");
            String what = q.metric() + (q.property().isEmpty() ? "" : " of " + q.property())
                    + (atLeast ? " at least " : " at most ") + q.limit().toPlainString() + " " + q.unit();
            List<QualityRule> rules;
            if (q.property().isEmpty()) {
                rules = object.quality();
            } else {
                Optional<SchemaProperty> p = property(object, q.property());
                if (p.isEmpty()) {
                    unmet.add(new UnmetExpectation(what, "object '" + object.name() + "' has no such property"));
                    continue;
                }
                rules = p.get().quality();
            }
            List<QualityDiff.Interval> wanted = List.of(atLeast
                    ? new QualityDiff.Interval(q.limit(), true, null, false)
                    : new QualityDiff.Interval(null, false, q.limit(), true));
            boolean met = rules.stream()
                    .filter(r -> r.metric().equals(q.metric()) && QualityDiff.blocking(r)
                            && QualityDiff.unit(r).equals(q.unit()))
                    .anyMatch(r -> QualityDiff.accepted(r).map(a -> QualityDiff.Interval.within(a, wanted)).orElse(false));
            if (!met) {
                unmet.add(new UnmetExpectation(what, "no blocking " + q.metric() + " rule of the contract guarantees it"));
            }
        }
    }
}
