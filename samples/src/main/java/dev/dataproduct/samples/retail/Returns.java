package dev.dataproduct.samples.retail;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.samples.rows.RowBatches;
import java.math.BigDecimal;

/**
 * <em>Returns</em>: the purchases customers brought or sent back, with the money refunded and why.
 * Generated from the orders Historical Purchases publishes: every return is of one of its
 * purchases, by the customer who bought it, within 30 days.
 */
public final class Returns {
    /** The address of the product, without its major version. */
    public static final String ADDRESS = "urn:dataproduct:retail:returns";
    /** The dataset published. */
    public static final String RETURNS = "returns";
    /** The seed of the sample's returns. */
    public static final long SEED = 30L;

    private Returns() {
    }

    /** @return the returns dataset: one row per purchase returned */
    public static DatasetSpec.Builder returns() {
        return DatasetSpec.named(RETURNS)
                .description("One row per purchase returned, with the refund.")
                .field("return_id", LogicalType.STRING, f -> f.primaryKey().description("The return.")
                        .examples("ret-000001"))
                .field("purchase_id", LogicalType.STRING, f -> f.required()
                        .description("The purchase returned, as Historical Purchases knows it."))
                .field("customer_id", LogicalType.STRING, f -> f.required().conformedKey(CustomerMarketing360.CUSTOMER.name())
                        .description("The customer who returned it."))
                .field("sku", LogicalType.STRING, f -> f.required().conformedKey(Products.PRODUCT.name()).pattern("SKU-\\d{6}")
                        .description("The SKU returned."))
                .field("returned_at", LogicalType.TIMESTAMP_TZ, f -> f.required()
                        .description("When the return was received, in UTC."))
                .field("amount", LogicalType.decimal(12, 2), f -> f.required().minimum(new BigDecimal("0.01"))
                        .description("The money refunded, in euros: the units returned at the price paid."))
                .field("reason", LogicalType.STRING, f -> f.required()
                        .allowedValues(RetailGenerator.REASONS.toArray(String[]::new))
                        .description("Why, as the customer said."));
    }

    /** @return the product over the purchases sample's orders and {@link #SEED} */
    public static DataProduct define() {
        RetailGenerator generator = RetailGenerator.sample(SEED);
        return RetailProducts.foundation("returns", Owner.person("Tom Becker", "tom.becker@example.com"),
                        "The purchases returned, with the money refunded and the reason.")
                .description("Every return recorded by the stores and the web shop's returns desk; a return "
                        + "recorded with no money refunded is kept in the quarantine.")
                .tags("retail", "returns", "customer")
                .output(returns())
                .transform(RowBatches.writing(generator::returns))
                .check(Check.unique("return_id"), Check.unique("purchase_id").named("one-return-per-purchase"))
                .access(RetailProducts.analystsRead(RETURNS).build())
                .build();
    }
}
