package dev.dataproduct.samples.retail;

import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.join.ConformedKey;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.samples.rows.RowBatches;

/**
 * <em>Products</em>: the catalog of the SKUs sold (and some never sold yet), with category, brand
 * and list price. Generated from the orders Historical Purchases publishes: every SKU purchased is
 * in it, at a list price no order paid more than.
 */
public final class Products {
    /** The address of the product, without its major version. */
    public static final String ADDRESS = "urn:dataproduct:retail:products";
    /** The dataset published. */
    public static final String PRODUCTS = "products";
    /** The conformed key of the catalog's items, declared once: the SKU, held by {@code sku}. */
    public static final ConformedKey PRODUCT = ConformedKey.of("product", LogicalType.STRING);
    /** The seed of the sample's catalog. */
    public static final long SEED = 5L;

    private Products() {
    }

    /** @return the products dataset: one row per SKU */
    public static DatasetSpec.Builder products() {
        return DatasetSpec.named(PRODUCTS)
                .description("One row per SKU of the catalog.")
                .field("sku", LogicalType.STRING, f -> f.primaryKey().required().conformedKey(PRODUCT.name())
                        .pattern("SKU-\\d{6}").description("The stock keeping unit.").examples("SKU-004211"))
                .field("category", LogicalType.STRING, f -> f.required()
                        .allowedValues(RetailGenerator.BRANDS.keySet().toArray(String[]::new))
                        .description("The catalog's category."))
                .field("brand", LogicalType.STRING, f -> f.required().description("The brand."))
                .field("list_price", LogicalType.decimal(10, 2), f -> f.required()
                        .description("The price of one unit before any discount, in euros."));
    }

    /** @return the product over the purchases sample's orders and {@link #SEED} */
    public static DataProduct define() {
        RetailGenerator generator = RetailGenerator.sample(SEED);
        return RetailProducts.foundation("products", Owner.person("Lea Fischer", "lea.fischer@example.com"),
                        "The catalog: every SKU with its category, brand and list price.")
                .description("The product information system's catalog of SKUs, sold or not yet sold.")
                .tags("retail", "catalog", "product")
                .output(products())
                .transform(RowBatches.writing(generator::products))
                .check(Check.unique("sku"),
                        Check.predicate(Expr.col("list_price").gt(0)).noFailures().named("list-price-positive"))
                .access(RetailProducts.analystsRead(PRODUCTS).build())
                .build();
    }
}
