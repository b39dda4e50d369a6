package dev.dataproduct.testkit.driver;

import static dev.dataproduct.testkit.driver.ProductAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Severity;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.transform.TransformContext;
import dev.dataproduct.core.runtime.QualityGateException;
import dev.dataproduct.core.runtime.QuarantineLimitException;
import dev.dataproduct.testkit.port.RowsInput;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The driver over a small purchases product; {@link #purchases} serves the other tests of the testkit too. */
public class ProductTestDriverTest {
    public static final Schema ORDERS = Schema.of(
            Field.of("order_id", LogicalType.STRING, false),
            Field.of("sku", LogicalType.STRING, false),
            Field.of("quantity", LogicalType.INT32, false),
            Field.of("purchased_at", LogicalType.TIMESTAMP_TZ, false),
            Field.builder("email", LogicalType.STRING).classification(Classification.RESTRICTED).build());

    public static DataProduct purchases(Check... checks) {
        return purchases(ctx -> ctx.input("orders"), checks);
    }

    static DataProduct purchases(java.util.function.Function<TransformContext, Dataset> transform, Check... checks) {
        return DataProduct.builder("purchases")
                .domain("retail")
                .version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana.ruiz@example.com"))
                .purpose("Purchases, one row per order line.")
                .input(RowsInput.of("orders", ORDERS, List.of()))
                .output(DatasetSpec.named("purchases")
                        .field("order_id", LogicalType.STRING, f -> f.required().primaryKey())
                        .field("sku", LogicalType.STRING, f -> f.required().pattern("SKU-\\d{6}"))
                        .field("quantity", LogicalType.INT32, f -> f.required().range(1, 1000))
                        .field("purchased_at", LogicalType.TIMESTAMP_TZ, f -> f.required())
                        .field("email", LogicalType.STRING, f -> f.classification(Classification.RESTRICTED)))
                .check(Check.unique("order_id").named("unique purchase ids"))
                .check(checks)
                .transform(transform)
                .build();
    }

    /** The README's product test: a contract, bad rows and a quality assertion. */
    @Test
    void publishesGoodOrdersAndQuarantinesBadOnesWithTheirReasons() {
        try (var driver = ProductTestDriver.of(purchases()).maxQuarantinedShare(0.5)) {
            driver.input("orders")
                    .pipeText("o1", "SKU-000001", "2", "2026-01-01T00:00:00Z", "a@example.com")
                    .pipeText("o2", "SKU-000002", "two", "2026-01-01T00:00:00Z", "")     // not a number
                    .pipeText("o3", "SKU-000003", "5000", "2026-01-01T00:00:00Z", "")    // above the range
                    .pipeText("o4", "SKU-000004", "1", "2026-01-01T00:00:00Z", "");
            TestRun run = driver.run();
            assertThat(run).published(2).quarantined(2).quarantined(1, "quantity:parse")
                    .quarantined(1, "quantity:maximum").passed("unique purchase ids");
        }
    }

    @Test
    void readsBackEveryPublishedRowAsRowsAndAsArrow() {
        try (var driver = ProductTestDriver.of(purchases())) {
            Instant at = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < 50; i++) {
                driver.input("orders").pipeRow(Map.of("order_id", "o" + i, "sku", String.format("SKU-%06d", i),
                        "quantity", (long) i + 1, "purchased_at", at));
            }
            TestRun run = driver.run();
            List<Map<String, Object>> rows = run.rows();
            assertEquals(50, rows.size());
            assertEquals("SKU-000049", rows.get(49).get("sku"));
            assertEquals(50L, rows.get(49).get("quantity"));
            long arrowRows = 0;
            try (BatchCursor cursor = run.arrow("purchases").open()) {
                while (cursor.next()) {
                    arrowRows += cursor.batch().getRowCount();
                }
            }
            assertEquals(50, arrowRows);
            assertThat(run).publishedRow(Map.of("order_id", "o7", "quantity", 8L));
        }
    }

    @Test
    void aSecondRunReadsOnlyTheRowsPipedAfterTheFirst() {
        try (var driver = ProductTestDriver.of(purchases())) {
            driver.input("orders").pipeText("o1", "SKU-000001", "2", "2026-01-01T00:00:00Z", "");
            TestRun first = driver.run();
            driver.input("orders").pipeText("o2", "SKU-000002", "3", "2026-01-01T00:00:00Z", "")
                    .pipeText("o3", "SKU-000003", "4", "2026-01-01T00:00:00Z", "");
            TestRun second = driver.run();
            assertThat(first).published(1);
            assertThat(second).published(2);
            assertEquals(List.of("o2", "o3"), second.rows().stream().map(r -> r.get("order_id")).toList());
            assertTrue(second.snapshot().sequence() > first.snapshot().sequence());
        }
    }

    @Test
    void advancingTheClockMakesTheDataStaleAndAWarningCheckFailsWithoutStoppingTheRun() {
        Check fresh = Check.freshness("purchased_at").within(Duration.ofHours(24)).named("fresh")
                .severity(Severity.WARNING);
        try (var driver = ProductTestDriver.of(purchases(fresh))) {
            driver.input("orders").pipeText("o1", "SKU-000001", "2", "2026-01-01T00:00:00Z", "");
            assertThat(driver.run()).passed("fresh");
            driver.clock().advance(Duration.ofHours(25));
            driver.input("orders").pipeText("o2", "SKU-000002", "2", "2026-01-01T00:00:00Z", "");
            assertThat(driver.run()).failed("fresh");
        }
    }

    @Test
    void aCheckMeantForProductionIsReplacedOrLeftOutWithoutChangingTheProduct() {
        DataProduct product = purchases(Check.rowCount().atLeast(1_000_000).named("enough rows"));
        try (var driver = ProductTestDriver.of(product)) {
            driver.input("orders").pipeText("o1", "SKU-000001", "2", "2026-01-01T00:00:00Z", "");
            assertThrows(QualityGateException.class, driver::run);
        }
        try (var driver = ProductTestDriver.of(product).replaceCheck("enough rows", Check.rowCount().atLeast(1))) {
            driver.input("orders").pipeText("o1", "SKU-000001", "2", "2026-01-01T00:00:00Z", "");
            assertThat(driver.run()).published(1).passed("rowCount");
        }
        try (var driver = ProductTestDriver.of(product).withoutCheck("enough rows")) {
            driver.input("orders").pipeText("o1", "SKU-000001", "2", "2026-01-01T00:00:00Z", "");
            assertThat(driver.run()).published(1);
        }
        assertEquals(2, product.checks().size());
    }

    @Test
    void theQuarantineLimitHoldsUnlessTheTestRelaxesIt() {
        try (var driver = ProductTestDriver.of(purchases())) {
            driver.input("orders").pipeText("o1", "SKU-000001", "two", "2026-01-01T00:00:00Z", "");
            assertThrows(QuarantineLimitException.class, driver::run);
        }
    }

    @Test
    void aValueTooLargeForItsColumnIsQuarantinedByTheInputNotThrown() {
        try (var driver = ProductTestDriver.of(purchases()).maxQuarantinedShare(1)) {
            driver.input("orders").pipeRow(Map.of("order_id", "o1", "sku", "SKU-000001", "quantity", 3_000_000_000L,
                    "purchased_at", Instant.EPOCH));
            TestRun run = driver.run();
            assertThat(run).published(0).quarantined(1, "quantity:type");
            assertEquals("orders row 1", run.quarantinedRows().get(0).origin());
            assertEquals("input.orders", run.quarantinedRows().get(0).source());
        }
    }

    @Test
    void anAssertionFailureShowsTheRowsButNoClassifiedValue() {
        try (var driver = ProductTestDriver.of(purchases()).maxQuarantinedShare(1)) {
            driver.input("orders").pipeText("o1", "SKU-000001", "2", "2026-01-01T00:00:00Z", "secret@example.com")
                    .pipeText("o2", "bad-sku", "2", "2026-01-01T00:00:00Z", "hidden@example.com");
            TestRun run = driver.run();
            AssertionError e = assertThrows(AssertionError.class, () -> assertThat(run).published(2));
            assertTrue(e.getMessage().contains("expected 2 rows published but 1 were"), e.getMessage());
            assertTrue(e.getMessage().contains("o1") && e.getMessage().contains("bad-sku"), e.getMessage());
            assertFalse(e.getMessage().contains("secret@") || e.getMessage().contains("hidden@"), e.getMessage());
        }
    }

    @Test
    void anUnreleasedArrowBatchFailsTheTestWhenTheDriverCloses() {
        var driver = ProductTestDriver.of(purchases());
        driver.input("orders").pipeText("o1", "SKU-000001", "2", "2026-01-01T00:00:00Z", "");
        BatchCursor leaked = driver.run().arrow("purchases").open();
        assertTrue(leaked.next());
        AssertionError e = assertThrows(AssertionError.class, driver::close);
        assertTrue(e.getMessage().contains("leaked"), e.getMessage());
        // the cursor is not closed: its allocator is gone, and closing it now would fail on that instead
    }

    @Test
    void anInputThatIsAnotherProductIsFedWithWhatThatProductPublished() {
        DataProduct report = DataProduct.builder("big-orders")
                .domain("retail").version("1.0.0").owner(Owner.person("Bo Lee", "bo@example.com"))
                .purpose("Orders of more than ten units.")
                .input(RowsInput.of("purchases", ORDERS, List.of()))
                .output(DatasetSpec.named("big").field("order_id", LogicalType.STRING, f -> f.required()))
                .transform((ctx, out) -> {
                    try (var rows = ctx.batchBuilder()) {
                        ctx.input("purchases").forEachRow(r -> {
                            if (r.getLong("quantity") > 10) {
                                rows.addRow(Map.of("order_id", r.getString("order_id")));
                            }
                        });
                        try (var batch = rows.build()) {
                            out.accept(batch);
                        }
                    }
                })
                .build();
        try (var upstream = ProductTestDriver.of(purchases()); var downstream = ProductTestDriver.of(report)) {
            upstream.input("orders").pipeText("o1", "SKU-000001", "20", "2026-01-01T00:00:00Z", "")
                    .pipeText("o2", "SKU-000002", "2", "2026-01-01T00:00:00Z", "");
            downstream.input("purchases").pipeFrom(upstream.run(), "purchases");
            assertEquals(List.of(Map.of("order_id", "o1")), downstream.run().rows());
        }
    }

    @Test
    void aCheckAddedByTheTestRunsBesideTheProductsAndReadsByItsName() {
        try (var driver = ProductTestDriver.of(purchases()).withCheck(Check.max("quantity").atMost(5).named("small"))) {
            driver.input("orders").pipeText("o1", "SKU-000001", "2", "2026-01-01T00:00:00Z", "")
                    .pipeText("o2", "SKU-000002", "9", "2026-01-01T00:00:00Z", "");
            QualityGateException e = assertThrows(QualityGateException.class, driver::run);
            assertThat(e.reports().get(0)).failed("small").passed("unique purchase ids");
            AssertionError wrong = assertThrows(AssertionError.class, () -> assertThat(e.reports().get(0)).passed("small"));
            assertTrue(wrong.getMessage().contains("expected check 'small' of dataset 'purchases' to pass but it failed"),
                    wrong.getMessage());
        }
    }

    @Test
    void anUnparseableClassifiedValueIsQuarantinedWithoutRepeatingIt() {
        Schema secret = Schema.of(Field.of("order_id", LogicalType.STRING, false),
                Field.builder("pin", LogicalType.INT32).classification(Classification.CONFIDENTIAL).build());
        try (var driver = ProductTestDriver.of(purchases()).maxQuarantinedShare(1)) {
            IllegalArgumentException cells = assertThrows(IllegalArgumentException.class,
                    () -> driver.input("orders").pipeText("o1", "SKU-000001"));
            assertTrue(cells.getMessage().contains("5 fields"), cells.getMessage());
            IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                    () -> driver.input("orders", secret));
            assertTrue(other.getMessage().contains("already fed"), other.getMessage());
        }
        DataProduct pins = DataProduct.builder("pins").domain("retail").version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana.ruiz@example.com")).purpose("Pins.")
                .input(RowsInput.of("raw", secret, List.of()))
                .output(DatasetSpec.named("pins").field("order_id", LogicalType.STRING, f -> f.required())
                        .field("pin", LogicalType.INT32, f -> f.classification(Classification.CONFIDENTIAL)))
                .transform(ctx -> ctx.input("raw")).build();
        try (var driver = ProductTestDriver.of(pins).maxQuarantinedShare(1)) {
            driver.input("raw").pipeText("o1", "12a4");
            TestRun run = driver.run();
            assertThat(run).quarantined(1, "pin:parse");
            assertFalse(run.quarantinedRows().get(0).reasons().contains("12a4"), run.quarantinedRows().toString());
        }
    }

    @Test
    void rowsOfAWiderDatasetArePipedWithTheColumnsTheInputReadsAndAMissingOneIsNamed() {
        try (var driver = ProductTestDriver.of(purchases())) {
            Map<String, Object> wide = new java.util.HashMap<>(Map.of("order_id", "o1", "sku", "SKU-000001",
                    "quantity", 2L, "purchased_at", Instant.EPOCH, "channel", "web"));
            wide.put("email", null);
            driver.input("orders").pipeColumnsOf(List.of(wide));
            assertThat(driver.run()).published(1).publishedRow(Map.of("order_id", "o1", "quantity", 2L));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> driver.input("orders").pipeColumnsOf(List.of(Map.of("order_id", "o2"))));
            assertTrue(e.getMessage().contains("reads column 'sku'"), e.getMessage());
        }
    }

    @Test
    void namesTheInputsThereAreForAnUnknownOne() {
        try (var driver = ProductTestDriver.of(purchases())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> driver.input("order"));
            assertTrue(e.getMessage().contains("[orders]"), e.getMessage());
        }
    }

    @Test
    void splitsPipedRowsIntoBatchesSoAKeyRepeatedInALaterBatchIsQuarantined() {
        List<Integer> batchSizes = new java.util.ArrayList<>();
        DataProduct counting = purchases(ctx -> {
            Dataset orders = ctx.input("orders");
            try (BatchCursor cursor = orders.open()) {
                while (cursor.next()) {
                    batchSizes.add(cursor.batch().getRowCount());
                }
            }
            return orders;
        });
        try (var driver = ProductTestDriver.of(counting).maxQuarantinedShare(0.5)) {
            Instant at = Instant.parse("2026-01-01T00:00:00Z");
            driver.input("orders").batchSize(2)
                    .pipeRow(Map.of("order_id", "o1", "sku", "SKU-000001", "quantity", 1L, "purchased_at", at))
                    .pipeRow(Map.of("order_id", "o2", "sku", "SKU-000002", "quantity", 2L, "purchased_at", at))
                    .pipeRow(Map.of("order_id", "o1", "sku", "SKU-000003", "quantity", 3L, "purchased_at", at));
            TestRun run = driver.run();
            assertEquals(List.of(2, 1), batchSizes);
            assertThat(run).published(2).quarantined(1);
            // the gate names rows by batch: the repeat is the first row of the second batch
            assertEquals("batch 1, row 0", run.quarantinedRows().get(0).origin());
            assertTrue(run.quarantinedRows().get(0).broke("primary_key"), run.toString());
        }
    }

    /** A row check over two columns: its rule reads back whole, and matches by the check's name. */
    @Test
    void aRowCheckOverSeveralColumnsIsNamedAsBrokenWholeAndByItsName() {
        Check skuMatchesQuantity = Check.predicate(dev.dataproduct.api.expr.Expr.col("sku").ne("SKU-000009")
                        .or(dev.dataproduct.api.expr.Expr.col("quantity").le(1)))
                .percent().atMost(50).named("no-bulk-nines").quarantineFailingRows();
        try (var driver = ProductTestDriver.of(purchases(skuMatchesQuantity)).maxQuarantinedShare(0.5)) {
            driver.input("orders")
                    .pipeText("o1", "SKU-000001", "2", "2026-01-01T00:00:00Z", "")
                    .pipeText("o2", "SKU-000009", "7", "2026-01-01T00:00:00Z", "")
                    .pipeText("o3", "SKU-000009", "1", "2026-01-01T00:00:00Z", "");
            TestRun run = driver.run();
            assertThat(run).published(2).quarantined(1);
            QuarantinedRow row = run.quarantinedRows().get(0);
            assertEquals(1, row.rules().size(), row.rules().toString());
            assertTrue(row.broke("no-bulk-nines"), row.rules().toString());
            assertFalse(row.broke("sku"), row.rules().toString());
            assertFalse(row.broke("no-bulk"), row.rules().toString());
        }
    }
}
