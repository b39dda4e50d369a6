package dev.dataproduct.samples.purchases;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Target;

import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.data.RowView;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.product.Alignment;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.ProductStatus;
import dev.dataproduct.api.product.QualityTier;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Severity;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.transform.BatchSink;
import dev.dataproduct.api.transform.TransformContext;
import dev.dataproduct.core.odcs.OdcsCodec;
import dev.dataproduct.ports.csv.CsvInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The Historical Purchases product: "a list of historical purchases (SKUs) for each customer",
 * a source-aligned product of the retail domain built from a CSV of orders.
 */
public final class HistoricalPurchases {

    /** The schema of the raw orders CSV, read by type; unparsable cells are quarantined. */
    public static final Schema ORDERS = Schema.of(
            Field.of("order_id", LogicalType.STRING, false),
            Field.of("customer_id", LogicalType.STRING, false),
            Field.of("sku", LogicalType.STRING, false),
            Field.of("quantity", LogicalType.INT32, false),
            Field.of("unit_price", LogicalType.decimal(10, 2), false),
            Field.of("purchased_at", LogicalType.TIMESTAMP_TZ, false),
            Field.of("email", LogicalType.STRING, false),
            Field.of("channel", LogicalType.STRING, false));

    /** The contract the product publishes under, kept in the repository as an ODCS file. */
    public static final String CONTRACT = "/contracts/historical-purchases-1.2.0.odcs.yaml";
    /** A proposed next version of the contract, whose breaking change the version policy catches. */
    public static final String PROPOSED_CONTRACT = "/contracts/historical-purchases-1.3.0.odcs.yaml";
    /**
     * Who may read the purchases: analysts see every row with e-mail addresses masked, store managers
     * see the store channel without e-mail addresses, the privacy officer sees everything.
     */
    public static final Policy ACCESS = Policy.forDataset("purchases")
            .mask(Target.field("email"), Mask.email())
            .grant(Grant.to(Audience.role("analyst")).allColumns())
            .grant(Grant.to(Audience.role("store-manager")).columns("purchase_id", "sku", "quantity", "unit_price",
                    "total", "purchased_at", "channel").rows(Expr.col("channel").eq("store")))
            .grant(Grant.to(Audience.role("privacy-officer")).allColumns().unmask(Target.field("email")))
            .build();

    private HistoricalPurchases() {
    }

    /**
     * @param resource the class path resource of an ODCS file, such as {@link #CONTRACT}
     * @return the contract
     * @throws IllegalStateException if the resource is missing
     */
    public static DataContract contract(String resource) {
        try (InputStream in = HistoricalPurchases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no contract " + resource + " on the class path");
            }
            return OdcsCodec.readYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the contract " + resource, e);
        }
    }

    /**
     * The product defined from its ODCS contract plus a transform: the published dataset, its
     * fields and rules all come from the contract file.
     *
     * @param contract the output contract
     * @param ordersCsv the raw orders
     * @param outputs where the product is served
     * @return the product
     */
    public static DataProduct fromContract(DataContract contract, Path ordersCsv, OutputPort... outputs) {
        return builder(contract, ordersCsv, outputs).build();
    }

    /**
     * The product defined by a contract, with the access policy {@link #ACCESS}: the shape the sample
     * server serves, where every read is made as a principal.
     *
     * @param contract the contract
     * @param ordersCsv the orders file read
     * @return the product
     */
    public static DataProduct withAccess(DataContract contract, Path ordersCsv) {
        return builder(contract, ordersCsv, new OutputPort[0]).access(ACCESS).build();
    }

    /**
     * The product defined by a contract, with the access policy {@link #ACCESS}, delivered to ports
     * that each write what their audience may read.
     *
     * @param contract the contract
     * @param ordersCsv the orders file read
     * @param deliveries the delivery ports, each with its audience
     * @return the product
     */
    public static DataProduct delivered(DataContract contract, Path ordersCsv, OutputPort... deliveries) {
        return builder(contract, ordersCsv, deliveries).access(ACCESS).build();
    }

    private static DataProduct.Builder builder(DataContract contract, Path ordersCsv, OutputPort[] outputs) {
        return metadata(DataProduct.builder("historical-purchases"))
                .version(contract.version())
                .contract(contract)
                .input(CsvInput.of("orders", ordersCsv, ORDERS))
                .serve(outputs)
                .transform(HistoricalPurchases::transform);
    }

    /** @return the definition of the published dataset: one row per purchased SKU */
    public static DatasetSpec.Builder purchases() {
        return DatasetSpec.named("purchases")
                .description("One row per purchased SKU, with the customer who bought it and when.")
                .field("purchase_id", LogicalType.STRING, f -> f.primaryKey()
                        .description("The order line that recorded the purchase."))
                .field("customer_id", LogicalType.STRING, f -> f.required().conformedKey("customer")
                        .description("The customer who bought the SKU.").examples("cust-0042"))
                .field("sku", LogicalType.STRING, f -> f.required().pattern("SKU-\\d{6}")
                        .description("The stock keeping unit bought.").examples("SKU-004211"))
                .field("quantity", LogicalType.INT32, f -> f.required().range(1, 1000)
                        .description("Units bought."))
                .field("unit_price", LogicalType.decimal(10, 2), f -> f.required().minimum(BigDecimal.ZERO)
                        .description("Price of one unit, in euros."))
                .field("total", LogicalType.decimal(12, 2), f -> f.required()
                        .description("quantity times unit_price, in euros."))
                .field("purchased_at", LogicalType.TIMESTAMP_TZ, f -> f.required()
                        .description("When the purchase was made, in UTC."))
                .field("email", LogicalType.STRING, f -> f.classification(Classification.RESTRICTED).personalData()
                        .pattern("[^@\\s]+@[^@\\s]+").description("The customer's e-mail address."))
                .field("channel", LogicalType.STRING, f -> f.required().allowedValues("web", "store", "app")
                        .description("Where the purchase was made."));
    }

    /**
     * The product defined in Java; its {@link DataProduct#contract() contract} is generated from
     * the outputs and matches the ODCS file {@link #CONTRACT} field for field.
     *
     * @param ordersCsv the raw orders
     * @param outputs where the product is served
     * @return the product
     */
    public static DataProduct define(Path ordersCsv, OutputPort... outputs) {
        return metadata(DataProduct.builder("historical-purchases"))
                .version("1.2.0")
                .input(CsvInput.of("orders", ordersCsv, ORDERS))
                .output(purchases())
                .serve(outputs)
                .transform(HistoricalPurchases::transform)
                .build();
    }

    private static DataProduct.Builder metadata(DataProduct.Builder b) {
        return b.domain("retail")
                .owner(Owner.person("Ana Ruiz", "ana.ruiz@example.com"))
                .purpose("A list of historical purchases (SKUs) for each customer.")
                .description("Every order line of the web shop, the stores and the app, checked against the "
                        + "purchases contract. Rows that break it are kept in the quarantine with the reason.")
                .alignment(Alignment.SOURCE)
                .qualityTier(QualityTier.SILVER)
                .supportTier(2)
                .status(ProductStatus.ACTIVE)
                .tags("retail", "purchases", "customer")
                .link("runbook", "https://example.com/runbooks/historical-purchases")
                .check(checks());
    }

    /**
     * The quality checks of the product, beside those of its contract: computed in one pass over
     * the published rows of every run.
     *
     * @return the checks
     */
    public static Check[] checks() {
        return new Check[] {
            Check.unique("purchase_id"),
            Check.completeness("email").atLeast(0.9).warnBelow(0.99).severity(Severity.WARNING),
            Check.freshness("purchased_at").within(Duration.ofHours(24)),
            Check.mean("quantity").between(1, 20),
            Check.approxDistinct("customer_id").atLeast(100),
            Check.quantile("total", 0.95).recorded(),
            Check.predicate(Expr.col("total").eq(Expr.col("quantity").times(Expr.col("unit_price"))))
                    .noFailures().named("total is quantity times unit price"),
        };
    }

    /**
     * Copies each order line, upper-cases the SKU and computes the total of the line. A total too
     * large for its column is quarantined by the run's batch builder with the CSV line it came from.
     */
    static void transform(TransformContext ctx, BatchSink out) {
        try (BatchCursor cursor = ctx.input("orders").open()) {
            while (cursor.next()) {
                VectorSchemaRoot batch = cursor.batch();
                try (BatchBuilder rows = ctx.batchBuilder()) {
                    RowView order = RowView.overCursor(cursor);
                    for (int i = 0; i < batch.getRowCount(); i++) {
                        order.at(i);
                        BigDecimal price = order.getDecimal("unit_price");
                        Object quantity = order.get("quantity");
                        BigDecimal total = price == null || quantity == null ? null
                                : price.multiply(BigDecimal.valueOf((Long) quantity));
                        String sku = order.getString("sku");
                        rows.origin(order.origin()).addRow(order.getString("order_id"), order.getString("customer_id"),
                                sku == null ? null : sku.toUpperCase(Locale.ROOT), quantity, price, total,
                                order.getInstant("purchased_at"), order.getString("email"), order.getString("channel"));
                    }
                    try (VectorSchemaRoot purchases = rows.build()) {
                        out.accept(purchases);
                    }
                }
            }
        }
    }
}
