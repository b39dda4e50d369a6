package dev.dataproduct.samples.purchases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.contract.ContractSchemas;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.error.IncompatibleChangeException;
import dev.dataproduct.core.compat.Change;
import dev.dataproduct.core.compat.CompatibilityMode;
import dev.dataproduct.core.compat.VersionPolicy;
import dev.dataproduct.core.odcs.OdcsCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoricalPurchasesContractTest {
    private static final Path CSV = Path.of("orders.csv");

    @Test
    void theJavaDefinitionAndTheOdcsFileAreOneTruth() {
        DataContract file = HistoricalPurchases.contract(HistoricalPurchases.CONTRACT);
        List<String> problems = new ArrayList<>();
        assertEquals(HistoricalPurchases.define(CSV).outputs(), ContractSchemas.toDatasets(file, problems));
        assertEquals(List.of(), problems);
    }

    @Test
    void aProductDefinedFromTheContractFilePublishesTheSameDataset() {
        DataContract file = HistoricalPurchases.contract(HistoricalPurchases.CONTRACT);
        assertEquals(HistoricalPurchases.define(CSV).outputs(), HistoricalPurchases.fromContract(file, CSV).outputs());
        assertEquals(file, HistoricalPurchases.fromContract(file, CSV).contract());
    }

    @Test
    void theContractFileRoundTripsThroughOdcs() {
        DataContract file = HistoricalPurchases.contract(HistoricalPurchases.CONTRACT);
        assertEquals(file, OdcsCodec.readYaml(OdcsCodec.toYaml(file)));
        assertEquals(4, file.slaProperties().size());
    }

    @Test
    void theProposedMinorVersionIsRefusedForItsBreakingChanges() {
        DataContract current = HistoricalPurchases.contract(HistoricalPurchases.CONTRACT);
        DataContract proposed = HistoricalPurchases.contract(HistoricalPurchases.PROPOSED_CONTRACT);
        IncompatibleChangeException e = assertThrows(IncompatibleChangeException.class,
                () -> VersionPolicy.check(current, proposed, CompatibilityMode.BACKWARD));
        assertTrue(e.getMessage().contains("property-removed at schema[purchases].properties[email]"), e.getMessage());
        assertTrue(e.getMessage().contains("maximum-lowered at schema[purchases].properties[quantity]"), e.getMessage());

        // a version is written as authors write it, unquoted
        DataContract asMajor = OdcsCodec.readYaml(OdcsCodec.toYaml(proposed).replace("version: 1.3.0",
                "version: 2.0.0"));
        List<String> breaking = VersionPolicy.check(current, asMajor, CompatibilityMode.BACKWARD).breaking().stream()
                .map(Change::ruleId).sorted().toList();
        assertEquals(List.of("maximum-lowered", "property-removed"), breaking);
    }
}
