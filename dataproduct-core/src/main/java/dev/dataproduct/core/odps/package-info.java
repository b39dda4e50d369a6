/**
 * Product descriptors in the shape of the Open Data Product Standard (ODPS) v1.0:
 * {@link dev.dataproduct.core.odps.OdpsCodec} writes a product's ODPS document, with each output
 * port linked to the output contract by id and version, and reads it back.
 */
package dev.dataproduct.core.odps;
