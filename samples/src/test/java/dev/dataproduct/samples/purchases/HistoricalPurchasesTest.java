package dev.dataproduct.samples.purchases;

import static dev.dataproduct.testkit.driver.ProductAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dataproduct.api.quality.Check;
import dev.dataproduct.core.runtime.QualityGateException;
import dev.dataproduct.testkit.driver.ProductTestDriver;
import dev.dataproduct.testkit.driver.TestRun;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HistoricalPurchasesTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Pattern SKU = Pattern.compile("SKU-\\d{6}");
    private static final Set<String> CHANNELS = Set.of("web", "store", "app");

    /** The product over a CSV the driver stands in for: no file is read. */
    private static ProductTestDriver driver() {
        return ProductTestDriver.of(HistoricalPurchases.define(Path.of("orders.csv")), NOW);
    }

    /** The contract of the product, checked line by line in plain Java, apart from the SDK. */
    private static boolean valid(String line) {
        String[] cells = line.split(",", -1);
        if (cells.length != 8 || cells[1].isEmpty() || !SKU.matcher(cells[2]).matches()
                || !CHANNELS.contains(cells[7])) {
            return false;
        }
        try {
            int quantity = Integer.parseInt(cells[3]);
            Instant.parse(cells[5]);
            return quantity >= 1 && quantity <= 1000 && new BigDecimal(cells[4]).signum() >= 0;
        } catch (NumberFormatException | DateTimeParseException e) {
            return false;
        }
    }

    /** A CSV line as cells by column; a line with a cell missing lacks the last column. */
    private static Map<String, String> cells(String line) {
        String[] names = OrdersCsv.HEADER.split(",");
        String[] cells = line.split(",", -1);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
            row.put(names[i], cells[i]);
        }
        return row;
    }

    @Test
    void publishesExactlyTheValidOrdersAndQuarantinesTheRest() {
        List<String> lines = OrdersCsv.lines(2000, 7L, NOW);
        List<String> good = lines.stream().filter(HistoricalPurchasesTest::valid).toList();
        try (var driver = driver()) {
            lines.forEach(line -> driver.input("orders").pipeText(cells(line)));
            TestRun run = driver.run();
            assertThat(run).published(good.size()).quarantined(2000 - good.size())
                    .passed("total is quantity times unit price").passed("duplicateCount(purchase_id)");
            double mean = good.stream().mapToInt(l -> Integer.parseInt(l.split(",")[3])).average().orElseThrow();
            assertEquals(mean, run.check("mean(quantity)").value(), 1e-9);
            assertEquals(good.stream().map(l -> l.split(",")[0]).toList(),
                    run.rows().stream().map(r -> r.get("purchase_id")).toList());
        }
    }

    @Test
    void aTotalTooLargeForItsColumnQuarantinesItsOrderWithItsOriginAndTheRunGoesOn() {
        try (var driver = driver().withoutCheck("approxDistinct(customer_id)").maxQuarantinedShare(1)) {
            driver.input("orders")
                    .pipeText("ord-000001", "cust-0001", "SKU-000001", "2", "10.00", NOW.toString(), "a@example.com", "web")
                    // 2,000,000,000 units at 999.99 need 13 digits before the point; total is decimal(12,2)
                    .pipeText("ord-999999", "cust-0001", "SKU-000001", "2000000000", "999.99", NOW.toString(),
                            "big@example.com", "web");
            TestRun run = driver.run();
            assertThat(run).published(1).quarantined(1, "total:type");
            assertEquals("orders row 2", run.quarantinedRows().get(0).origin());
            assertEquals("ord-999999", run.quarantinedRows().get(0).values().get("purchase_id"));
        }
    }

    @Test
    void purchasesOlderThanADayFailTheFreshnessCheckAndNothingIsPublished() {
        try (var driver = driver().withoutCheck("approxDistinct(customer_id)")) {
            driver.input("orders")
                    .pipeText("ord-000001", "cust-0001", "SKU-000001", "2", "10.00", NOW.toString(), "a@example.com", "web");
            driver.clock().advance(Duration.ofHours(25));
            QualityGateException e = assertThrows(QualityGateException.class, driver::run);
            assertEquals(List.of("freshnessSeconds(purchased_at)"),
                    e.reports().get(0).failures().stream().map(r -> r.name()).toList(), e.getMessage());
        }
    }

    @Test
    void theProductDefinedFromItsOdcsFileQuarantinesWhatItsContractRefuses() {
        var product = HistoricalPurchases.fromContract(HistoricalPurchases.contract(HistoricalPurchases.CONTRACT),
                Path.of("orders.csv"));
        // the contract's rowCount > 1000 is meant for a day of orders, not for two
        try (var driver = ProductTestDriver.of(product, NOW).withoutCheck("approxDistinct(customer_id)")
                .replaceCheck("rowCount", Check.rowCount().atLeast(1)).maxQuarantinedShare(1)) {
            driver.input("orders")
                    .pipeText("ord-000001", "cust-0001", "SKU-000001", "2", "10.00", NOW.toString(), "a@example.com", "web")
                    .pipeText("ord-000002", "cust-0002", "SKU-1", "2", "10.00", NOW.toString(), "b@example.com", "fax");
            assertThat(driver.run()).published(1).quarantined(1, "sku:pattern").quarantined(1, "channel:allowed_values");
        }
    }

    @Test
    void theSameSeedWritesTheSameOrders() {
        assertEquals(OrdersCsv.lines(500, 11L, NOW), OrdersCsv.lines(500, 11L, NOW));
    }
}
