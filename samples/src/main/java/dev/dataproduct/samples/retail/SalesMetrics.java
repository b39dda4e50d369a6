package dev.dataproduct.samples.retail;

import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.metric.Aggregation;
import dev.dataproduct.api.metric.Dimension;
import dev.dataproduct.api.metric.Entity;
import dev.dataproduct.api.metric.Measure;
import dev.dataproduct.api.metric.Metric;
import dev.dataproduct.api.metric.MetricDataset;
import dev.dataproduct.api.metric.MetricQuery;
import dev.dataproduct.api.metric.SemanticModel;
import dev.dataproduct.api.metric.TimeGrain;
import dev.dataproduct.api.product.Alignment;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.product.ProductStatus;
import dev.dataproduct.api.product.QualityTier;
import dev.dataproduct.api.slo.Objective;
import dev.dataproduct.core.metric.MetricProduct;
import java.time.Duration;

/**
 * <em>Sales Metrics</em>: the retail metric product, where "Gross Revenue" is defined once, over
 * Historical Purchases' purchases read as an analyst, and published by month and channel.
 */
public final class SalesMetrics {
    /** The dataset published: the sales metrics by month and channel. */
    public static final String BY_MONTH_AND_CHANNEL = "sales_by_month_and_channel";
    /** The metric definitions: over the purchases, one row per order line. */
    public static final SemanticModel SALES = SemanticModel.builder("sales", "purchases")
            .description("Every order line Historical Purchases published.")
            .entity(Entity.foreign(CustomerMarketing360.CUSTOMER.name(), "customer_id"))
            .dimension(Dimension.categorical("channel").describedAs("Where the purchase was made: web, store or app."))
            .dimension(Dimension.time("purchased_at").describedAs("When the purchase was made."))
            .measure(Measure.sum("revenue", Expr.col("total")).describedAs("The money of the order lines, in euros."),
                    Measure.count("order_lines").describedAs("Order lines bought."),
                    Measure.of("buyers", Aggregation.COUNT_DISTINCT, Expr.col("customer_id"))
                            .describedAs("Customers who bought."))
            .metric(Metric.simple("gross_revenue", "revenue").describedAs("Gross Revenue: the money of every order "
                            + "line (quantity x unit price) before returns, in euros."),
                    Metric.simple("orders", "order_lines").describedAs("Order lines bought."),
                    Metric.simple("customers", "buyers").describedAs("Customers who bought at least once."),
                    Metric.ratio("average_order_value", "gross_revenue", "orders")
                            .describedAs("Gross Revenue per order line, in euros."))
            .build();

    private SalesMetrics() {
    }

    /** @return the product */
    public static DataProduct define() {
        DataProduct.Builder b = DataProduct.builder("sales-metrics")
                .domain("retail")
                .version("1.0.0")
                .owner(Owner.person("Ana Ruiz", "ana.ruiz@example.com"))
                .purpose("Gross Revenue and the other sales metrics, defined once for every tool and service.")
                .alignment(Alignment.CONSUMER)
                .qualityTier(QualityTier.SILVER)
                .supportTier(2)
                .status(ProductStatus.ACTIVE)
                .tags("retail", "metrics", "revenue")
                .principalRoles(RetailProducts.ANALYST)
                .input(ProductInput.of(CustomerLifetimeValue.PURCHASES, 1).dataset("purchases"))
                .objective(Objective.frequency(Duration.ofDays(1)), Objective.freshness(Duration.ofHours(48)),
                        Objective.availability().target(0.99))
                .access(RetailProducts.analystsRead(BY_MONTH_AND_CHANNEL).build());
        return MetricProduct.publish(b, SALES, MetricDataset.of(BY_MONTH_AND_CHANNEL,
                MetricQuery.of("gross_revenue", "orders", "customers", "average_order_value")
                        .by("purchased_at", TimeGrain.MONTH).by("channel").build())).build();
    }
}
