/**
 * The quality engine: compiles the {@link dev.dataproduct.api.quality.Check checks} of a dataset
 * into one {@link dev.dataproduct.core.quality.QualityPlan plan} (equal metrics computed once),
 * computes every metric in a single pass over Arrow batches into a mergeable
 * {@link dev.dataproduct.core.quality.QualityState state} (per batch, across threads and across
 * runs), and judges the state into a {@link dev.dataproduct.core.quality.QualityReport report} with
 * bounded samples of failing values. {@link dev.dataproduct.core.quality.QualityEngine} is the entry
 * point; see it for the exact meaning of every metric.
 *
 * <p>How the pass stays cheap as checks are added: each column the plan reads is copied out of its
 * Arrow buffers once per batch into primitive arrays, and every metric on it reads the copy. Column
 * statistics, sketches and null counts share one state per column. The row rules of a column
 * (allowed values, missing values, patterns, ranges, lengths) are evaluated together per distinct
 * value through a memo ({@code ColumnRules}), so a hundred rules on a column of a thousand distinct
 * values cost about one probe per row; columns of nearly unique values fall back to rule-by-rule
 * loops. Predicate checks are compiled into column kernels with equal subexpressions computed once
 * per batch ({@code PredicateKernels}), and the usual shapes of patterns into an automaton over
 * ASCII bytes ({@code AsciiPattern}); the expression evaluator and {@code java.util.regex} remain the
 * definitions and take whatever the compiled forms do not cover.
 *
 * <p>Numbers follow SQL engines (DuckDB is the reference of a differential test): integer sums are
 * exact in 128 bits and float sums compensated and scaled so they stay finite when the exact sum is
 * ({@code Moments}); every comparison, in the evaluator, the kernels, the row rules, min, max and
 * quantiles, follows {@link dev.dataproduct.core.expr.ValueOrder} ({@code -0.0 = 0.0}, NaN equal
 * to itself and greater than every other value, strings by code point); shares are judged exactly
 * on the counts; a timestamp column's unit travels with the state. A pattern that runs past its
 * budget ({@link dev.dataproduct.core.expr.BoundedMatcher}) fails its row and makes its check an
 * {@link dev.dataproduct.api.quality.Outcome#ERROR} with the reason; the other checks still compute.
 */
package dev.dataproduct.core.quality;
