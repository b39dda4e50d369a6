/**
 * The metric engine: answers {@link dev.dataproduct.api.metric.MetricQuery metric queries} of a
 * {@link dev.dataproduct.api.metric.SemanticModel} over Arrow batches, through the read path
 * ({@link dev.dataproduct.core.metric.MetricEngine#query}) so that the reader's policies apply.
 *
 * <p>One streamed pass groups the rows through primitive hash tables (strings looked up by their
 * bytes in the vectors, no object per row) and folds every measure into per-group states; ratios,
 * derived expressions, time offsets and cumulative windows are computed afterwards by merging
 * states of buckets, never by reading rows again. When a query shifts or accumulates along time,
 * rows are bucketed by day and the buckets merged into the query's grain.
 *
 * <p>Dimensions of another product are joined with {@code core.join}'s hash join (many to one, left,
 * refused when it would fan out) before the pass; {@link dev.dataproduct.core.metric.MetricProduct}
 * publishes answers as datasets of a metric product, and {@link
 * dev.dataproduct.core.metric.MetricDefinitions} writes the definitions as YAML and descriptor trees,
 * and reads YAML definitions back (from a team's file), refusing a document with every problem named
 * by element and line.
 *
 * <p>Semantics are those documented in {@code dev.dataproduct.api.metric}: nulls skipped, counts 0
 * over no value, a ratio over 0 null, rows without a time in a group of their own where cumulative
 * metrics and offsets are null; a shifted bucket without rows gives null for sums and 0 for counts.
 */
package dev.dataproduct.core.metric;
