package dev.dataproduct.samples.retail;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What Customer Lifetime Value knows of one customer, and the transparent formula and rule table
 * it applies to it.
 *
 * <p>The formula: {@code clv = average net order value x purchase frequency x expected lifespan},
 * where the average net order value is (money spent - money refunded) / order lines, the purchase
 * frequency is order lines per year (the order lines of the {@value #OBSERVED_DAYS} days of
 * purchase history, times 365 / {@value #OBSERVED_DAYS}) and the expected lifespan in years is
 * {@link #LIFESPAN_YEARS} of the customer's segment (one over the segment's yearly churn).
 *
 * @param customerId the customer
 * @param segment the customer's segment in Customer-Marketing 360
 * @param marketingConsent whether the customer agreed to marketing
 * @param orders order lines bought
 * @param gross money spent, in euros
 * @param refunds money refunded for returns, in euros
 * @param lastPurchaseAt the latest purchase; empty for a customer who never bought
 */
public record CustomerFacts(String customerId, String segment, boolean marketingConsent, long orders,
                            BigDecimal gross, BigDecimal refunds, Optional<Instant> lastPurchaseAt) {
    /** The days of purchase history the frequency is measured over (Historical Purchases keeps 90). */
    public static final int OBSERVED_DAYS = 90;
    /** The expected lifespan in years by segment: one over its yearly churn (50%, 33%, 20%). */
    public static final java.util.Map<String, Double> LIFESPAN_YEARS = java.util.Map.of(
            "prospect", 0.0, "occasional", 2.0, "regular", 3.0, "loyal", 5.0);
    /** The value bands, best first: the lowest lifetime value in euros of each. */
    public static final List<Band> BANDS = List.of(new Band("top", new BigDecimal("150000")),
            new Band("high", new BigDecimal("60000")), new Band("medium", new BigDecimal("20000")),
            new Band("low", BigDecimal.ZERO));
    /** The rule table of the next best action: the first rule whose condition holds decides. */
    public static final List<Rule> NEXT_BEST_ACTIONS = List.of(
            new Rule("service-call", "refunds are 30% or more of the money spent",
                    f -> f.facts().gross().signum() > 0 && f.facts().refunds().multiply(BigDecimal.TEN)
                            .compareTo(f.facts().gross().multiply(BigDecimal.valueOf(3))) >= 0),
            new Rule("ask-consent", "no marketing consent", f -> !f.facts().marketingConsent()),
            new Rule("welcome-offer", "never bought", f -> f.facts().orders() == 0),
            new Rule("vip-program", "value band top", f -> f.band().equals("top")),
            new Rule("win-back-offer", "last purchase more than 45 days ago",
                    f -> f.facts().lastPurchaseAt().map(t -> t.isBefore(f.now().minus(Duration.ofDays(45))))
                            .orElse(false)),
            new Rule("second-purchase-coupon", "segment occasional", f -> f.facts().segment().equals("occasional")),
            new Rule("cross-sell", "otherwise", f -> true));

    /** Validates the components. */
    public CustomerFacts {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(segment, "segment");
        Objects.requireNonNull(gross, "gross");
        Objects.requireNonNull(refunds, "refunds");
        Objects.requireNonNull(lastPurchaseAt, "lastPurchaseAt");
    }

    /**
     * A value band.
     *
     * @param name the band
     * @param from the lowest lifetime value in it, in euros
     */
    public record Band(String name, BigDecimal from) {
    }

    /**
     * A rule of the next best action table.
     *
     * @param action the action suggested
     * @param when the condition, for people
     * @param holds the condition
     */
    public record Rule(String action, String when, Predicate<Judged> holds) {
    }

    /**
     * A customer's facts with what is derived from them, as the rules see it.
     *
     * @param facts the facts
     * @param band the value band
     * @param now the time of the run
     */
    public record Judged(CustomerFacts facts, String band, Instant now) {
    }

    /** @return money spent minus money refunded */
    public BigDecimal net() {
        return gross.subtract(refunds);
    }

    /** @return the net money per order line; zero for a customer who never bought */
    public BigDecimal averageOrderValue() {
        return orders == 0 ? BigDecimal.ZERO.setScale(2) : net().divide(BigDecimal.valueOf(orders), 2,
                RoundingMode.HALF_EVEN);
    }

    /** @return order lines per year */
    public double purchaseFrequency() {
        return orders * 365.0 / OBSERVED_DAYS;
    }

    /** @return the expected lifespan in years of the customer's segment; 0 for one not known */
    public double expectedLifespanYears() {
        return LIFESPAN_YEARS.getOrDefault(segment, 0.0);
    }

    /** @return the customer lifetime value in euros, to the cent */
    public BigDecimal clv() {
        return averageOrderValue().multiply(BigDecimal.valueOf(purchaseFrequency() * expectedLifespanYears()))
                .setScale(2, RoundingMode.HALF_EVEN);
    }

    /** @return the name of the value band of {@link #clv()} */
    public String band() {
        BigDecimal clv = clv();
        return BANDS.stream().filter(b -> clv.compareTo(b.from()) >= 0).findFirst().orElseThrow().name();
    }

    /**
     * @param now the time of the run
     * @return the action of the first rule of {@link #NEXT_BEST_ACTIONS} that holds
     */
    public String nextBestAction(Instant now) {
        Judged judged = new Judged(this, band(), now);
        return NEXT_BEST_ACTIONS.stream().filter(r -> r.holds().test(judged)).findFirst().orElseThrow().action();
    }

    /** @return the formula, the bands and the rule table, for the product's description */
    public static String documentation() {
        StringBuilder sb = new StringBuilder("clv = average net order value x purchase frequency x expected lifespan: "
                + "(money spent - money refunded) / order lines, x order lines per year (over the " + OBSERVED_DAYS
                + " days of purchase history), x the expected lifespan of the customer's segment in years "
                + new java.util.TreeMap<>(LIFESPAN_YEARS) + ". Value bands: ");
        sb.append(String.join(", ", BANDS.stream().map(b -> b.name() + " from " + b.from().toPlainString() + " EUR")
                .toList()));
        sb.append(". Next best action, the first rule that holds: ");
        for (int i = 0; i < NEXT_BEST_ACTIONS.size(); i++) {
            Rule r = NEXT_BEST_ACTIONS.get(i);
            sb.append(i == 0 ? "" : "; ").append(i + 1).append(". ").append(r.when()).append(" -> ").append(r.action());
        }
        return sb.append('.').toString();
    }
}
