/**
 * Serialisation of product descriptors to JSON and YAML and back, in
 * {@link dev.dataproduct.core.descriptor.DescriptorCodec}.
 */
package dev.dataproduct.core.descriptor;
