/**
 * The transform SPI: user code that reads a product's inputs and emits the batches of one output
 * dataset, with the allocator and clock of the run. A transform may join its inputs on conformed
 * keys through the runtime ({@link dev.dataproduct.api.transform.TransformContext#join}), as the
 * {@link dev.dataproduct.api.join.Composite} transform of a composite product does.
 */
package dev.dataproduct.api.transform;
