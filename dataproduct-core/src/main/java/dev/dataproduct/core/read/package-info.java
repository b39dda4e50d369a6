/**
 * The read path: the one door every read of a product's data goes through.
 * {@link dev.dataproduct.core.read.ProductReader} opens a snapshot (current, by id, or as of an
 * instant), pins it in the store until the {@link dev.dataproduct.core.read.ReadResult} is
 * closed, applies the dataset's access policy for the reading principal, then the request's
 * projection, filter (on masked values), order, limit and resume cursor, streams Arrow batches
 * and writes one audit record per read.
 *
 * <p>A <em>restricted</em> product is read through the same door:
 * {@code ProductReader.builder(sourceStore, restrictedProduct)} reads the source's snapshots
 * through the restricted product's narrowed policy; nothing is copied, results name the source
 * snapshot served, and audit records name the restricted product and the source. Given an
 * {@link dev.dataproduct.core.agreement.AgreementRegistry}, a reader adds the grant of a consumer's
 * running sharing agreement to the policy for that consumer alone.
 *
 * <p>Memory: an unordered read holds one stored batch at a time. An ordered read holds the rows it
 * sorts: with a limit only the first {@code offset + limit} rows (a bounded heap), without one at
 * most {@code maxSortRows} (one million by default) before it is refused. Cursors are opaque,
 * tied to the snapshot and to the request and reader; resuming reads the same snapshot, so pages
 * stay stable while new snapshots commit. Where a batch's returned rows are one run of rows with
 * no masked value (a page of an unfiltered read, for one), the batch shares the stored batch's
 * memory, sliced, instead of copying it a row at a time; it is closed like any other. A read that
 * changes nothing of the stored batches (the policy admits every row for the principal and masks
 * nothing, every stored column in the stored order, no filter, order or cursor, a limit that reaches
 * every row) can instead hand them out as the stored Arrow IPC messages
 * ({@link dev.dataproduct.core.read.ReadResult#storedBatches()}), for a port that sends Arrow as it
 * is; such a read is audited and pinned like any other.
 *
 * <p>A request may read, instead of every row, the rows the snapshot
 * {@link dev.dataproduct.core.snapshot.SnapshotRows#ADDED added} or
 * {@link dev.dataproduct.core.snapshot.SnapshotRows#REMOVED removed} relative to its parent
 * ({@code ReadRequest.Builder.rows}), told from the snapshots' data files and deletion vectors;
 * the policy applies to them as to any read. Delivery ports of incremental products get their
 * changes this way.
 *
 * <p>Rows served from outside a snapshot (an online feature store materialised through the reader)
 * pass the same policy with {@code ProductReader.applyPolicy}, audited like a read.
 */
package dev.dataproduct.core.read;
