/**
 * JUnit Jupiter integration of the testkit: {@link dev.dataproduct.testkit.junit.PropertyTest}
 * for seeded property tests with configurable tries over the property runner, and
 * {@link dev.dataproduct.testkit.junit.TestkitExtension} to inject
 * {@link dev.dataproduct.testkit.junit.Trials} and a product test driver.
 */
package dev.dataproduct.testkit.junit;
