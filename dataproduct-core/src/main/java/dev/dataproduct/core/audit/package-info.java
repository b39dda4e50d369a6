/**
 * The audit of reads: every read through the read path, allowed, denied or refused, gives one
 * {@link dev.dataproduct.core.audit.AuditRecord} (principal, product, dataset, snapshot, port,
 * columns returned and masked, rows, decision, time; never a value) to an
 * {@link dev.dataproduct.core.audit.AuditSink}. A JSON Lines file sink and an in-memory sink ship.
 * A read of a restricted product names the restricted product as {@code product} and the product
 * whose snapshot it served as {@code source}.
 */
package dev.dataproduct.core.audit;
