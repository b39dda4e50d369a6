/**
 * The Historical Purchases sample: a source-aligned retail product built from a CSV of orders,
 * gated on its contract, published as an immutable snapshot and served as Arrow IPC files.
 */
package dev.dataproduct.samples.purchases;
