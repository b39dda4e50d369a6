/**
 * The Open Data Contract Standard (ODCS) codec: {@link dev.dataproduct.core.odcs.OdcsCodec} reads
 * ODCS v3.1.0 and v3.0.x contracts from YAML or JSON into
 * {@link dev.dataproduct.api.contract.DataContract}, checking them against the standard and
 * reporting every problem with its path and line, and writes contracts back in the standard's
 * field order. Reading what was written gives an equal contract: fields the standard does not
 * define are kept as extensions of the element they belong to and written back there. Everything
 * but the codec is package-private.
 */
package dev.dataproduct.core.odcs;
