package dev.dataproduct.samples.purchases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.ports.arrow.ArrowFileOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoricalPurchasesTest {
    private static final Pattern SKU = Pattern.compile("SKU-\\d{6}");
    private static final Set<String> CHANNELS = Set.of("web", "store", "app");

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

    @Test
    void publishesExactlyTheValidOrdersAndQuarantinesTheRest(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("orders.csv");
        OrdersCsv.write(csv, 2000, 7L, Instant.parse("2026-01-01T00:00:00Z"));
        List<String> lines = Files.readAllLines(csv);
        long expectedValid = lines.stream().skip(1).filter(HistoricalPurchasesTest::valid).count();
        assertTrue(expectedValid < 2000, "the generated file must contain bad rows");

        DataProduct product = HistoricalPurchases.define(csv, ArrowFileOutput.at(dir.resolve("served")));
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .clock(java.time.Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC))
                     .store(DirectorySnapshotStore.at(dir.resolve("snapshots"))).build()) {
            RunResult result = runtime.run(product);
            assertEquals(2000, result.rowsIn());
            assertEquals(expectedValid, result.published());
            assertEquals(2000 - expectedValid, result.quarantined());
            assertTrue(result.portFailures().isEmpty(), result.portFailures().toString());
            assertEquals(1, result.quality().size());
            assertTrue(result.quality().get(0).passed(), result.quality().get(0).summary());
            assertEquals(HistoricalPurchases.checks().length, result.quality().get(0).results().size());
            assertEquals(0.0, result.quality().get(0).result("duplicateCount(purchase_id)").orElseThrow().value());
            double expectedMean = lines.stream().skip(1).filter(HistoricalPurchasesTest::valid)
                    .mapToInt(l -> Integer.parseInt(l.split(",", -1)[3])).average().orElseThrow();
            assertEquals(expectedMean, result.quality().get(0).result("mean(quantity)").orElseThrow().value(), 1e-9);
            assertTrue(Files.exists(dir.resolve("served").resolve("purchases.arrow")));

            List<BigDecimal> wrongTotals = new ArrayList<>();
            runtime.store().open(runtime.store().current(product.address()).orElseThrow(), allocator)
                    .dataset("purchases").forEachRow(r -> {
                        BigDecimal expected = r.getDecimal("unit_price").multiply(BigDecimal.valueOf(r.getLong("quantity")));
                        if (expected.compareTo(r.getDecimal("total")) != 0) {
                            wrongTotals.add(r.getDecimal("total"));
                        }
                    });
            assertEquals(List.of(), wrongTotals);
        }
    }

    @Test
    void aTotalTooLargeForItsColumnQuarantinesItsOrderWithTheCsvLineAndTheRunGoesOn(@TempDir Path dir)
            throws IOException {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        StringBuilder csv = new StringBuilder(OrdersCsv.HEADER).append('\n');
        for (int i = 1; i <= 150; i++) {
            csv.append(String.format("ord-%06d,cust-%04d,SKU-%06d,2,10.00,%s,c%d@example.com,web%n", i, i, i,
                    now.minusSeconds(60L * i), i));
        }
        // 2,000,000,000 units at 999.99 need 13 digits before the point; total is decimal(12,2)
        csv.append("ord-999999,cust-0001,SKU-000001,2000000000,999.99,").append(now.minusSeconds(30))
                .append(",big@example.com,web\n");
        Path file = Files.writeString(dir.resolve("orders.csv"), csv.toString());

        DataProduct product = HistoricalPurchases.define(file);
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .clock(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC))
                     .store(DirectorySnapshotStore.at(dir.resolve("snapshots"))).build()) {
            RunResult result = runtime.run(product);
            assertEquals(151, result.rowsIn());
            assertEquals(150, result.published());
            assertEquals(1, result.quarantined());
            assertEquals(1L, result.violations().get("purchases.total: type"));
            assertEquals("orders.csv:152", result.samples().get(0).origin());
            assertEquals("ord-999999", result.samples().get(0).values().get("purchase_id"));
        }
    }

    @Test
    void theSameSeedWritesTheSameOrders(@TempDir Path dir) throws IOException {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        OrdersCsv.write(dir.resolve("a.csv"), 500, 11L, now);
        OrdersCsv.write(dir.resolve("b.csv"), 500, 11L, now);
        assertEquals(Files.readAllLines(dir.resolve("a.csv")), Files.readAllLines(dir.resolve("b.csv")));
    }
}
