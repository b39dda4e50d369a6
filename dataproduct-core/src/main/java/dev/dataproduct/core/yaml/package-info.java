/**
 * The one safe reader of YAML and JSON documents that every codec of the SDK uses (ODCS contracts,
 * ODPS documents, product descriptors):
 * {@link dev.dataproduct.core.yaml.SourceParser#parse SourceParser.parse} turns text into plain Java
 * values with the line of every value, resolving YAML anchors, aliases and merge keys ({@code <<})
 * as YAML defines them and refusing an alias before its anchor with its line and column; it holds
 * the document to {@link dev.dataproduct.core.yaml.DocumentLimits} (size before parsing, YAML line
 * length, depth, value length, values after alias expansion), so that a 50 MiB value or a billion
 * laughs is refused at once; and
 * {@link dev.dataproduct.core.yaml.SourceParser#readFile SourceParser.readFile} refuses a file that
 * is not UTF-8 with the byte offset of its first bad byte. Numbers keep the form they were written
 * in ({@link dev.dataproduct.core.yaml.WrittenDecimal}). A document that cannot be parsed raises a
 * {@link dev.dataproduct.core.yaml.SourceException} whose message says where and what to do.
 */
package dev.dataproduct.core.yaml;
