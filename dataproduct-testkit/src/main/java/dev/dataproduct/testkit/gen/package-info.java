/**
 * Seeded generators of test data that know how to shrink a failing case:
 * {@link dev.dataproduct.testkit.gen.Gen} and its combinators, values of every logical type,
 * schemas and rows.
 */
package dev.dataproduct.testkit.gen;
