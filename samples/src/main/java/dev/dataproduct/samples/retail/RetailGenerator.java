package dev.dataproduct.samples.retail;

import dev.dataproduct.samples.purchases.HistoricalPurchasesApp;
import dev.dataproduct.samples.purchases.OrdersCsv;
import dev.dataproduct.samples.purchases.OrdersCsv.Order;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The seeded stand-ins for the CRM, the returns desk and the product catalog, made from the very
 * orders Historical Purchases publishes ({@link OrdersCsv#orders}), so that every customer id and
 * SKU of the retail samples is one the purchases know. The same orders and seed give the same rows.
 */
final class RetailGenerator {
    static final List<String> SEGMENTS = List.of("prospect", "occasional", "regular", "loyal");
    static final List<String> REGIONS = List.of("north", "south", "east", "west", "central");
    static final List<String> REASONS = List.of("damaged", "wrong-size", "not-as-described", "changed-mind",
            "late-delivery");
    static final Map<String, List<String>> BRANDS = brands();

    private final List<Order> orders;
    private final Instant now;
    private final long seed;

    RetailGenerator(List<Order> orders, Instant now, long seed) {
        this.orders = List.copyOf(orders);
        this.now = now;
        this.seed = seed;
    }

    /** @return the generator over the orders of the purchases sample ({@link HistoricalPurchasesApp}) */
    static RetailGenerator sample(long seed) {
        return new RetailGenerator(OrdersCsv.orders(HistoricalPurchasesApp.ORDERS, HistoricalPurchasesApp.SEED,
                HistoricalPurchasesApp.NOW), HistoricalPurchasesApp.NOW, seed);
    }

    /**
     * Every customer orders are drawn from, bought or not: customer_id, segment (from how many
     * orders they placed: none a prospect, 1-2 occasional, 3-5 regular, more loyal), region,
     * signup_date (before the first purchase), marketing_consent, email (the address the orders
     * carry). About one customer in a hundred and fifty has "n/a" for an e-mail address, which the
     * contract refuses.
     */
    void customers(Consumer<Object[]> rows) {
        SplittableRandom random = new SplittableRandom(seed ^ 0xC360L);
        Map<String, List<Order>> byCustomer = new HashMap<>();
        orders.forEach(o -> byCustomer.computeIfAbsent(o.customerId(), k -> new ArrayList<>()).add(o));
        for (int i = 1; i <= OrdersCsv.CUSTOMERS; i++) {
            String id = String.format("cust-%04d", i);
            List<Order> own = byCustomer.getOrDefault(id, List.of());
            int n = own.size();
            String segment = SEGMENTS.get(n == 0 ? 0 : n <= 2 ? 1 : n <= 5 ? 2 : 3);
            Instant first = own.stream().map(Order::purchasedAt).min(Instant::compareTo).orElse(now);
            LocalDate signup = first.atOffset(ZoneOffset.UTC).toLocalDate().minusDays(random.nextInt(1500));
            String email = random.nextInt(150) == 0 ? "n/a" : id + "@example.com";
            rows.accept(new Object[] {id, segment, REGIONS.get(random.nextInt(REGIONS.size())), signup,
                    random.nextInt(100) < 65, email});
        }
    }

    /**
     * About six orders in a hundred come back, within 30 days and not after "now": return_id,
     * purchase_id, customer_id, sku, returned_at, amount (the units returned at the price paid),
     * reason. About one return in sixty is recorded with an amount of 0.00, which the contract refuses.
     */
    void returns(Consumer<Object[]> rows) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x2E7L);
        int n = 0;
        for (Order o : orders) {
            if (random.nextInt(100) >= 6) {
                continue;
            }
            Instant returned = o.purchasedAt().plus(Duration.ofMinutes(60 + random.nextInt(30 * 24 * 60)));
            int units = 1 + random.nextInt(o.quantity());
            BigDecimal amount = random.nextInt(60) == 0 ? new BigDecimal("0.00")
                    : o.unitPrice().multiply(BigDecimal.valueOf(units));
            String reason = REASONS.get(random.nextInt(REASONS.size()));
            if (returned.isAfter(now)) {
                continue;
            }
            rows.accept(new Object[] {String.format("ret-%06d", ++n), o.orderId(), o.customerId(), o.sku(), returned,
                    amount, reason});
        }
    }

    /**
     * Every SKU the orders hold, and as many more never sold: sku, category, brand, list_price (the
     * highest price any order paid: orders pay list price or less).
     */
    void products(Consumer<Object[]> rows) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5C0L);
        Map<String, BigDecimal> paid = new TreeMap<>();
        orders.forEach(o -> paid.merge(o.sku(), o.unitPrice(), BigDecimal::max));
        TreeSet<String> unsold = new TreeSet<>();
        while (unsold.size() < paid.size() / 10) {
            String sku = String.format("SKU-%06d", random.nextInt(1_000_000));
            if (!paid.containsKey(sku)) {
                unsold.add(sku);
            }
        }
        unsold.forEach(sku -> paid.put(sku, new BigDecimal(99 + random.nextInt(40_000)).movePointLeft(2)));
        List<String> categories = List.copyOf(BRANDS.keySet());
        for (Map.Entry<String, BigDecimal> e : paid.entrySet()) {
            String category = categories.get(random.nextInt(categories.size()));
            List<String> brands = BRANDS.get(category);
            rows.accept(new Object[] {e.getKey(), category, brands.get(random.nextInt(brands.size())),
                    e.getValue().setScale(2, RoundingMode.UNNECESSARY)});
        }
    }

    private static Map<String, List<String>> brands() {
        Map<String, List<String>> m = new TreeMap<>();
        m.put("apparel", List.of("Northwind", "Lumen", "Fjell"));
        m.put("footwear", List.of("Stride", "Fjell"));
        m.put("home", List.of("Hearth", "Casa Verde", "Lumen"));
        m.put("electronics", List.of("Voltix", "Arcwave"));
        m.put("beauty", List.of("Bloom", "Solenne"));
        m.put("outdoors", List.of("Fjell", "Trailhead"));
        return java.util.Collections.unmodifiableMap(m);
    }
}
