/**
 * Service level objectives a product declares: {@link dev.dataproduct.api.slo.Objective}s on an
 * {@link dev.dataproduct.api.slo.Indicator} (freshness, completeness, availability, frequency,
 * retention), each with a target share of good events and a rolling window in days. A product
 * declares them with {@code DataProduct.Builder.objective(...)}; the core runtime also reads them
 * from the contract's ODCS {@code slaProperties}, measures the indicators from runs and reads, and
 * computes the error budget left.
 */
package dev.dataproduct.api.slo;
