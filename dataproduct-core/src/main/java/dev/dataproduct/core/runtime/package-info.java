/**
 * The product runtime: {@link dev.dataproduct.core.runtime.ProductRuntime} runs a product end to
 * end (inputs, transforms, contract gate, quarantine, atomic commit, output ports) and reports a
 * {@link dev.dataproduct.core.runtime.RunResult} in which rows in = rows published + rows
 * quarantined, counting the rows the inputs could not read and the rows a transform's
 * {@link dev.dataproduct.api.transform.TransformContext#batchBuilder() batch builder} quarantined
 * for a value out of its column's range (with the origin of their input row).
 *
 * <p>A bug in user code is not bad data: an exception of a transform or an input port, or a column
 * emitted in a type that does not convert to the contract's, fails the run and commits nothing,
 * with the product and dataset named. Bad data is quarantined, up to a limit: a dataset that
 * quarantines more than its {@link dev.dataproduct.api.schema.DatasetSpec#maxQuarantinedShare()
 * share} of its rows (10% by default; the rows its inputs could not read count too) fails the run
 * with a {@link dev.dataproduct.core.runtime.QuarantineLimitException} before the commit.
 *
 * <p>Runs are observable: each run gets a time-ordered id (UUID version 7), and every
 * {@link dev.dataproduct.core.runtime.RunObserver} registered on the runtime hears it start, commit,
 * fail, or be refused before any work (lineage and service levels hook in here). The runtime's own
 * meters (run duration, rows in, published and quarantined, quarantine share, snapshot age, failed
 * runs) are tagged by product and dataset only.
 *
 * <p>A product that reads other products through
 * {@link dev.dataproduct.api.product.ProductInput}s runs with the products it may read
 * ({@code run(product, upstreams)}; a product host passes the products it holds). Its product
 * inputs are resolved before any work (upstream given, expectations met, read allowed to the
 * product's principal, snapshot there), or the run is refused with every reason
 * ({@link dev.dataproduct.core.runtime.RunRefusedException}); see {@code dev.dataproduct.core.compose}.
 */
package dev.dataproduct.core.runtime;
