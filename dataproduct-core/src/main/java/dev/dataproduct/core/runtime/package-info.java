/**
 * The product runtime: {@link dev.dataproduct.core.runtime.ProductRuntime} runs a product end to
 * end (inputs, transforms, contract gate, quarantine, atomic commit, output ports) and reports a
 * {@link dev.dataproduct.core.runtime.RunResult} in which rows in = rows published + rows
 * quarantined.
 */
package dev.dataproduct.core.runtime;
