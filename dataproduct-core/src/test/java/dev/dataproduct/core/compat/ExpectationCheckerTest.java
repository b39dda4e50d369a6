package dev.dataproduct.core.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.contract.ConsumerExpectations;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.error.IncompatibleChangeException;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.odcs.OdcsCodec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectationCheckerTest {
    private static final String PROVIDER = String.join("\n",
            "apiVersion: v3.1.0",
            "kind: DataContract",
            "id: purchases-contract",
            "version: 1.3.0",
            "status: active",
            "schema:",
            "  - name: purchases",
            "    quality:",
            "      - {metric: rowCount, mustBeGreaterThan: 1000, severity: error}",
            "    properties:",
            "      - {name: purchase_id, logicalType: string, primaryKey: true, primaryKeyPosition: 1}",
            "      - {name: customer_id, logicalType: string, required: true,",
            "         quality: [{metric: nullValues, mustBe: 0}]}",
            "      - {name: quantity, logicalType: integer, physicalType: int32, required: true}",
            "      - {name: note, logicalType: string}",
            "      - {name: amount, logicalType: number}",
            "      - name: address",
            "        logicalType: object",
            "        properties:",
            "          - {name: zip, logicalType: string}",
            "slaProperties:",
            "  - {property: latency, value: 4, unit: h}",
            "");

    private static DataContract provider() {
        return OdcsCodec.readYaml(PROVIDER);
    }

    @Test
    void aConsumerThatAsksForWhatTheContractPromisesIsMet() {
        ConsumerExpectations e = ConsumerExpectations.of("dashboard", "purchases")
                .field("customer_id", LogicalType.STRING, true)
                .field("quantity", LogicalType.INT64, true)          // int32 widens to int64
                .field("address.zip", LogicalType.STRING, false)
                .key("purchase_id")
                .freshness(Duration.ofHours(6))
                .qualityAtMost("nullValues", "customer_id", BigDecimal.ONE, "rows")
                .rowCountAtLeast(500)
                .build();
        ExpectationReport report = ExpectationChecker.check(e, provider());
        assertEquals(List.of(), report.unmet());
        report.assertMet();
    }

    @Test
    void reportsEveryUnmetExpectationWithItsReason() {
        ConsumerExpectations e = ConsumerExpectations.of("dashboard", "purchases")
                .field("quantity", LogicalType.INT16, false)        // int32 does not narrow
                .field("note", LogicalType.STRING, true)            // nullable in the contract
                .field("amount", LogicalType.FLOAT64, false)        // number of no format: not proven
                .field("discount", LogicalType.FLOAT64, false)      // absent
                .key("customer_id")
                .freshness(Duration.ofHours(1))
                .qualityAtMost("missingValues", "note", BigDecimal.ZERO, "rows")
                .rowCountAtLeast(5000)
                .build();
        List<UnmetExpectation> unmet = ExpectationChecker.check(e, provider()).unmet();
        assertEquals(8, unmet.size(), unmet.toString());
        assertEquals("the contract has it as int32, which does not widen to int16", unmet.get(0).reason());
        assertEquals("the contract does not mark it required, so rows may have no value", unmet.get(1).reason());
        assertTrue(unmet.get(2).reason().contains("does not prove it reads as float64"), unmet.get(2).reason());
        assertEquals("object 'purchases' has no such property", unmet.get(3).reason());
        assertEquals("the contract's primary key is [purchase_id]", unmet.get(4).reason());
        assertEquals("no blocking missingValues rule of the contract guarantees it", unmet.get(5).reason());
        assertEquals("no blocking rowCount rule of the contract guarantees it", unmet.get(6).reason());
        assertEquals("the contract promises a latency of 4 h", unmet.get(7).reason());
    }

    @Test
    void assertMetListsEveryReason() {
        ConsumerExpectations e = ConsumerExpectations.of("ml-features", "refunds")
                .field("id", LogicalType.STRING, true).build();
        IncompatibleChangeException ex = assertThrows(IncompatibleChangeException.class,
                () -> ExpectationChecker.check(e, provider()).assertMet());
        assertTrue(ex.getMessage().contains("does not meet 1 expectation of ml-features"), ex.getMessage());
        assertTrue(ex.getMessage().contains("object refunds: the contract has no such object; it has [purchases]"),
                ex.getMessage());
    }

    @Test
    void aProviderChangeThatBreaksAConsumerIsCaughtBeforePublication() {
        ConsumerExpectations e = ConsumerExpectations.of("dashboard", "purchases")
                .field("customer_id", LogicalType.STRING, true).build();
        DataContract next = OdcsCodec.readYaml(PROVIDER.replace("required: true,\n", "\n")
                .replace("version: 1.3.0", "version: 2.0.0"));
        assertTrue(ExpectationChecker.check(e, provider()).isMet());
        assertEquals(List.of("field customer_id as string, required"),
                ExpectationChecker.check(e, next).unmet().stream().map(UnmetExpectation::expectation).toList());
    }
}
