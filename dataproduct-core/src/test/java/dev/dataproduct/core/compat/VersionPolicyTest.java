package dev.dataproduct.core.compat;

import static dev.dataproduct.core.compat.TestContracts.contract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.error.IncompatibleChangeException;
import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.product.SemanticVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionPolicyTest {
    private static final CompatibilityMode BACKWARD = CompatibilityMode.BACKWARD;

    private static DataContract v1(String version) {
        return contract(version, c -> c.object("orders", o -> o
                .prop("id", "string", p -> p.required().primaryKey(1))
                .prop("sku", "string", p -> p.required())
                .prop("quantity", "int32", p -> p.option("minimum", 1))));
    }

    /** Drops {@code sku} and makes {@code quantity} required: two breaking changes. */
    private static DataContract breaking(String version) {
        return contract(version, c -> c.object("orders", o -> o
                .prop("id", "string", p -> p.required().primaryKey(1))
                .prop("quantity", "int32", p -> p.required().option("minimum", 1))));
    }

    /** Adds an optional property: needs a minor version. */
    private static DataContract additive(String version) {
        return contract(version, c -> c.object("orders", o -> o
                .prop("id", "string", p -> p.required().primaryKey(1))
                .prop("sku", "string", p -> p.required())
                .prop("quantity", "int32", p -> p.option("minimum", 1))
                .prop("note", "string", p -> { })));
    }

    @Test
    void breakingChangeWithoutMajorVersionThrowsAndListsEveryBreakingChange() {
        IncompatibleChangeException e = assertThrows(IncompatibleChangeException.class,
                () -> VersionPolicy.check(v1("1.2.0"), breaking("1.3.0"), BACKWARD));
        String message = e.getMessage();
        assertTrue(message.startsWith("Contract 'Orders' (id orders-contract): 2 changes from 1.2.0 to 1.3.0 "
                + "break consumers under BACKWARD compatibility"), message);
        assertTrue(message.contains("publish it as 2.0.0"), message);
        assertTrue(message.contains("property-removed at schema[orders].properties[sku]: "), message);
        assertTrue(message.contains("required-added at schema[orders].properties[quantity]: "), message);
    }

    @Test
    void breakingChangeWithMajorVersionPasses() {
        CompatibilityReport report = VersionPolicy.check(v1("1.2.0"), breaking("2.0.0"), BACKWARD);
        assertEquals(2, report.breaking().size());
        assertEquals(VersionBump.MAJOR, VersionPolicy.requiredBump(report));
    }

    @Test
    void versionNotIncreasedThrows() {
        IncompatibleChangeException e = assertThrows(IncompatibleChangeException.class,
                () -> VersionPolicy.check(v1("1.2.0"), v1("1.2.0"), BACKWARD));
        assertTrue(e.getMessage().contains("version 1.2.0 is not greater than the previous version 1.2.0"),
                e.getMessage());
        assertTrue(e.getMessage().contains("publish it as 1.2.1"), e.getMessage());
        assertThrows(IncompatibleChangeException.class,
                () -> VersionPolicy.check(v1("1.2.0"), v1("1.1.9"), BACKWARD));
    }

    @Test
    void lowerVersionWithBreakingChangesAsksForTheMajorVersion() {
        IncompatibleChangeException e = assertThrows(IncompatibleChangeException.class,
                () -> VersionPolicy.check(v1("1.2.0"), breaking("1.2.0"), BACKWARD));
        assertTrue(e.getMessage().contains("publish it as 2.0.0"), e.getMessage());
        assertTrue(e.getMessage().contains("property-removed"), e.getMessage());
    }

    @Test
    void additionsNeedAMinorVersion() {
        IncompatibleChangeException e = assertThrows(IncompatibleChangeException.class,
                () -> VersionPolicy.check(v1("1.2.0"), additive("1.2.1"), BACKWARD));
        assertTrue(e.getMessage().contains("publish it as 1.3.0"), e.getMessage());
        assertTrue(e.getMessage().contains("property-added-optional at schema[orders].properties[note]"),
                e.getMessage());
        assertFalse(VersionPolicy.check(v1("1.2.0"), additive("1.3.0"), BACKWARD).isBreaking());
    }

    @Test
    void documentationNeedsOnlyAPatch() {
        DataContract before = contract("1.2.0", c -> c.purpose("Orders."));
        DataContract after = contract("1.2.1", c -> c.purpose("Every order of the shop."));
        CompatibilityReport report = VersionPolicy.check(before, after, BACKWARD);
        assertEquals(VersionBump.PATCH, VersionPolicy.requiredBump(report));
    }

    @Test
    void theModeDecidesWhatBreaks() {
        // a new optional property is compatible backward but not forward
        assertThrows(IncompatibleChangeException.class,
                () -> VersionPolicy.check(v1("1.2.0"), additive("1.3.0"), CompatibilityMode.FULL));
        VersionPolicy.check(v1("1.2.0"), additive("2.0.0"), CompatibilityMode.FULL);
    }

    @Test
    void aPreReleaseAllowsAnyChangeUpToItsRelease() {
        CompatibilityReport report = VersionPolicy.check(v1("2.0.0-rc.1"), breaking("2.0.0"), BACKWARD);
        assertTrue(report.isBreaking());
        assertThrows(IncompatibleChangeException.class,
                () -> VersionPolicy.check(v1("2.0.0"), breaking("2.1.0-rc.1"), BACKWARD));
    }

    @Test
    void transitiveHistoryIsCheckedAgainstTheLatestVersionNumber() {
        DataContract v2 = contract("2.0.0", c -> c.object("orders", o -> o.prop("id", "string", p -> p.required())));
        DataContract v3 = contract("2.1.0", c -> c.object("orders", o -> o.prop("id", "string", p -> p.required())
                .prop("sku", "int32", p -> { })));
        DataContract v1 = contract("1.0.0", c -> c.object("orders", o -> o.prop("id", "string", p -> p.required())
                .prop("sku", "string", p -> { })));
        assertThrows(IncompatibleChangeException.class,
                () -> VersionPolicy.check(List.of(v1, v2), v3, CompatibilityMode.BACKWARD_TRANSITIVE));
        VersionPolicy.check(List.of(v1, v2), v3, BACKWARD);
    }

    @Test
    void rejectsVersionsThatAreNotSemantic() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> VersionPolicy.check(v1("1.2"), v1("1.3.0"), BACKWARD));
        assertTrue(e.getMessage().contains("contract 'Orders'"), e.getMessage());
    }

    @Test
    void rejectsVersionsOfDifferentContracts() {
        DataContract other = contract("2.0.0", c -> c.id("customers-contract"));
        assertThrows(IllegalArgumentException.class, () -> VersionPolicy.check(v1("1.0.0"), other, BACKWARD));
    }

    @Test
    void bumpsGiveTheLowestAllowedRelease() {
        SemanticVersion v = SemanticVersion.parse("1.2.3");
        assertEquals("2.0.0", VersionBump.MAJOR.after(v).toString());
        assertEquals("1.3.0", VersionBump.MINOR.after(v).toString());
        assertEquals("1.2.4", VersionBump.PATCH.after(v).toString());
        assertTrue(VersionBump.MINOR.allows(v, SemanticVersion.parse("2.0.0")));
        assertFalse(VersionBump.MINOR.allows(v, SemanticVersion.parse("1.2.9")));
        assertFalse(VersionBump.PATCH.allows(v, v));
    }
}
