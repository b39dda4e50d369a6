/**
 * The Open Data Contract Standard (ODCS) codec: {@link dev.dataproduct.core.odcs.OdcsCodec} reads
 * ODCS v3.1.0 and v3.0.x contracts from YAML or JSON into
 * {@link dev.dataproduct.api.contract.DataContract}, checking them against what the standard
 * requires (null is no value; a rule without a type is a library rule and names its metric; each
 * server type has its required fields) and reporting every problem with its path and line, and
 * writes contracts back in the standard's field order.
 *
 * <p>{@link dev.dataproduct.core.odcs.OdcsCodec#reader()} gives an
 * {@link dev.dataproduct.core.odcs.OdcsReader}: its results carry the warnings about keys the
 * standard does not define, each with the nearest key it does define (also logged at WARN); a
 * {@linkplain dev.dataproduct.core.odcs.OdcsReader#strict() strict} reader refuses those keys, the
 * lenient one keeps them as extensions of the element they belong to and writes them back. YAML
 * anchors, aliases and merge keys are resolved as YAML defines them, an alias before its anchor is
 * refused with its line and column. Documents are held to
 * {@link dev.dataproduct.core.yaml.DocumentLimits} before and while they are parsed; a file that is not
 * UTF-8 is refused with the byte offset of the first bad byte.
 *
 * <p>Versions: a v3.0.x document that uses the v3.1 logical types {@code timestamp} and
 * {@code time} is read with a warning for each (datacontract-cli writes them); a document of a newer
 * v3 version (v3.2.0) is read as v3.1.0 with a warning naming the version and one for each key and
 * value v3.1.0 does not define, all of which are kept and written back under the declared version;
 * a strict reader refuses both; ODCS v4 and v2 are refused with what to do. YAML and JSON are parsed
 * by {@link dev.dataproduct.core.yaml}, the reader every codec of the SDK shares.
 *
 * <p>Reading what was written gives an equal contract, and a contract read and written back keeps
 * the defaults its author wrote and numbers as written ({@code 1.0} stays {@code 1.0}). Integers
 * map to SDK types by one rule both ways
 * ({@link dev.dataproduct.api.contract.ContractSchemas#integerType(String)}: {@code format: iN} is
 * intN, no format is int32). {@link dev.dataproduct.core.odcs.OdcsKeys} lists the keys ODCS defines
 * for tools that look for misspelt keys in contracts already read. Everything else is
 * package-private.
 */
package dev.dataproduct.core.odcs;
