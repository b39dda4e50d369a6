/**
 * The history of quality metrics across runs, which anomaly checks compare the current run with:
 * a {@link dev.dataproduct.core.quality.history.MetricsHistory} records one
 * {@link dev.dataproduct.core.quality.history.HistoryEntry} per product, dataset and run, and gives
 * the latest values of each metric as the
 * {@link dev.dataproduct.core.quality.EvaluationContext#history() history of an evaluation}. Two
 * stores: {@link dev.dataproduct.core.quality.history.InMemoryMetricsHistory} and
 * {@link dev.dataproduct.core.quality.history.DirectoryMetricsHistory} (JSON Lines files).
 */
package dev.dataproduct.core.quality.history;
