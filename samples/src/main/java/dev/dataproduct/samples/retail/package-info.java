/**
 * The retail foundations beside Historical Purchases, generated from the orders it publishes so
 * that every customer id and SKU agrees: <em>Customer-Marketing 360</em> (customers, conformed key
 * {@code customer}), <em>Returns</em> (returns of purchases) and <em>Products</em> (the catalog,
 * conformed key {@code product}). Analysts (role {@code analyst}) read them all.
 */
package dev.dataproduct.samples.retail;
