package dev.dataproduct.samples.retail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.join.JoinReport;
import dev.dataproduct.samples.purchases.HistoricalPurchases;
import dev.dataproduct.testkit.driver.ProductTestDriver;
import dev.dataproduct.testkit.driver.TestRun;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CustomerLifetimeValueTest {
    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    static int purchaseId;

    static Map<String, Object> customer(String id, String segment, boolean consent) {
        Map<String, Object> m = new HashMap<>();
        m.put("customer_id", id);
        m.put("segment", segment);
        m.put("region", "north");
        m.put("signup_date", java.time.LocalDate.of(2024, 1, 1));
        m.put("marketing_consent", consent);
        m.put("email", id + "@example.com");
        return m;
    }

    static Map<String, Object> purchase(String customer, String total, Duration ago) {
        Map<String, Object> m = new HashMap<>();
        m.put("purchase_id", "ord-" + ++purchaseId);
        m.put("customer_id", customer);
        m.put("sku", "SKU-000001");
        m.put("quantity", 1);
        m.put("unit_price", new BigDecimal(total));
        m.put("total", new BigDecimal(total));
        m.put("purchased_at", NOW.minus(ago));
        m.put("channel", "web");
        return m;
    }

    static Map<String, Object> refund(String customer, String amount) {
        Map<String, Object> m = new HashMap<>();
        m.put("return_id", "ret-" + ++purchaseId);
        m.put("purchase_id", "ord-1");
        m.put("customer_id", customer);
        m.put("sku", "SKU-000001");
        m.put("returned_at", NOW);
        m.put("amount", new BigDecimal(amount));
        m.put("reason", "damaged");
        return m;
    }

    /** The lifetime value written out apart from the product: net per order x orders a year x years. */
    static BigDecimal clv(String net, int orders, double years) {
        BigDecimal aov = new BigDecimal(net).divide(BigDecimal.valueOf(orders), 2, RoundingMode.HALF_EVEN);
        return aov.multiply(BigDecimal.valueOf(orders * 365.0 / 90 * years)).setScale(2, RoundingMode.HALF_EVEN);
    }

    @Test
    void valuesEachCustomerByTheFormulaAndSuggestsTheActionOfTheFirstRuleThatHolds() {
        Duration recent = Duration.ofDays(3);
        try (var driver = ProductTestDriver.of(CustomerLifetimeValue.define(), NOW)) {
            driver.input(CustomerMarketing360.CUSTOMERS, CustomerMarketing360.customers().build().schema()).pipeRows(
                    List.of(customer("cust-0001", "loyal", true), customer("cust-0002", "regular", false),
                            customer("cust-0003", "prospect", true), customer("cust-0004", "occasional", true),
                            customer("cust-0005", "occasional", true), customer("cust-0006", "occasional", true),
                            customer("cust-0007", "loyal", true)));
            driver.input("purchases", HistoricalPurchases.purchases().build().schema()).pipeRows(List.of(
                    purchase("cust-0001", "100.00", recent), purchase("cust-0001", "300.00", recent),
                    purchase("cust-0002", "50.00", recent),
                    purchase("cust-0004", "100.00", recent),
                    purchase("cust-0005", "80.00", Duration.ofDays(60)),
                    purchase("cust-0006", "80.00", recent),
                    purchase("cust-0007", "9000.00", recent), purchase("cust-0007", "9000.00", recent),
                    purchase("cust-0999", "10.00", recent)));
            driver.input(Returns.RETURNS, Returns.returns().build().schema()).pipeRows(List.of(
                    refund("cust-0001", "100.00"), refund("cust-0004", "30.00")));
            TestRun run = driver.run();
            assertEquals(run.rowsIn(), run.published() + run.quarantined());
            Map<Object, Map<String, Object>> by = run.rows().stream().collect(Collectors.toMap(r -> r.get("customer_id"),
                    r -> r));

            // the customer of a purchase Customer-Marketing 360 does not hold gets no row
            assertEquals(7, by.size());
            Map<String, Object> a = by.get("cust-0001");
            assertEquals(2L, a.get("orders"));
            assertEquals(new BigDecimal("400.00"), a.get("gross"));
            assertEquals(new BigDecimal("100.00"), a.get("refunds"));
            assertEquals(new BigDecimal("150.00"), a.get("average_order_value"));
            assertEquals(clv("300.00", 2, 5), a.get("clv"));
            assertEquals("low", a.get("value_band"));
            assertEquals("cross-sell", a.get("next_best_action"));

            assertEquals("ask-consent", by.get("cust-0002").get("next_best_action"));
            assertEquals(clv("50.00", 1, 3), by.get("cust-0002").get("clv"));
            assertEquals(new BigDecimal("0.00"), by.get("cust-0003").get("clv"));
            assertEquals("welcome-offer", by.get("cust-0003").get("next_best_action"));
            assertEquals(null, by.get("cust-0003").get("last_purchase_at"));
            assertEquals("service-call", by.get("cust-0004").get("next_best_action"), "refunds of 30% of the spend");
            assertEquals("win-back-offer", by.get("cust-0005").get("next_best_action"));
            assertEquals("second-purchase-coupon", by.get("cust-0006").get("next_best_action"));
            assertEquals(clv("18000.00", 2, 5), by.get("cust-0007").get("clv"));
            assertEquals("top", by.get("cust-0007").get("value_band"));
            assertEquals("vip-program", by.get("cust-0007").get("next_best_action"));
            assertTrue(run.quality().stream().allMatch(r -> r.passed()), run.quality().toString());
            // the purchase of the customer Customer-Marketing 360 does not hold is an orphan of the join
            JoinReport purchases = run.result().joins().get(0);
            assertEquals(List.of(7L, 1L, 0L), List.of(purchases.leftSide().matched() + purchases.leftSide().orphans(),
                    purchases.rightSide().orphans(), purchases.rightSide().quarantined()), purchases.summary());
        }
    }

    @Test
    void aCustomerTwiceInCustomerMarketing360RefusesTheRunBeforeAnyRowIsCounted() {
        try (var driver = ProductTestDriver.of(CustomerLifetimeValue.define(), NOW)) {
            driver.input(CustomerMarketing360.CUSTOMERS, CustomerMarketing360.customers().build().schema()).pipeRows(
                    List.of(customer("cust-0001", "loyal", true), customer("cust-0001", "regular", false)));
            driver.input("purchases", HistoricalPurchases.purchases().build().schema()).pipeRows(List.of(
                    purchase("cust-0001", "100.00", Duration.ofDays(1))));
            driver.input(Returns.RETURNS, Returns.returns().build().schema()).pipeRows(List.of());
            DataProductException e = assertThrows(DataProductException.class, driver::run);
            assertTrue(e.getMessage().contains("customer"), e.getMessage());
        }
    }

    @Test
    void theDescriptionStatesTheFormulaAndEveryRuleInOrder() {
        String d = CustomerLifetimeValue.define().metadata().description();
        assertTrue(d.startsWith("clv = average net order value x purchase frequency x expected lifespan"), d);
        int at = 0;
        for (CustomerFacts.Rule r : CustomerFacts.NEXT_BEST_ACTIONS) {
            int i = d.indexOf(r.when() + " -> " + r.action(), at);
            assertTrue(i > at, r + " in " + d);
            at = i;
        }
    }
}
