/**
 * Service levels measured by the product itself. {@link dev.dataproduct.core.slo.ServiceLevels}
 * observes a runtime's runs and the serving ports' reads ({@link dev.dataproduct.core.slo.ReadRecorder}),
 * turns them into good or bad measurements of each objective's indicator
 * ({@link dev.dataproduct.api.slo.Indicator}), keeps them in a
 * {@link dev.dataproduct.core.slo.SliHistory} (a JSON Lines {@link dev.dataproduct.core.slo.DirectorySliHistory}
 * beside the snapshots, or in memory) and computes, per rolling window, the error budget left and
 * the burn rate ({@link dev.dataproduct.core.slo.ObjectiveStatus}). A breach is logged, counted and
 * told to {@link dev.dataproduct.core.slo.BreachListener}s. Objectives are declared on the product or
 * read from the contract's ODCS {@code slaProperties} ({@link dev.dataproduct.core.slo.Objectives}),
 * exported as OpenSLO v1 ({@link dev.dataproduct.core.slo.OpenSlo}), and the current indicators as
 * JSON ({@link dev.dataproduct.core.slo.ServiceLevels#indicatorsJson}).
 */
package dev.dataproduct.core.slo;
