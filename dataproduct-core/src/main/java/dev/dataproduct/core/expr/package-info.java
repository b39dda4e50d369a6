/**
 * Column-at-a-time evaluation of the expression model over Arrow batches:
 * {@link dev.dataproduct.core.expr.ExpressionEvaluator} turns a predicate into a
 * {@link dev.dataproduct.core.expr.Selection} and any expression into a vector.
 * {@link dev.dataproduct.core.expr.ValueOrder} is the one order of values (SQL's: {@code -0.0 = 0.0},
 * NaN equal to itself and greatest, strings by code point) that the evaluator and the quality
 * engine share, and {@link dev.dataproduct.core.expr.BoundedMatcher} runs a user's pattern within a
 * budget, so that a runaway pattern leaves a match unknown instead of stopping the run.
 * {@link dev.dataproduct.core.expr.Selection#copyRows} slices the source's buffers, without copying,
 * when the selected rows are one contiguous run; other selections are copied by
 * {@link dev.dataproduct.core.expr.RowGather}, which sizes the target once and moves fixed-width and
 * variable-width values as bytes, a run of consecutive rows at a time (what the read path uses for
 * rows a row filter admits and for masked columns).
 */
package dev.dataproduct.core.expr;
