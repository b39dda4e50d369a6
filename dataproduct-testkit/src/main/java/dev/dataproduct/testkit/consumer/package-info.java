/**
 * Consumer tests: a downstream team tests its product against an upstream's contract alone.
 * {@link dev.dataproduct.testkit.consumer.UpstreamFixture} checks the team's consumer expectations
 * against the contract and feeds the downstream product, in a test driver, with data generated
 * from the contract.
 */
package dev.dataproduct.testkit.consumer;
