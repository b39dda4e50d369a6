/**
 * The self-description of a product: {@link dev.dataproduct.api.descriptor.ProductDescriptor}
 * with its datasets and ports, as plain values that serialise to JSON and YAML.
 */
package dev.dataproduct.api.descriptor;
