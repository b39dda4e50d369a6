package dev.dataproduct.core.compat;

import static dev.dataproduct.core.compat.TestContracts.contract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.contract.DataContract;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransitiveCheckTest {
    // 1.0.0 has a text note; 2.0.0 drops it; 2.1.0 brings it back as a number
    private final DataContract v1 = contract("1.0.0", c -> c.object("orders", o -> o
            .prop("id", "string", p -> p.required()).prop("note", "string", p -> { })));
    private final DataContract v2 = contract("2.0.0", c -> c.object("orders", o -> o
            .prop("id", "string", p -> p.required())));
    private final DataContract v3 = contract("2.1.0", c -> c.object("orders", o -> o
            .prop("id", "string", p -> p.required()).prop("note", "int32", p -> { })));

    @Test
    void plainModeChecksOnlyTheLatestVersion() {
        CompatibilityReport report = CompatibilityChecker.check(List.of(v1, v2), v3, CompatibilityMode.BACKWARD);
        assertFalse(report.isBreaking(), report.changes()::toString);
        assertEquals(List.of("property-added-optional"), ruleIds(report));
        assertEquals("2.0.0", report.previousVersion());
    }

    @Test
    void transitiveModeFindsABreakAgainstAnOlderVersion() {
        CompatibilityReport report = CompatibilityChecker.check(List.of(v1, v2), v3,
                CompatibilityMode.BACKWARD_TRANSITIVE);
        assertTrue(report.isBreaking());
        assertEquals(List.of("property-added-optional", "type-changed"), ruleIds(report));
        Change typeChange = report.breaking().get(0);
        assertEquals("schema[orders].properties[note]", typeChange.path());
        assertTrue(typeChange.description().endsWith("(compared with version 1.0.0)"), typeChange.description());
    }

    @Test
    void aChangeFoundAgainstSeveralVersionsIsReportedOnce() {
        DataContract v4 = contract("3.0.0", c -> c.object("orders", o -> o.prop("id", "int64", p -> p.required())));
        CompatibilityReport report = CompatibilityChecker.check(List.of(v1, v2, v3), v4,
                CompatibilityMode.FULL_TRANSITIVE);
        long idChanges = report.changes().stream().filter(c -> c.path().equals("schema[orders].properties[id]"))
                .count();
        assertEquals(1, idChanges, report.changes()::toString);
    }

    @Test
    void forwardTransitiveChecksEveryVersionToo() {
        CompatibilityReport plain = CompatibilityChecker.check(List.of(v1, v2), v2, CompatibilityMode.FORWARD);
        CompatibilityReport transitive = CompatibilityChecker.check(List.of(v1, v2), v2,
                CompatibilityMode.FORWARD_TRANSITIVE);
        assertTrue(plain.isEmpty());
        // against 1.0.0, dropping an optional property is compatible forward: old consumers may do without it
        assertEquals(List.of("property-removed"), ruleIds(transitive));
        assertFalse(transitive.isBreaking());
    }

    @Test
    void rejectsAnEmptyHistory() {
        assertThrows(IllegalArgumentException.class,
                () -> CompatibilityChecker.check(List.of(), v1, CompatibilityMode.BACKWARD_TRANSITIVE));
    }

    private static List<String> ruleIds(CompatibilityReport report) {
        return report.changes().stream().map(Change::ruleId).collect(java.util.stream.Collectors.toList());
    }
}
