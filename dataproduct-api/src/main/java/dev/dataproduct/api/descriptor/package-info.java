/**
 * The self-description of a product: {@link dev.dataproduct.api.descriptor.ProductDescriptor}
 * with its datasets and ports, as plain values that serialise to JSON and YAML. Each
 * {@link dev.dataproduct.api.descriptor.PortEntry} names the contract, with its version, that the
 * port serves or reads, so that a descriptor leads to its contracts and to the products it reads.
 */
package dev.dataproduct.api.descriptor;
