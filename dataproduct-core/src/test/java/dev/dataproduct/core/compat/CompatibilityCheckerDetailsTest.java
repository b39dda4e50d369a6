package dev.dataproduct.core.compat;

import static dev.dataproduct.core.compat.TestContracts.orders;
import static dev.dataproduct.core.compat.TestContracts.withX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.contract.DataContract;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Behaviour beyond single changes: several changes at once, what a rename is not, ordering. */
class CompatibilityCheckerDetailsTest {

    @Test
    void aPropertyOfAnotherTypeIsNotARename() {
        DataContract before = orders(o -> o.prop("zip", "string", p -> { }));
        DataContract after = orders(o -> o.prop("postal_code", "int32", p -> { }));
        assertEquals(List.of("property-removed", "property-added-optional"), ruleIds(before, after));
    }

    @Test
    void differentStableIdsAreNeverARename() {
        DataContract before = orders(o -> o.prop("zip", "string", p -> p.id("zip")));
        DataContract after = orders(o -> o.prop("postal_code", "string", p -> p.id("postal")));
        assertEquals(List.of("property-removed", "property-added-optional"), ruleIds(before, after));
    }

    @Test
    void aRenamedPropertyIsStillComparedWithItsOldSelf() {
        DataContract before = orders(o -> o.prop("qty", "int32", p -> p.id("q").option("maximum", 10)));
        DataContract after = orders(o -> o.prop("quantity", "int32", p -> p.id("q").option("maximum", 5)));
        CompatibilityReport report = CompatibilityChecker.check(before, after, CompatibilityMode.BACKWARD);
        assertEquals(List.of("property-renamed", "maximum-lowered"), ruleIds(report));
        assertTrue(report.changes().stream().allMatch(c -> c.path().equals("schema[orders].properties[quantity]")));
    }

    @Test
    void reportsEveryChangeWithBothAddedAndRemovedAllowedValues() {
        CompatibilityReport report = CompatibilityChecker.check(withX(p -> p.allowed("a", "b")),
                withX(p -> p.allowed("b", "c")), CompatibilityMode.BACKWARD);
        assertEquals(List.of("allowed-values-removed", "allowed-values-added"), ruleIds(report));
        assertEquals(1, report.breaking().size());
        assertEquals(1, report.nonBreaking().size());
    }

    @Test
    void numbersInAllowedValuesCompareByValue() {
        CompatibilityReport report = CompatibilityChecker.check(withX(p -> p.type("int32").allowed(1, 2)),
                withX(p -> p.type("int32").allowed(1L, 2.0)), CompatibilityMode.BACKWARD);
        assertTrue(report.isEmpty(), report.changes()::toString);
    }

    @Test
    void fullTakesTheWorseClassOfEachChange() {
        DataContract before = withX(p -> p.type("int32").option("maximum", 10));
        DataContract after = withX(p -> p.type("int64").option("maximum", 20));
        CompatibilityReport backward = CompatibilityChecker.check(before, after, CompatibilityMode.BACKWARD);
        CompatibilityReport full = CompatibilityChecker.check(before, after, CompatibilityMode.FULL);
        assertTrue(backward.breaking().isEmpty());
        assertEquals(2, full.breaking().size());
        assertEquals(CompatibilityMode.FULL, full.mode());
    }

    private static List<String> ruleIds(DataContract before, DataContract after) {
        return ruleIds(CompatibilityChecker.check(before, after, CompatibilityMode.BACKWARD));
    }

    private static List<String> ruleIds(CompatibilityReport report) {
        return report.changes().stream().map(Change::ruleId).collect(Collectors.toList());
    }
}
