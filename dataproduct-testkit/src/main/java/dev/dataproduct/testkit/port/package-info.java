/** Ports for product-level tests: {@link dev.dataproduct.testkit.port.RowsInput} feeds rows from memory. */
package dev.dataproduct.testkit.port;
