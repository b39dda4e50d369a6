/**
 * Data in motion: a {@link dev.dataproduct.api.data.Dataset} is a schema plus a stream of Arrow
 * record batches read through a {@link dev.dataproduct.api.data.BatchCursor}. Row views and batch
 * builders serve code that prefers rows; {@link dev.dataproduct.api.data.VectorValues} reads and
 * writes single values in the SDK's value model.
 */
package dev.dataproduct.api.data;
