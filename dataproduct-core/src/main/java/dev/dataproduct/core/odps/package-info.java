/**
 * Product descriptors in the Open Data Product Standard (ODPS): {@link dev.dataproduct.core.odps.OdpsCodec}
 * writes a product's ODPS v1.0.0 document, valid against the official schema, with each output port
 * linked to the output contract by id and version, and reads any document valid against the
 * official ODPS schema (v1.0.0 or v0.9.0), whichever tool wrote it.
 *
 * <p>Reading gives an {@link dev.dataproduct.core.odps.OdpsDocument}: the typed
 * {@link dev.dataproduct.api.descriptor.ProductDescriptor} view, an
 * {@link dev.dataproduct.core.odps.OdpsNote} for each piece of SDK metadata the document lacks
 * (alignment, tiers, owner, an SDK address, a version), with the documented default taken, and the
 * whole document, every field kept, which writing gives back unchanged. Only a document that
 * breaks the ODPS schema is refused, with every violation and its JSON path at once.
 *
 * <p>Documents are parsed by the SDK's one safe reader ({@link dev.dataproduct.core.yaml}): YAML
 * anchors, aliases and merge keys are resolved as YAML defines them (an alias before its anchor is
 * refused with its line and column), a key given twice is refused with its line, the document is
 * held to {@link dev.dataproduct.core.yaml.DocumentLimits}, and a file that is not UTF-8 is refused
 * with the byte offset of its first bad byte.
 */
package dev.dataproduct.core.odps;
