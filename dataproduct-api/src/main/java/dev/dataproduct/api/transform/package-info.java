/**
 * The transform SPI: user code that reads a product's inputs and emits the batches of one output
 * dataset, with the allocator and clock of the run.
 */
package dev.dataproduct.api.transform;
