/**
 * Lineage: OpenLineage run events written by the SDK's own code (no OpenLineage client). An
 * {@link dev.dataproduct.core.lineage.OpenLineageEmitter} observes a runtime's runs and sends
 * {@code START}, {@code COMPLETE}, {@code FAIL} and {@code ABORT} events, with schema, data quality
 * and output statistics facets, through a {@link dev.dataproduct.core.lineage.LineageTransport}: a
 * JSON Lines {@link dev.dataproduct.core.lineage.FileLineageTransport} or an
 * {@link dev.dataproduct.core.lineage.HttpLineageTransport} that POSTs to an endpoint such as
 * Marquez, with timeouts and bounded retries. Lineage never fails a run. The graph of a mesh
 * follows from the events alone: a product's outputs are named by its address, and an input that
 * reads another product ({@link dev.dataproduct.core.lineage.SnapshotInput}) by the same names.
 */
package dev.dataproduct.core.lineage;
