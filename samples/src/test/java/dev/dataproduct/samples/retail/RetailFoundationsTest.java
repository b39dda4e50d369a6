package dev.dataproduct.samples.retail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.samples.purchases.HistoricalPurchasesApp;
import dev.dataproduct.samples.purchases.OrdersCsv;
import dev.dataproduct.samples.purchases.OrdersCsv.Order;
import dev.dataproduct.testkit.driver.ProductTestDriver;
import dev.dataproduct.testkit.driver.QuarantinedRow;
import dev.dataproduct.testkit.driver.TestRun;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RetailFoundationsTest {
    static final List<Order> ORDERS = OrdersCsv.orders(HistoricalPurchasesApp.ORDERS, HistoricalPurchasesApp.SEED,
            HistoricalPurchasesApp.NOW);

    /** What one run of a product published and quarantined, read while its driver is open. */
    record Ran(TestRun run, List<Map<String, Object>> rows, List<QuarantinedRow> quarantined) {
    }

    static Ran run(DataProduct product, String dataset) {
        try (var driver = ProductTestDriver.of(product, HistoricalPurchasesApp.NOW)) {
            TestRun run = driver.run();
            Ran ran = new Ran(run, run.rows(dataset), run.quarantinedRows());
            assertEquals(run.rowsIn(), run.published() + run.quarantined(), product.address().urn());
            assertEquals(ran.rows().size(), run.published());
            assertTrue(run.quality().stream().allMatch(r -> r.passed()), run.quality().toString());
            return ran;
        }
    }

    @Test
    void customerMarketing360HoldsEveryCustomerThePurchasesKnowAndQuarantinesMalformedEmails() {
        Ran ran = run(CustomerMarketing360.define(), CustomerMarketing360.CUSTOMERS);
        assertEquals(OrdersCsv.CUSTOMERS, ran.run().rowsIn());
        assertTrue(ran.quarantined().size() > 0 && ran.quarantined().stream().allMatch(q -> q.broke("email:pattern")),
                ran.quarantined().toString());
        // no classified value in the reasons
        assertTrue(ran.quarantined().stream().noneMatch(q -> q.reasons().contains("n/a")), ran.quarantined().toString());
        Map<String, Long> ordersBy = ORDERS.stream().collect(Collectors.groupingBy(Order::customerId,
                Collectors.counting()));
        for (Map<String, Object> c : ran.rows()) {
            long n = ordersBy.getOrDefault((String) c.get("customer_id"), 0L);
            String expected = n == 0 ? "prospect" : n <= 2 ? "occasional" : n <= 5 ? "regular" : "loyal";
            assertEquals(expected, c.get("segment"), c.toString());
        }
        Set<Object> published = ran.rows().stream().map(r -> r.get("customer_id")).collect(Collectors.toSet());
        Set<String> quarantined = ran.quarantined().stream().map(q -> q.values().get("customer_id"))
                .collect(Collectors.toSet());
        for (Order o : ORDERS) {
            assertTrue(published.contains(o.customerId()) || quarantined.contains(o.customerId()), o.customerId());
        }
    }

    @Test
    void everyReturnIsOfAPurchaseByItsBuyerWithinThirtyDaysForAtMostWhatWasPaid() {
        Ran ran = run(Returns.define(), Returns.RETURNS);
        Map<String, Order> byId = new HashMap<>();
        ORDERS.forEach(o -> byId.put(o.orderId(), o));
        assertTrue(ran.rows().size() > ORDERS.size() / 30 && ran.rows().size() < ORDERS.size() / 10,
                "returns: " + ran.rows().size() + " of " + ORDERS.size());
        for (Map<String, Object> r : ran.rows()) {
            Order o = byId.get((String) r.get("purchase_id"));
            assertEquals(o.customerId(), r.get("customer_id"));
            assertEquals(o.sku(), r.get("sku"));
            Instant at = (Instant) r.get("returned_at");
            assertTrue(at.isAfter(o.purchasedAt()) && !at.isAfter(o.purchasedAt().plus(Duration.ofDays(31)))
                    && !at.isAfter(HistoricalPurchasesApp.NOW), r.toString());
            BigDecimal amount = (BigDecimal) r.get("amount");
            assertTrue(amount.signum() > 0 && amount.compareTo(o.total()) <= 0, r + " of " + o);
        }
        assertTrue(ran.quarantined().size() > 0 && ran.quarantined().stream().allMatch(q -> q.broke("amount:minimum")),
                ran.quarantined().toString());
    }

    @Test
    void theCatalogHoldsEverySkuPurchasedAtAListPriceNoOrderPaidMoreThan() {
        Ran ran = run(Products.define(), Products.PRODUCTS);
        assertEquals(List.of(), ran.quarantined());
        Map<Object, BigDecimal> price = new HashMap<>();
        ran.rows().forEach(r -> price.put(r.get("sku"), (BigDecimal) r.get("list_price")));
        for (Order o : ORDERS) {
            assertTrue(price.containsKey(o.sku()), o.sku());
            assertTrue(o.unitPrice().compareTo(price.get(o.sku())) <= 0, o + " list " + price.get(o.sku()));
        }
        long sold = ORDERS.stream().map(Order::sku).distinct().count();
        assertTrue(ran.rows().size() > sold, "the catalog also lists SKUs never sold");
    }

    @Test
    void theConformedKeysAreDeclaredWhereTheCustomersAndSkusAre() {
        assertEquals("customer", CustomerMarketing360.customers().build().schema().field("customer_id").orElseThrow()
                .conformedKey().orElseThrow());
        assertEquals("customer", Returns.returns().build().schema().field("customer_id").orElseThrow()
                .conformedKey().orElseThrow());
        assertEquals("product", Products.products().build().schema().field("sku").orElseThrow()
                .conformedKey().orElseThrow());
    }

    @Test
    void theSameOrdersAndSeedGiveTheSameRows() {
        List<List<Object>> a = new java.util.ArrayList<>();
        List<List<Object>> b = new java.util.ArrayList<>();
        RetailGenerator.sample(1).returns(r -> a.add(List.of(r)));
        RetailGenerator.sample(1).returns(r -> b.add(List.of(r)));
        assertEquals(a, b);
    }
}
