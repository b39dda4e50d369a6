/**
 * The JSON Lines delivery port, {@link dev.dataproduct.ports.jsonl.JsonLinesFileOutput}: each
 * committed snapshot, as the port's audience may read it, as one {@code .jsonl} file per dataset
 * in an atomically switched set of files. No dependency beyond the JSON parser the SDK already
 * uses.
 */
package dev.dataproduct.ports.jsonl;
