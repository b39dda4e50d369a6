/**
 * Column-at-a-time evaluation of the expression model over Arrow batches:
 * {@link dev.dataproduct.core.expr.ExpressionEvaluator} turns a predicate into a
 * {@link dev.dataproduct.core.expr.Selection} and any expression into a vector.
 */
package dev.dataproduct.core.expr;
