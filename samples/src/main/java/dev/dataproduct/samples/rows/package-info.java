/**
 * How the samples' generated products hand their rows to a run: in batches of a bounded size.
 */
package dev.dataproduct.samples.rows;
