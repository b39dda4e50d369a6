/**
 * The typed expression model shared by row filters, column masks, quality predicates, metrics and
 * derived columns: column references, literals, comparisons, boolean logic, arithmetic, null tests,
 * set membership, pattern matching, principal attributes and a few functions. One definition is
 * evaluated the same way on every port.
 */
package dev.dataproduct.api.expr;
