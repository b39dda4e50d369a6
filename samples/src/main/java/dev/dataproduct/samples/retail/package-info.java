/**
 * The retail samples beside Historical Purchases. Foundations generated from the orders it
 * publishes, so that every customer id and SKU agrees: <em>Customer-Marketing 360</em> (customers,
 * conformed key {@code customer}), <em>Returns</em> (returns of purchases) and <em>Products</em>
 * (the catalog, conformed key {@code product}). Derived from them: <em>Customer Lifetime
 * Value</em>, a composite joining customers with their purchases and returns, with a transparent
 * formula and a next-best-action rule table ({@link dev.dataproduct.samples.retail.CustomerFacts}),
 * and <em>Sales Metrics</em>, the metric product where "Gross Revenue" is defined once. Analysts
 * (role {@code analyst}) read them all.
 */
package dev.dataproduct.samples.retail;
