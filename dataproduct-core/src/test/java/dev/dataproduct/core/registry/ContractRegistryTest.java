package dev.dataproduct.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.error.IncompatibleChangeException;
import dev.dataproduct.core.compat.CompatibilityReport;
import dev.dataproduct.core.odcs.OdcsCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractRegistryTest {

    private static DataContract contract(String version, String extraProperty, boolean quantityRequired) {
        return OdcsCodec.readYaml(String.join("\n",
                "apiVersion: v3.1.0", "kind: DataContract", "id: purchases", "version: " + version, "status: active",
                "schema:", "  - name: purchases", "    properties:",
                "      - {name: id, logicalType: string, required: true}",
                "      - {name: quantity, logicalType: integer, physicalType: int32, required: " + quantityRequired + "}",
                extraProperty.isEmpty() ? "" : "      - {name: " + extraProperty + ", logicalType: string}", ""));
    }

    private static ContractRegistry registry(SimpleMeterRegistry meters, String today) {
        return ContractRegistry.builder().meterRegistry(meters)
                .clock(Clock.fixed(Instant.parse(today + "T12:00:00Z"), ZoneOffset.UTC)).build();
    }

    @Test
    void aBreakingChangeWithoutANewMajorVersionIsRefusedWithEveryBreakingChange() {
        ContractRegistry registry = registry(new SimpleMeterRegistry(), "2026-01-01");
        registry.publish(contract("1.0.0", "note", false));
        IncompatibleChangeException e = assertThrows(IncompatibleChangeException.class,
                () -> registry.publish(contract("1.1.0", "", true)));
        assertTrue(e.getMessage().contains("property-removed"), e.getMessage());
        assertTrue(e.getMessage().contains("required-added"), e.getMessage());
        assertTrue(e.getMessage().contains("2.0.0"), e.getMessage());
        assertEquals(List.of("1.0.0"), registry.versions("purchases").stream().map(DataContract::version).toList());

        CompatibilityReport report = registry.publish(contract("2.0.0", "", true));
        assertEquals(2, report.breaking().size());
        assertEquals("2.0.0", registry.latest("purchases").orElseThrow().version());
    }

    @Test
    void republishingIsIdempotentButNotWithOtherContent() {
        ContractRegistry registry = registry(new SimpleMeterRegistry(), "2026-01-01");
        registry.publish(contract("1.0.0", "note", false));
        assertTrue(registry.publish(contract("1.0.0", "note", false)).isEmpty());
        IncompatibleChangeException e = assertThrows(IncompatibleChangeException.class,
                () -> registry.publish(contract("1.0.0", "", false)));
        assertTrue(e.getMessage().contains("already published with other content"), e.getMessage());
    }

    @Test
    void aDeprecatedVersionIsReadWithAWarningAndCountedUntilItsEndDate() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ContractRegistry registry = registry(meters, "2026-03-01");
        DataContract v1 = contract("1.0.0", "note", false);
        registry.publish(v1);
        registry.publish(contract("2.0.0", "", true));
        registry.deprecate("purchases", "1.0.0", LocalDate.parse("2026-06-30"), "2.0.0");

        assertSame(v1, registry.read("purchases", "1.0.0"));
        registry.read("purchases", "1.0.0");
        assertEquals(2.0, meters.get(ContractRegistry.DEPRECATED_READS).tag("version", "1.0.0").counter().count());
        assertEquals(ContractLifecycle.State.DEPRECATED, registry.stateToday("purchases", "1.0.0"));

        ContractRegistry later = registry(meters, "2026-07-01");
        later.publish(v1);
        later.publish(contract("2.0.0", "", true));
        later.deprecate("purchases", "1.0.0", LocalDate.parse("2026-06-30"), "2.0.0");
        DataProductException e = assertThrows(DataProductException.class, () -> later.read("purchases", "1.0.0"));
        assertTrue(e.getMessage().contains("read version 2.0.0 instead"), e.getMessage());
        assertTrue(e.getMessage().contains("2026-06-30"), e.getMessage());
    }

    @Test
    void aRetiredVersionRefusesReadsNamingTheSuccessor() {
        ContractRegistry registry = registry(new SimpleMeterRegistry(), "2026-01-01");
        registry.publish(contract("1.0.0", "note", false));
        registry.publish(contract("2.0.0", "", true));
        registry.retire("purchases", "1.0.0", "2.0.0");
        DataProductException e = assertThrows(DataProductException.class, () -> registry.read("purchases", "1.0.0"));
        assertEquals("contract 'purchases' version 1.0.0 is retired; read version 2.0.0 instead", e.getMessage());
        assertEquals("2.0.0", registry.read("purchases", "2.0.0").version());
    }

    @Test
    void unknownVersionsAreNamedInTheError() {
        ContractRegistry registry = registry(new SimpleMeterRegistry(), "2026-01-01");
        registry.publish(contract("1.0.0", "", false));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.deprecate("purchases", "0.9.0", LocalDate.parse("2026-02-01"), "1.0.0"));
        assertTrue(e.getMessage().contains("published versions are [1.0.0]"), e.getMessage());
    }

    @Test
    void releaseNotesDescribeTheChanges() {
        ContractRegistry registry = registry(new SimpleMeterRegistry(), "2026-01-01");
        registry.publish(contract("1.0.0", "note", false));
        registry.publish(contract("2.0.0", "", true));
        String notes = registry.releaseNotes("purchases", "1.0.0", "2.0.0");
        assertTrue(notes.contains("Breaking changes"), notes);
        assertTrue(notes.contains("note"), notes);
    }
}
