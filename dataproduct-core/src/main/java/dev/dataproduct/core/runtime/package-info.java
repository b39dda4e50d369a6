/**
 * The product runtime: {@link dev.dataproduct.core.runtime.ProductRuntime} runs a product end to
 * end (inputs, transforms, contract gate, quarantine, atomic commit, delivery ports) and reports a
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
 *
 * <p>A transform joins its inputs with
 * {@link dev.dataproduct.api.transform.TransformContext#join(dev.dataproduct.api.join.Composite)} (the
 * transform of a composite product does): the runtime runs the joins in {@code dev.dataproduct.core.join},
 * quarantines with the run's other rejected rows the rows of keys that would fan out (when the
 * composite says so), releases the joins' memory when the transform ends, and records each join's
 * {@link dev.dataproduct.api.join.JoinReport} in {@link dev.dataproduct.core.runtime.DatasetStats#joins()}
 * ({@link dev.dataproduct.core.runtime.RunResult#joins()}).
 *
 * <p>Delivery: after the commit, each delivery port ({@link dev.dataproduct.api.port.OutputPort})
 * is handed the snapshot as its audience may read it, every dataset read through the product's
 * read path and policy (datasets the audience may not read withheld; an audience that may read none
 * fails the port). For a dataset written incrementally (append, events, upsert) the port may also
 * read what the snapshot changed relative to its parent
 * ({@link dev.dataproduct.api.port.CommittedSnapshot#changes}: the rows written and the keys that
 * left the audience's view, through the same policy); the first snapshot, and one whose parent
 * retention removed, offers none. Each port's {@link dev.dataproduct.core.runtime.PortOutcome} is in
 * {@link dev.dataproduct.core.runtime.RunResult#deliveries()}; a failed port never undoes the
 * commit and can be retried with
 * {@link dev.dataproduct.core.runtime.ProductRuntime#redeliver}. A port the product declared
 * required fails the run: the result's status is {@code FAILED} and {@code run} throws a
 * {@link dev.dataproduct.core.runtime.DeliveryException} carrying it, while the snapshot stays
 * committed and current.
 *
 * <p>Incremental runs: the checks of an append judge the whole new snapshot, from the quality state
 * saved with the previous snapshot merged with the run's rows (read again once if that snapshot
 * has no state the current checks can merge); an upsert's checks judge the rows it writes only,
 * since the rows it replaces or deletes cannot be taken out of a saved state. Each
 * {@link dev.dataproduct.core.quality.QualityReport} names its
 * {@link dev.dataproduct.core.quality.QualityScope scope}; checks that quarantine their failing
 * rows always judge the run's rows. A row an append brings with a primary key already in the
 * snapshot (found in its key indexes) is quarantined with the rule
 * {@code primary key unique across runs}.
 *
 * <p>Events ({@link dev.dataproduct.api.schema.UpdateMode#events}): an append of immutable events
 * whose key is the event id drops, instead of quarantining, an event whose id the snapshot or the
 * run already has, and counts it ({@link dev.dataproduct.core.runtime.DatasetStats#duplicates()},
 * {@link dev.dataproduct.core.runtime.RunResult#duplicates()}; rows in = published + quarantined +
 * duplicates), however old it is, since a source replaying events changes nothing; a new event
 * whose time is more than the allowed lateness before the run's clock is quarantined with rule
 * {@code late}.
 *
 * <p>Input positions: an input port that reads a source with positions tells where its read ended
 * ({@link dev.dataproduct.api.port.InputPort#position()}); the commit stores it in the manifest
 * ({@link dev.dataproduct.core.snapshot.SnapshotManifest#inputPositions()}) and the next run's
 * {@link dev.dataproduct.api.port.InputContext#committedPosition()} hands it back, so a run resumes
 * exactly after the last committed snapshot. Delivery ports are opened with the product's contract
 * ({@link dev.dataproduct.api.port.OutputContext#contract()}).
 */
package dev.dataproduct.core.runtime;
