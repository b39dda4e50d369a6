/**
 * Seeded generators of test data that know how to shrink a failing case:
 * {@link dev.dataproduct.testkit.gen.Gen} and its combinators, values of every logical type,
 * schemas and rows, and ODCS contracts: {@link dev.dataproduct.testkit.gen.Contracts#contracts()}
 * makes contracts valid by the official ODCS v3.1.0 JSON schema,
 * {@link dev.dataproduct.testkit.gen.Contracts#withExtensions()} adds what the SDK's codec keeps
 * beyond it (element ids, extension fields, v3.0 forms). {@link dev.dataproduct.testkit.gen.DatasetGen}
 * generates the rows of a dataset from its definition or its ODCS contract, every value within its
 * field's constraints (a field's valid examples drawn for a share of its values), keys unique,
 * references resolving to generated parent rows, skewable columns, and on demand one rule broken
 * ({@link dev.dataproduct.testkit.gen.RuleBreak}) in a share of the rows; its failing datasets
 * shrink to fewer rows and then to simpler values, every candidate within the contract but for the
 * rule broken on purpose; {@link dev.dataproduct.testkit.gen.Datasets} generates dataset definitions with such rules.
 */
package dev.dataproduct.testkit.gen;
