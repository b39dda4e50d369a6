package dev.dataproduct.testkit.consumer;

import static dev.dataproduct.testkit.driver.ProductAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.contract.ConsumerExpectations;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.error.IncompatibleChangeException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.odcs.OdcsCodec;
import dev.dataproduct.testkit.driver.ProductTestDriver;
import dev.dataproduct.testkit.driver.ProductTestDriverTest;
import dev.dataproduct.testkit.driver.TestRun;
import dev.dataproduct.testkit.gen.GeneratedRows;
import dev.dataproduct.testkit.port.RowsInput;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * A downstream team's test of its dashboard against the purchases contract alone: the contract is
 * all it has of the upstream (here read from ODCS YAML, as a team would keep it).
 */
class DashboardConsumerTest {
    private static final DataContract PURCHASES = OdcsCodec.readYaml(OdcsCodec.toYaml(
            ProductTestDriverTest.purchases().contract()));

    private static final ConsumerExpectations EXPECTATIONS = ConsumerExpectations.of("sku-dashboard", "purchases")
            .field("sku", LogicalType.STRING, true)
            .field("quantity", LogicalType.INT64, true)     // int32 upstream widens into it
            .key("order_id")
            .build();

    /** Units sold per SKU, read from the upstream's purchases. */
    private static DataProduct dashboard() {
        Schema reads = Schema.of(Field.of("sku", LogicalType.STRING, false), Field.of("quantity", LogicalType.INT64, false));
        return DataProduct.builder("sku-dashboard").domain("retail").version("1.0.0")
                .owner(Owner.person("Dee Ash", "dee@example.com")).purpose("Units sold per SKU.")
                .input(RowsInput.of("purchases", reads, List.of()))
                .output(DatasetSpec.named("units")
                        .field("sku", LogicalType.STRING, f -> f.primaryKey().pattern("SKU-\\d{6}"))
                        .field("units", LogicalType.INT64, f -> f.required().minimum(1)))
                .check(Check.unique("sku").named("one row per sku"))
                .transform((ctx, out) -> {
                    Map<String, Long> units = new TreeMap<>();
                    ctx.input("purchases").forEachRow(r -> units.merge(r.getString("sku"), r.getLong("quantity"), Long::sum));
                    try (BatchBuilder b = ctx.batchBuilder()) {
                        units.forEach((sku, n) -> b.addRow(sku, n));
                        try (VectorSchemaRoot batch = b.build()) {
                            out.accept(batch);
                        }
                    }
                })
                .build();
    }

    @Test
    void theDashboardSumsUnitsOfEveryPurchaseTheUpstreamContractAllows() {
        UpstreamFixture purchases = UpstreamFixture.of(PURCHASES, "purchases").expecting(EXPECTATIONS)
                .shaped(gen -> gen.skewed("sku", 3));
        try (var driver = ProductTestDriver.of(dashboard())) {
            GeneratedRows piped = purchases.pipeInto(driver.input("purchases"), 500, new Random(42));
            TestRun run = driver.run();
            assertThat(run).quarantined(0).passed("one row per sku");
            long unitsIn = piped.rows().stream().mapToLong(r -> (Long) r.get("quantity")).sum();
            assertEquals(unitsIn, run.rows().stream().mapToLong(r -> (Long) r.get("units")).sum());
            assertTrue(run.rows().size() < 500, "skewed SKUs repeat");
        }
    }

    @Test
    void anExpectationTheUpstreamContractDoesNotMeetFailsTheTestBeforeAnyRun() {
        ConsumerExpectations more = ConsumerExpectations.of("sku-dashboard", "purchases")
                .field("discount", LogicalType.decimal(5, 2), true).build();
        IncompatibleChangeException e = assertThrows(IncompatibleChangeException.class,
                () -> UpstreamFixture.of(PURCHASES, "purchases").expecting(more));
        assertTrue(e.getMessage().contains("discount"), e.getMessage());
    }
}
