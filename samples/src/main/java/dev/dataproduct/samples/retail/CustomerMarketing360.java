package dev.dataproduct.samples.retail;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.Target;
import dev.dataproduct.api.join.ConformedKey;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Severity;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.samples.rows.RowBatches;

/**
 * <em>Customer-Marketing 360</em>: every customer of the retail samples as marketing knows them:
 * segment, region, when they signed up, whether they consented to marketing, and their e-mail
 * address (restricted: analysts see it masked, the privacy officer in the clear). Generated from
 * the orders Historical Purchases publishes, so its customers are the purchases' customers.
 */
public final class CustomerMarketing360 {
    /** The address of the product, without its major version. */
    public static final String ADDRESS = "urn:dataproduct:retail:customer-marketing-360";
    /** The dataset published. */
    public static final String CUSTOMERS = "customers";
    /** The conformed key of the retail customers, declared once: the customer id, held by {@code customer_id}. */
    public static final ConformedKey CUSTOMER = ConformedKey.of("customer", LogicalType.STRING);
    /** The seed of the sample's customers. */
    public static final long SEED = 360L;

    private CustomerMarketing360() {
    }

    /** @return the customers dataset: one row per customer */
    public static DatasetSpec.Builder customers() {
        return DatasetSpec.named(CUSTOMERS)
                .description("One row per customer, bought or not yet.")
                .field("customer_id", LogicalType.STRING, f -> f.primaryKey().required().conformedKey(CUSTOMER.name())
                        .pattern("cust-\\d{4}").description("The customer.").examples("cust-0042"))
                .field("segment", LogicalType.STRING, f -> f.required()
                        .allowedValues(RetailGenerator.SEGMENTS.toArray(String[]::new))
                        .description("By orders placed: none a prospect, 1-2 occasional, 3-5 regular, more loyal."))
                .field("region", LogicalType.STRING, f -> f.required()
                        .allowedValues(RetailGenerator.REGIONS.toArray(String[]::new))
                        .description("The sales region of the customer's address."))
                .field("signup_date", LogicalType.DATE, f -> f.required().description("When the customer signed up."))
                .field("marketing_consent", LogicalType.BOOLEAN, f -> f.required()
                        .description("Whether the customer agreed to marketing by e-mail."))
                .field("email", LogicalType.STRING, f -> f.classification(Classification.RESTRICTED).personalData()
                        .pattern("[^@\\s]+@[^@\\s]+").description("The customer's e-mail address."));
    }

    /** @return the product over the purchases sample's orders and {@link #SEED} */
    public static DataProduct define() {
        RetailGenerator generator = RetailGenerator.sample(SEED);
        return RetailProducts.foundation("customer-marketing-360", Owner.person("Priya Shah", "priya.shah@example.com"),
                        "Every customer with segment, region, signup date and marketing consent: one view of the "
                                + "customer for marketing.")
                .description("The CRM's customers, checked against the customers contract; a customer whose "
                        + "e-mail address is malformed is kept in the quarantine.")
                .tags("retail", "customer", "marketing")
                .output(customers())
                .transform(RowBatches.writing(generator::customers))
                .check(Check.unique("customer_id"),
                        Check.completeness("email").atLeast(0.9).warnBelow(0.99).severity(Severity.WARNING),
                        Check.rowCount().atLeast(100))
                .access(RetailProducts.analystsRead(CUSTOMERS)
                        .mask(Target.field("email"), Mask.email())
                        .grant(Grant.to(Audience.role("privacy-officer")).allColumns().unmask(Target.field("email")))
                        .build())
                .build();
    }
}
