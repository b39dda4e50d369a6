package dev.dataproduct.core.compat;

import static dev.dataproduct.core.compat.ChangeClass.BREAKING;
import static dev.dataproduct.core.compat.ChangeClass.NEEDS_REVIEW;
import static dev.dataproduct.core.compat.ChangeClass.NON_BREAKING;
import static dev.dataproduct.core.compat.TestContracts.contract;
import static dev.dataproduct.core.compat.TestContracts.orders;
import static dev.dataproduct.core.compat.TestContracts.rule;
import static dev.dataproduct.core.compat.TestContracts.withX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.core.compat.TestContracts.PropBuilder;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule table: each case changes one thing and must give exactly one change, with the expected
 * rule id and class under BACKWARD (and, where given, FORWARD and FULL).
 */
class CompatibilityCheckerTest {

    /** One row of the table; {@code forward}, {@code full} and {@code path} are null when not checked. */
    record Case(String name, DataContract before, DataContract after, String rule, ChangeClass backward,
                ChangeClass forward, ChangeClass full, String path) {
        Case forward(ChangeClass f, ChangeClass both) {
            return new Case(name, before, after, rule, backward, f, both, path);
        }

        Case at(String where) {
            return new Case(name, before, after, rule, backward, forward, full, where);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Case change(String name, DataContract before, DataContract after, String rule, ChangeClass backward) {
        return new Case(name, before, after, rule, backward, null, null, null);
    }

    /** A change to property {@code x} of {@code orders}. */
    static Case x(String name, Consumer<PropBuilder> before, Consumer<PropBuilder> after, String rule,
                  ChangeClass backward) {
        return change(name, withX(before), withX(after), rule, backward);
    }

    static Case type(String before, String after, String rule, ChangeClass backward) {
        return x(before + " to " + after, p -> p.type(before), p -> p.type(after), rule, backward);
    }

    static DataContract sla(String property, Object value, String unit) {
        return contract("1.0.0", c -> c.sla(property, value, unit));
    }

    static Stream<Case> cases() {
        return Stream.of(
            // structure
            change("object removed", contract("1.0.0", c -> c.object("orders", o -> { }).object("customers", o -> { })),
                    contract("1.0.0", c -> c.object("orders", o -> { })), "object-removed", BREAKING)
                    .forward(NON_BREAKING, BREAKING).at("schema[customers]"),
            change("object added", contract("1.0.0", c -> c.object("orders", o -> { })),
                    contract("1.0.0", c -> c.object("orders", o -> { }).object("customers", o -> { })),
                    "object-added", NON_BREAKING).forward(BREAKING, BREAKING),
            change("object renamed, same physical name",
                    contract("1.0.0", c -> c.object("orders", o -> o.physicalName("tbl_orders"))),
                    contract("1.0.0", c -> c.object("purchases", o -> o.physicalName("tbl_orders"))),
                    "object-renamed", BREAKING).forward(BREAKING, BREAKING).at("schema[purchases]"),
            change("optional property removed", withX(p -> { }), orders(o -> { }), "property-removed", BREAKING)
                    .forward(NON_BREAKING, BREAKING).at("schema[orders].properties[x]"),
            change("required property removed", withX(PropBuilder::required), orders(o -> { }),
                    "property-removed", BREAKING).forward(BREAKING, BREAKING),
            change("required property added", orders(o -> { }), withX(PropBuilder::required),
                    "property-added-required", BREAKING).forward(BREAKING, BREAKING),
            change("optional property added", orders(o -> { }), withX(p -> { }), "property-added-optional",
                    NON_BREAKING).forward(BREAKING, BREAKING),
            change("property renamed at the same position",
                    orders(o -> o.prop("zip", "string", p -> { })),
                    orders(o -> o.prop("postal_code", "string", p -> { })), "property-renamed", BREAKING)
                    .at("schema[orders].properties[postal_code]"),
            change("property renamed keeping its physical name",
                    orders(o -> o.prop("zip", "string", p -> { }).prop("note", "string", p -> { })),
                    orders(o -> o.prop("note", "string", p -> { })
                            .prop("postal_code", "string", p -> p.physicalName("zip"))),
                    "property-renamed", BREAKING),
            change("property renamed, same stable id",
                    orders(o -> o.prop("a", "int32", p -> p.id("amount")).prop("b", "string", p -> { })),
                    orders(o -> o.prop("b", "string", p -> { }).prop("amount", "int32", p -> p.id("amount"))),
                    "property-renamed", BREAKING),
            change("physical name changed", withX(p -> { }), withX(p -> p.physicalName("col_x")),
                    "physical-name-changed", BREAKING),
            change("nested property removed",
                    orders(o -> o.prop("address", "object", p -> p.prop("zip", "string", q -> { })
                            .prop("city", "string", q -> { }))),
                    orders(o -> o.prop("address", "object", p -> p.prop("zip", "string", q -> { }))),
                    "property-removed", BREAKING).at("schema[orders].properties[address].properties[city]"),
            change("required field added to array items",
                    orders(o -> o.prop("lines", "array", p -> p.items("object",
                            i -> i.prop("qty", "int32", q -> { })))),
                    orders(o -> o.prop("lines", "array", p -> p.items("object", i -> i.prop("qty", "int32", q -> { })
                            .prop("sku", "string", PropBuilder::required)))),
                    "property-added-required", BREAKING).at("schema[orders].properties[lines].items.properties[sku]"),
            // types
            type("int32", "int64", "type-widened", NON_BREAKING).forward(BREAKING, BREAKING),
            type("int64", "int32", "type-narrowed", BREAKING).forward(NON_BREAKING, BREAKING),
            x("integer format i8 to i16", p -> p.type("integer").option("format", "i8"),
                    p -> p.type("integer").option("format", "i16"), "type-widened", NON_BREAKING),
            type("float32", "float64", "type-widened", NON_BREAKING),
            type("int32", "float64", "type-widened", NON_BREAKING),
            type("int64", "float64", "type-changed", BREAKING).forward(BREAKING, BREAKING),
            type("decimal(10,2)", "decimal(12,2)", "type-widened", NON_BREAKING),
            type("decimal(12,2)", "decimal(12,4)", "type-changed", BREAKING),
            type("int32", "decimal(12,2)", "type-widened", NON_BREAKING),
            type("int32", "string", "type-changed", BREAKING),
            type("timestamp(ms)", "timestamp(us)", "type-widened", NON_BREAKING),
            type("timestamp(us)", "timestamp(ns)", "type-changed", BREAKING),
            type("timestamp(us)", "timestamp_tz(us)", "type-changed", BREAKING),
            type("integer", "number", "type-widened", NON_BREAKING),
            type("timestamp", "timestamp_tz(ms)", "type-changed", NEEDS_REVIEW).forward(NEEDS_REVIEW, NEEDS_REVIEW),
            change("array items widened",
                    orders(o -> o.prop("counts", "array", p -> p.items("int32", i -> { }))),
                    orders(o -> o.prop("counts", "array", p -> p.items("int64", i -> { }))),
                    "type-widened", NON_BREAKING).at("schema[orders].properties[counts].items"),
            // guarantees
            x("required added", p -> { }, PropBuilder::required, "required-added", BREAKING)
                    .forward(NEEDS_REVIEW, BREAKING),
            x("required removed", PropBuilder::required, p -> { }, "required-removed", NEEDS_REVIEW)
                    .forward(BREAKING, BREAKING),
            x("unique added", p -> { }, PropBuilder::unique, "unique-added", BREAKING),
            x("unique removed", PropBuilder::unique, p -> { }, "unique-removed", NEEDS_REVIEW),
            change("primary key extended", orders(o -> o.prop("line", "int32", p -> { })),
                    orders(o -> o.prop("line", "int32", p -> p.primaryKey(2))), "primary-key-changed", BREAKING)
                    .forward(BREAKING, BREAKING).at("schema[orders]"),
            // constraints
            x("minimum raised", p -> p.type("int32").option("minimum", 0), p -> p.type("int32").option("minimum", 1),
                    "minimum-raised", BREAKING).forward(NON_BREAKING, BREAKING),
            x("minimum lowered", p -> p.type("int32").option("minimum", 1), p -> p.type("int32").option("minimum", 0),
                    "minimum-lowered", NON_BREAKING).forward(BREAKING, BREAKING),
            x("minimum added", p -> p.type("int32"), p -> p.type("int32").option("minimum", 0),
                    "minimum-raised", BREAKING),
            x("maximum lowered", p -> p.type("int32").option("maximum", 100),
                    p -> p.type("int32").option("maximum", 50), "maximum-lowered", BREAKING),
            x("maximum removed", p -> p.type("int32").option("maximum", 100), p -> p.type("int32"),
                    "maximum-raised", NON_BREAKING),
            x("minimum made exclusive", p -> p.type("int32").option("minimum", 0),
                    p -> p.type("int32").option("exclusiveMinimum", 0), "exclusive-bound-tightened", BREAKING),
            x("date minimum raised", p -> p.type("date").option("minimum", "2020-01-01"),
                    p -> p.type("date").option("minimum", "2021-01-01"), "minimum-raised", BREAKING),
            x("maxLength lowered", p -> p.option("maxLength", 20), p -> p.option("maxLength", 10),
                    "max-length-lowered", BREAKING).forward(NON_BREAKING, BREAKING),
            x("maxLength raised", p -> p.option("maxLength", 10), p -> p.option("maxLength", 20),
                    "max-length-raised", NON_BREAKING),
            x("minLength raised", p -> p.option("minLength", 1), p -> p.option("minLength", 3),
                    "min-length-raised", BREAKING),
            x("pattern changed", p -> p.option("pattern", "^[A-Z]{3}$"), p -> p.option("pattern", "^[A-Z]{2,4}$"),
                    "pattern-changed", BREAKING).forward(BREAKING, BREAKING),
            x("pattern added", p -> { }, p -> p.option("pattern", "^SKU-\\d{6}$"), "pattern-added", BREAKING),
            x("pattern removed", p -> p.option("pattern", "^SKU-\\d{6}$"), p -> { }, "pattern-removed", NON_BREAKING),
            x("format added", p -> { }, p -> p.option("format", "email"), "format-added", BREAKING),
            x("maxItems lowered", p -> p.type("array").items("string", i -> { }).option("maxItems", 10),
                    p -> p.type("array").items("string", i -> { }).option("maxItems", 5), "max-items-lowered",
                    BREAKING),
            x("other option changed", p -> p.type("array").items("string", i -> { }).option("uniqueItems", false),
                    p -> p.type("array").items("string", i -> { }).option("uniqueItems", true), "option-changed",
                    NEEDS_REVIEW),
            x("allowed values removed", p -> p.allowed("a", "b", "c"), p -> p.allowed("a", "b"),
                    "allowed-values-removed", BREAKING).forward(NON_BREAKING, BREAKING),
            x("allowed values added", p -> p.allowed("a", "b"), p -> p.allowed("a", "b", "c"),
                    "allowed-values-added", NON_BREAKING).forward(BREAKING, BREAKING),
            x("allowed values introduced", p -> { }, p -> p.allowed("a", "b"), "allowed-values-removed", BREAKING),
            // quality
            x("duplicates threshold stricter", p -> p.quality(rule("duplicateValues", "mustBeLessThan", 10, "")),
                    p -> p.quality(rule("duplicateValues", "mustBeLessThan", 5, "")), "quality-threshold-stricter",
                    BREAKING).forward(NON_BREAKING, BREAKING)
                    .at("schema[orders].properties[x].quality[duplicateValues]"),
            x("duplicates threshold looser", p -> p.quality(rule("duplicateValues", "mustBeLessThan", 5, "")),
                    p -> p.quality(rule("duplicateValues", "mustBeLessThan", 10, "")), "quality-threshold-looser",
                    NON_BREAKING).forward(BREAKING, BREAKING),
            change("row count minimum raised", orders(o -> o.quality(rule("rowCount", "mustBeGreaterThan", 100, ""))),
                    orders(o -> o.quality(rule("rowCount", "mustBeGreaterThan", 1000, ""))),
                    "quality-threshold-stricter", BREAKING).at("schema[orders].quality[rowCount]"),
            change("row count between to less than", orders(o -> o.quality(rule("rowCount", "mustBeBetween",
                    List.of(0, 100), ""))), orders(o -> o.quality(rule("rowCount", "mustBeLessThan", 50, ""))),
                    "quality-threshold-changed", BREAKING),
            x("stricter threshold of a warning", p -> p.quality(rule("nullValues", "mustBeLessThan", 10, "warning")),
                    p -> p.quality(rule("nullValues", "mustBeLessThan", 1, "warning")), "quality-threshold-stricter",
                    NON_BREAKING),
            x("error rule added", p -> { }, p -> p.quality(rule("nullValues", "mustBe", 0, "error")),
                    "quality-rule-added", BREAKING).forward(NON_BREAKING, BREAKING),
            x("warning rule added", p -> { }, p -> p.quality(rule("nullValues", "mustBe", 0, "warning")),
                    "quality-rule-added", NON_BREAKING),
            x("rule removed", p -> p.quality(rule("nullValues", "mustBe", 0, "error")), p -> { },
                    "quality-rule-removed", NON_BREAKING).forward(BREAKING, BREAKING),
            x("severity raised", p -> p.quality(rule("nullValues", "mustBe", 0, "warning")),
                    p -> p.quality(rule("nullValues", "mustBe", 0, "error")), "quality-severity-raised", BREAKING),
            // relationships
            x("foreign key added", p -> { }, p -> p.references("customers.id"), "relationship-added", BREAKING)
                    .at("schema[orders].properties[x].relationships[customers.id]"),
            // service levels
            change("latency 4 d to 1 d", sla("latency", 4, "d"), sla("latency", 1, "d"), "sla-stricter", BREAKING)
                    .forward(NEEDS_REVIEW, BREAKING).at("slaProperties[latency]"),
            change("latency 1 d to 4 d", sla("latency", 1, "d"), sla("latency", 4, "d"), "sla-looser", NEEDS_REVIEW)
                    .forward(BREAKING, BREAKING),
            change("latency 24 h to 1 d", sla("latency", 24, "h"), sla("latency", 1, "d"), "metadata-changed",
                    NON_BREAKING),
            change("availability 99% to 99.9%", sla("availability", "99%", ""), sla("availability", "99.9%", ""),
                    "sla-stricter", BREAKING),
            change("retention 1 y to 180 d", sla("retention", 1, "y"), sla("retention", 180, "d"), "sla-looser",
                    NEEDS_REVIEW),
            change("end of support later", sla("endOfSupport", "2026-12-31", ""), sla("endOfSupport", "2027-12-31", ""),
                    "sla-stricter", BREAKING),
            change("frequency promised", contract("1.0.0", c -> { }), sla("frequency", 1, "d"), "sla-added", BREAKING),
            change("time of availability changed", sla("timeOfAvailability", "09:00-08:00", ""),
                    sla("timeOfAvailability", "10:00-08:00", ""), "sla-changed", NEEDS_REVIEW),
            // classification
            x("internal to restricted", p -> p.classification("internal"), p -> p.classification("restricted"),
                    "classification-more-restrictive", BREAKING).forward(NEEDS_REVIEW, BREAKING),
            x("restricted to public", p -> p.classification("restricted"), p -> p.classification("public"),
                    "classification-less-restrictive", NEEDS_REVIEW).forward(BREAKING, BREAKING),
            x("free text classification", p -> p.classification("pii"), p -> p.classification("secret"),
                    "classification-changed", NEEDS_REVIEW),
            // contract and metadata
            change("server removed", contract("1.0.0", c -> c.server("prod-db", "postgres").server("lake", "s3")),
                    contract("1.0.0", c -> c.server("prod-db", "postgres")), "server-removed", BREAKING),
            change("status deprecated", contract("1.0.0", c -> { }), contract("1.0.0", c -> c.status("deprecated")),
                    "status-changed", NEEDS_REVIEW),
            change("purpose reworded", contract("1.0.0", c -> c.purpose("Orders.")),
                    contract("1.0.0", c -> c.purpose("All orders.")), "description-changed", NON_BREAKING)
                    .at("description.purpose"),
            x("description changed", p -> p.description("An id."), p -> p.description("The id."),
                    "description-changed", NON_BREAKING).forward(NON_BREAKING, NON_BREAKING),
            x("business name changed", p -> { }, p -> p.businessName("Reference"), "metadata-changed", NON_BREAKING),
            x("tags changed", p -> p.tags("a"), p -> p.tags("a", "b"), "metadata-changed", NON_BREAKING),
            x("examples changed", p -> p.examples("A1"), p -> p.examples("A1", "B2"), "metadata-changed",
                    NON_BREAKING),
            x("custom property changed", p -> p.custom("owner", "ana"), p -> p.custom("owner", "bo"),
                    "metadata-changed", NON_BREAKING),
            x("authoritative definition changed", p -> p.definedAt("https://example.com/a"),
                    p -> p.definedAt("https://example.com/b"), "metadata-changed", NON_BREAKING));
    }

    static Stream<Case> casesWithForward() {
        return cases().filter(c -> c.forward() != null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifiesUnderBackward(Case c) {
        Change change = only(c, CompatibilityMode.BACKWARD);
        assertEquals(c.backward(), change.changeClass(), change::toString);
        if (c.path() != null) {
            assertEquals(c.path(), change.path());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesWithForward")
    void classifiesUnderForwardAndFull(Case c) {
        assertEquals(c.forward(), only(c, CompatibilityMode.FORWARD).changeClass());
        assertEquals(c.full(), only(c, CompatibilityMode.FULL).changeClass());
    }

    /** FORWARD(previous, next) must classify as BACKWARD(next, previous) does: the definition of the mode. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forwardIsBackwardOfTheOppositeChange(Case c) {
        CompatibilityReport forward = CompatibilityChecker.check(c.before(), c.after(), CompatibilityMode.FORWARD);
        CompatibilityReport reversed = CompatibilityChecker.check(c.after(), c.before(), CompatibilityMode.BACKWARD);
        assertEquals(reversed.worst(), forward.worst(), () -> forward.changes() + " vs " + reversed.changes());
    }

    @Test
    void hasEnoughCases() {
        assertTrue(cases().count() >= 45);
        assertTrue(casesWithForward().count() >= 10);
    }

    private static Change only(Case c, CompatibilityMode mode) {
        CompatibilityReport report = CompatibilityChecker.check(c.before(), c.after(), mode);
        assertEquals(1, report.changes().size(), () -> c.name() + ": " + report.changes());
        Change change = report.changes().get(0);
        assertEquals(c.rule(), change.ruleId(), change::toString);
        return change;
    }

    @ParameterizedTest
    @EnumSource(CompatibilityMode.class)
    void identicalContractsGiveAnEmptyReport(CompatibilityMode mode) {
        DataContract c = orders(o -> o.prop("x", "decimal(12,2)", p -> p.required().option("minimum", 0)
                .allowed(1, 2).quality(rule("nullValues", "mustBe", 0, "error")).classification("restricted")));
        CompatibilityReport report = CompatibilityChecker.check(c, c, mode);
        assertTrue(report.isEmpty(), report.changes()::toString);
        assertTrue(!report.isBreaking() && report.worst().isEmpty());
    }
}
