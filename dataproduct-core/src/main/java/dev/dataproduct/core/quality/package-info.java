/**
 * The quality engine: compiles the {@link dev.dataproduct.api.quality.Check checks} of a dataset
 * into one {@link dev.dataproduct.core.quality.QualityPlan plan} (equal metrics computed once),
 * computes every metric in a single pass over Arrow batches into a mergeable
 * {@link dev.dataproduct.core.quality.QualityState state} (per batch, across threads and across
 * runs), and judges the state into a {@link dev.dataproduct.core.quality.QualityReport report} with
 * bounded samples of failing values. {@link dev.dataproduct.core.quality.QualityEngine} is the entry
 * point; see it for the exact meaning of every metric.
 */
package dev.dataproduct.core.quality;
