package dev.dataproduct.samples.composition;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.contract.ConsumerExpectations;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.RowView;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.product.Alignment;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.product.QualityTier;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.slo.Objective;
import dev.dataproduct.api.transform.BatchSink;
import dev.dataproduct.api.transform.TransformContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Customer Spend, a derived product built from Historical Purchases through a
 * {@link ProductInput}: per customer, the purchases, units and money spent and the latest
 * purchase. It reads the purchases as its own principal (role {@code analyst}, which the purchases'
 * policy grants every row with e-mail addresses masked), relies on four fields of the purchases
 * contract (checked when the mesh is built and before each run), promises a freshness no tighter
 * than the purchases' and earns its gold quality tier over silver purchases with its own blocking
 * checks.
 */
public final class CustomerSpend {
    /** The address of the product read, without its major version. */
    public static final String PURCHASES = "urn:dataproduct:retail:historical-purchases";
    /** The dataset published. */
    public static final String DATASET = "customer_spend";
    /** Who may read customer spend: analysts, every row and column. */
    public static final Policy ACCESS = Policy.forDataset(DATASET)
            .grant(Grant.to(Audience.role("analyst")).allColumns())
            .build();

    private CustomerSpend() {
    }

    /** @return the input: the purchases of Historical Purchases major version 1, with what is relied on */
    public static ProductInput purchases() {
        return ProductInput.of(PURCHASES, 1).dataset("purchases")
                .expecting(ConsumerExpectations.of("customer-spend", "purchases")
                        .field("customer_id", LogicalType.STRING, true)
                        .field("quantity", LogicalType.INT64, true)
                        .field("total", LogicalType.decimal(12, 2), true)
                        .field("purchased_at", LogicalType.TIMESTAMP_TZ, true)
                        .build());
    }

    /** @return the published dataset: one row per customer */
    public static DatasetSpec.Builder spend() {
        return DatasetSpec.named(DATASET)
                .description("One row per customer: how often and how much they bought.")
                .field("customer_id", LogicalType.STRING, f -> f.required().primaryKey().conformedKey("customer")
                        .description("The customer."))
                .field("purchases", LogicalType.INT64, f -> f.required().description("Order lines bought."))
                .field("units", LogicalType.INT64, f -> f.required().description("Units bought."))
                .field("spend", LogicalType.decimal(14, 2), f -> f.required().minimum(BigDecimal.ZERO)
                        .description("Money spent, in euros."))
                .field("last_purchase_at", LogicalType.TIMESTAMP_TZ, f -> f.required()
                        .description("The customer's latest purchase, in UTC."));
    }

    /**
     * @param freshness the freshness promised; the purchases support a day (their latency), so
     *     anything under that is refused when the mesh is built
     * @return the product
     */
    public static DataProduct define(Duration freshness) {
        return DataProduct.builder("customer-spend")
                .domain("retail")
                .version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana.ruiz@example.com"))
                .purpose("How often and how much each customer buys, from the historical purchases.")
                .alignment(Alignment.AGGREGATE)
                .qualityTier(QualityTier.GOLD)
                .supportTier(2)
                .principalRoles("analyst")
                .input(purchases())
                .output(spend())
                .check(Check.unique("customer_id").named("one-row-per-customer"),
                        Check.predicate(Expr.col("spend").ge(0)).noFailures().named("spend-not-negative"))
                .qualityEarnedBy("one-row-per-customer", "spend-not-negative")
                .objective(Objective.freshness(freshness))
                .access(ACCESS)
                .transform(CustomerSpend::transform)
                .build();
    }

    /**
     * Sums the purchases per customer. It holds one entry per customer, not per purchase: the
     * memory grows with the customers, which is fine for a sample of a few hundred.
     */
    static void transform(TransformContext ctx, BatchSink out) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal> spend = new TreeMap<>();
        Map<String, Instant> latest = new TreeMap<>();
        try (BatchCursor cursor = ctx.input("purchases").open()) {
            while (cursor.next()) {
                RowView row = RowView.overCursor(cursor);
                for (int i = 0; i < cursor.batch().getRowCount(); i++) {
                    row.at(i);
                    String customer = row.getString("customer_id");
                    long[] c = counts.computeIfAbsent(customer, k -> new long[2]);
                    c[0]++;
                    c[1] += row.getInt("quantity");
                    spend.merge(customer, row.getDecimal("total"), BigDecimal::add);
                    latest.merge(customer, row.getInstant("purchased_at"), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        try (BatchBuilder rows = ctx.batchBuilder()) {
            counts.forEach((customer, c) -> rows.addRow(customer, c[0], c[1], spend.get(customer),
                    latest.get(customer)));
            try (VectorSchemaRoot batch = rows.build()) {
                out.accept(batch);
            }
        }
    }
}
