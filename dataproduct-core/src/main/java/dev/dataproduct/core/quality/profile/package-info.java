/**
 * Profiling of datasets: {@link dev.dataproduct.core.quality.profile.Profiler} measures each column
 * (nulls, distinct values, ranges, lengths, frequent values) in one pass of the quality engine, and
 * the resulting {@link dev.dataproduct.core.quality.profile.DatasetProfile} suggests checks, or the
 * same as ODCS quality rules, that the profiled data meets: a starting point for a product's
 * checks and contract, to be reviewed by someone who knows the data.
 */
package dev.dataproduct.core.quality.profile;
