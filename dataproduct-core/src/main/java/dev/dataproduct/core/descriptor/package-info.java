/**
 * Product descriptors as documents: {@link dev.dataproduct.core.descriptor.DescriptorCodec} writes a
 * descriptor as JSON or YAML and reads it back equal, in the YAML form of
 * {@link dev.dataproduct.core.descriptor.DescriptorYaml}, which keeps every text a text (a tag
 * {@code 0x1F} or {@code 1e3} is quoted rather than read back as a number).
 * {@link dev.dataproduct.core.descriptor.DescriptorLinks} states how the ODPS descriptor, the ODCS
 * contract and the (future) OpenAPI document of a product name one another by stable id and
 * version. Each port of a descriptor names the contract it serves or reads.
 *
 * <p>Descriptors are parsed by the SDK's one safe reader ({@link dev.dataproduct.core.yaml}): YAML
 * anchors, aliases and merge keys resolved, an alias before its anchor refused with its line and
 * column, {@link dev.dataproduct.core.yaml.DocumentLimits} held, a file that is not UTF-8 refused
 * with its byte offset; a field that cannot be bound is reported with its path and line.
 */
package dev.dataproduct.core.descriptor;
