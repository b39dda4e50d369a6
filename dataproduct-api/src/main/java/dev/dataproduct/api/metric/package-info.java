/**
 * The semantic layer: metric definitions that live in one place. A {@link
 * dev.dataproduct.api.metric.SemanticModel} over one dataset declares its entities (keys named by
 * conformed key), dimensions (categorical, and time grouped at a {@link
 * dev.dataproduct.api.metric.TimeGrain}: day, ISO week from Monday, month, quarter, year),
 * measures (sum, count, count distinct, min, max, average of an expression) and metrics of four
 * kinds (simple, ratio, derived with optional time offsets, cumulative). A {@link
 * dev.dataproduct.api.metric.MetricQuery} asks for metrics by dimensions at a grain; the core
 * runtime ({@code dev.dataproduct.core.metric}) answers it over Arrow through the read path.
 *
 * <p>Dimensions may live in another product's dataset: a {@link
 * dev.dataproduct.api.metric.DimensionJoin} joins the model's rows to it through one of its
 * entities, many to one, keeping every row; a key repeated there refuses the query, so that no
 * measure is counted twice.
 *
 * <p>Nulls and zero: measures skip null values; sums, minimums, maximums and averages over no value
 * are null, counts 0; a ratio with a denominator of 0 or null is null; derived expressions follow
 * the expression model (null in, null out; division by zero is null). Rows whose time is null form
 * their own group, in which cumulative metrics and offset inputs are null. A floating-point NaN is
 * greater than every number, as in SQL engines: a minimum is NaN only when every value is, a maximum
 * whenever one is.
 *
 * <p>An answer has rows only for the groups and buckets that have rows: a bucket without rows has no
 * row (cumulative values are not carried into it), and a query with no group has one row over
 * everything, even over no row. A query's filter applies before offsets and windows look back.
 */
package dev.dataproduct.api.metric;
