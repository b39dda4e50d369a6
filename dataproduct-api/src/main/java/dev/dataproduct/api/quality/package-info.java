/**
 * Data quality checks: a {@link dev.dataproduct.api.quality.Check} measures a
 * {@link dev.dataproduct.api.quality.Metric} of a dataset against a
 * {@link dev.dataproduct.api.quality.Threshold} with warn and fail zones; its
 * {@link dev.dataproduct.api.quality.Severity} decides whether a failure stops publication.
 */
package dev.dataproduct.api.quality;
