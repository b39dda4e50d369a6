/**
 * Seeded generators of test data that know how to shrink a failing case:
 * {@link dev.dataproduct.testkit.gen.Gen} and its combinators, values of every logical type,
 * schemas and rows, and ODCS contracts: {@link dev.dataproduct.testkit.gen.Contracts#contracts()}
 * makes contracts valid by the official ODCS v3.1.0 JSON schema,
 * {@link dev.dataproduct.testkit.gen.Contracts#withExtensions()} adds what the SDK's codec keeps
 * beyond it (element ids, extension fields, v3.0 forms).
 */
package dev.dataproduct.testkit.gen;
