package dev.dataproduct.core.metric;

import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.metric.Measure;
import java.util.Optional;

/**
 * One measure over the rows one filter keeps: what a scan aggregates. Metrics meeting on the same
 * measure and filter share it.
 *
 * @param measure the measure
 * @param filter the metric filters above it, combined
 */
record Leaf(Measure measure, Optional<Expr> filter) {
}
