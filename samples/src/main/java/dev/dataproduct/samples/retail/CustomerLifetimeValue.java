package dev.dataproduct.samples.retail;

import dev.dataproduct.api.contract.ConsumerExpectations;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.join.Cardinality;
import dev.dataproduct.api.join.Composite;
import dev.dataproduct.api.join.JoinType;
import dev.dataproduct.api.product.Alignment;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.DerivedPattern;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.product.ProductKind;
import dev.dataproduct.api.product.ProductStatus;
import dev.dataproduct.api.product.QualityTier;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.slo.Objective;
import dev.dataproduct.api.transform.BatchSink;
import dev.dataproduct.api.transform.TransformContext;
import dev.dataproduct.samples.rows.RowBatches;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * <em>Customer Lifetime Value</em>: "a predicted customer lifetime value as a score along with a
 * suggested next best action", per customer of Customer-Marketing 360, derived through product
 * inputs from Historical Purchases (what each customer bought), Returns (what they got refunded)
 * and Customer-Marketing 360 (segment and marketing consent), read as an analyst. The formula and
 * the rule table are {@link CustomerFacts}'s, and the product's description states them.
 */
public final class CustomerLifetimeValue {
    /** The address of Historical Purchases, without its major version. */
    public static final String PURCHASES = "urn:dataproduct:retail:historical-purchases";
    /** The dataset published. */
    public static final String DATASET = "customer_value";
    private static final String CONSUMER = "customer-lifetime-value";
    private static final BigDecimal NONE = new BigDecimal("0.00");
    private static final String PURCHASES_INPUT = "purchases";

    private CustomerLifetimeValue() {
    }

    /** @return the purchases read, and the fields relied on */
    public static ProductInput purchases() {
        return ProductInput.of(PURCHASES, 1).dataset(PURCHASES_INPUT)
                .expecting(ConsumerExpectations.of(CONSUMER, PURCHASES_INPUT)
                        .field("purchase_id", LogicalType.STRING, false)
                        .field("customer_id", LogicalType.STRING, true)
                        .field("total", LogicalType.decimal(12, 2), true)
                        .field("purchased_at", LogicalType.TIMESTAMP_TZ, true)
                        .build());
    }

    /** @return the returns read, and the fields relied on */
    public static ProductInput returns() {
        return ProductInput.of(Returns.ADDRESS, 1).dataset(Returns.RETURNS)
                .expecting(ConsumerExpectations.of(CONSUMER, Returns.RETURNS)
                        .field("customer_id", LogicalType.STRING, true)
                        .field("amount", LogicalType.decimal(12, 2), true)
                        .build());
    }

    /** @return the customers read, and the fields relied on */
    public static ProductInput customers() {
        return ProductInput.of(CustomerMarketing360.ADDRESS, 1).dataset(CustomerMarketing360.CUSTOMERS)
                .expecting(ConsumerExpectations.of(CONSUMER, CustomerMarketing360.CUSTOMERS)
                        .field("customer_id", LogicalType.STRING, true)
                        .field("segment", LogicalType.STRING, true)
                        .field("marketing_consent", LogicalType.BOOLEAN, true)
                        .key("customer_id")
                        .build());
    }

    /** @return the published dataset: one row per customer */
    public static DatasetSpec.Builder customerValue() {
        return DatasetSpec.named(DATASET)
                .description("One row per customer of Customer-Marketing 360: lifetime value and next best action.")
                .field("customer_id", LogicalType.STRING, f -> f.primaryKey().required().conformedKey(CustomerMarketing360.CUSTOMER.name())
                        .description("The customer."))
                .field("segment", LogicalType.STRING, f -> f.required().description("The customer's segment."))
                .field("orders", LogicalType.INT64, f -> f.required().description("Order lines bought."))
                .field("gross", LogicalType.decimal(14, 2), f -> f.required().description("Money spent, in euros."))
                .field("refunds", LogicalType.decimal(14, 2), f -> f.required()
                        .description("Money refunded for returns, in euros."))
                .field("average_order_value", LogicalType.decimal(14, 2), f -> f.required()
                        .description("(gross - refunds) / orders, in euros; 0 without orders."))
                .field("purchase_frequency", LogicalType.FLOAT64, f -> f.required()
                        .description("Order lines per year: orders x 365 / " + CustomerFacts.OBSERVED_DAYS + "."))
                .field("expected_lifespan_years", LogicalType.FLOAT64, f -> f.required()
                        .description("The expected lifespan of the customer's segment, in years."))
                .field("clv", LogicalType.decimal(16, 2), f -> f.required().minimum(BigDecimal.ZERO)
                        .description("The predicted lifetime value, in euros: average_order_value x "
                                + "purchase_frequency x expected_lifespan_years."))
                .field("value_band", LogicalType.STRING, f -> f.required()
                        .allowedValues(CustomerFacts.BANDS.stream().map(CustomerFacts.Band::name).toArray(String[]::new))
                        .description("The score as a band of clv."))
                .field("next_best_action", LogicalType.STRING, f -> f.required()
                        .allowedValues(CustomerFacts.NEXT_BEST_ACTIONS.stream().map(CustomerFacts.Rule::action)
                                .toArray(String[]::new))
                        .description("The action suggested by the first rule of the table that holds."))
                .field("last_purchase_at", LogicalType.TIMESTAMP_TZ, f -> f
                        .description("The customer's latest purchase, in UTC; null if they never bought."));
    }

    /** @return the product */
    public static DataProduct define() {
        return DataProduct.builder("customer-lifetime-value")
                .domain("retail")
                .version("1.0.0")
                .owner(Owner.person("Priya Shah", "priya.shah@example.com"))
                .purpose("A predicted customer lifetime value as a score along with a suggested next best action.")
                .description(CustomerFacts.documentation())
                .kind(ProductKind.derived(DerivedPattern.COMPOSITE))
                .alignment(Alignment.CONSUMER)
                .qualityTier(QualityTier.GOLD)
                .supportTier(2)
                .status(ProductStatus.ACTIVE)
                .tags("retail", "customer", "clv", "marketing")
                .principalRoles(RetailProducts.ANALYST)
                .input(purchases())
                .input(returns())
                .input(customers())
                .output(customerValue())
                .transform(CustomerLifetimeValue::transform)
                .check(Check.unique("customer_id").named("one-row-per-customer"),
                        Check.predicate(Expr.col("clv").ge(0)).noFailures().named("clv-not-negative"),
                        Check.predicate(Expr.col("refunds").le(Expr.col("gross"))).noFailures()
                                .named("refunds-within-spend"))
                .qualityEarnedBy("one-row-per-customer", "clv-not-negative", "refunds-within-spend")
                .objective(Objective.frequency(Duration.ofDays(1)), Objective.freshness(Duration.ofHours(48)),
                        Objective.availability().target(0.99))
                .access(RetailProducts.analystsRead(DATASET).build())
                .build();
    }

    /** Every customer of Customer-Marketing 360 with each of their purchases, if any (one customer to many). */
    static final Composite PURCHASES_BY_CUSTOMER = Composite.join(CustomerMarketing360.CUSTOMERS).with(PURCHASES_INPUT)
            .on(CustomerMarketing360.CUSTOMER).cardinality(Cardinality.ONE_TO_MANY).qualifyCollisions()
            .type(JoinType.LEFT);
    /** Every customer of Customer-Marketing 360 with each of their returns, if any (one customer to many). */
    static final Composite RETURNS_BY_CUSTOMER = Composite.join(CustomerMarketing360.CUSTOMERS).with(Returns.RETURNS)
            .on(CustomerMarketing360.CUSTOMER).cardinality(Cardinality.ONE_TO_MANY).qualifyCollisions()
            .type(JoinType.LEFT);

    /** What is summed of one customer. */
    private static final class Totals {
        final String segment;
        final boolean consent;
        long orders;
        BigDecimal gross = NONE;
        BigDecimal refunds = NONE;
        Instant last;

        Totals(String segment, boolean consent) {
            this.segment = segment;
            this.consent = consent;
        }
    }

    /**
     * Joins the customers with their purchases and with their returns (the runtime's joins verify
     * that Customer-Marketing 360 has each customer once, and count the purchases and returns of
     * customers it does not have as orphans), sums per customer, and values every customer. It
     * holds one entry per customer, which is fine for the sample's hundreds.
     */
    static void transform(TransformContext ctx, BatchSink out) {
        Map<String, Totals> customers = new LinkedHashMap<>();
        ctx.join(PURCHASES_BY_CUSTOMER).forEachRow(r -> {
            Totals t = customers.computeIfAbsent(r.getString("customer_id"), c -> new Totals(r.getString("segment"),
                    r.getBoolean("marketing_consent")));
            if (r.get("purchase_id") != null) {
                t.orders++;
                t.gross = t.gross.add(r.getDecimal("total"));
                Instant at = r.getInstant("purchased_at");
                t.last = t.last == null || at.isAfter(t.last) ? at : t.last;
            }
        });
        ctx.join(RETURNS_BY_CUSTOMER).forEachRow(r -> {
            if (r.get("return_id") != null) {
                Totals t = customers.get(r.getString("customer_id"));
                t.refunds = t.refunds.add(r.getDecimal("amount"));
            }
        });
        Instant now = ctx.clock().instant();
        try (RowBatches rows = RowBatches.of(ctx, out)) {
            customers.forEach((c, t) -> {
                CustomerFacts f = new CustomerFacts(c, t.segment, t.consent, t.orders, t.gross, t.refunds,
                        Optional.ofNullable(t.last));
                rows.add(c, f.segment(), f.orders(), f.gross(), f.refunds(), f.averageOrderValue(),
                        f.purchaseFrequency(), f.expectedLifespanYears(), f.clv(), f.band(), f.nextBestAction(now),
                        f.lastPurchaseAt().orElse(null));
            });
        }
    }
}
