/**
 * The product test driver: a product run in a test with no infrastructure. An in-memory store, a
 * clock moved by the test, inputs fed with rows or with text parsed by the field types (unparseable
 * cells quarantined as a file input would) and read in one batch or in batches of a chosen size,
 * checks and quarantine limits adjusted per test without changing the product, the committed data
 * read back (rows and Arrow, quarantined rows with their reasons), and fluent assertions whose
 * failures show the rows. Closing the driver fails the test if Arrow memory leaked.
 */
package dev.dataproduct.testkit.driver;
