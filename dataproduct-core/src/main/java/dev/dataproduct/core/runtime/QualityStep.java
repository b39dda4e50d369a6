package dev.dataproduct.core.runtime;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.api.quality.Outcome;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.core.quality.CheckResult;
import dev.dataproduct.core.quality.EvaluationContext;
import dev.dataproduct.core.quality.QualityEngine;
import dev.dataproduct.core.quality.QualityPlan;
import dev.dataproduct.core.quality.QualityReport;
import dev.dataproduct.core.quality.QualityState;
import dev.dataproduct.core.quality.history.HistoryEntry;
import dev.dataproduct.core.quality.history.MetricsHistory;
import dev.dataproduct.core.quality.odcs.OdcsQuality;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quality checks of one run: one plan per output dataset, fed with the published batches as
 * they are written (a single pass), judged before the commit, recorded in the history and in the
 * meter registry after it.
 */
final class QualityStep {
    private static final Logger LOG = LoggerFactory.getLogger(QualityStep.class);

    /** The latest values the gauges read, per meter identity; kept by the runtime across runs. */
    static final class Gauges {
        private final MeterRegistry registry;
        private final Map<List<String>, AtomicReference<Double>> values = new ConcurrentHashMap<>();

        Gauges(MeterRegistry registry) {
            this.registry = registry;
        }

        void set(String name, String product, String dataset, String check, double value) {
            values.computeIfAbsent(List.of(name, product, dataset, check), k -> {
                AtomicReference<Double> ref = new AtomicReference<>(Double.NaN);
                Gauge.builder(name, ref, AtomicReference::get).tag("product", product).tag("dataset", dataset)
                        .tag("check", check).register(registry);
                return ref;
            }).set(value);
        }
    }

    private final DataProduct product;
    private final Map<String, QualityPlan> plans = new java.util.LinkedHashMap<>();
    private final Map<String, QualityState> states = new java.util.LinkedHashMap<>();

    /** Compiles the product's checks, and the quality rules of its declared contract, per dataset. */
    QualityStep(DataProduct product) {
        this.product = product;
        List<Check> all = new ArrayList<>(product.checks());
        // a generated contract carries only the schema's own rules, which the contract gate enforces
        if (product.declaredContract().isPresent()) {
            OdcsQuality.Mapping mapping = OdcsQuality.toChecks(product.declaredContract().get());
            mapping.unsupported().forEach(u -> LOG.warn("{}: contract quality rule not checked: {}", product.address(), u));
            all.addAll(mapping.checks());
        }
        for (DatasetSpec d : product.outputs()) {
            List<Check> checks = all.stream().filter(c -> c.dataset().equals(d.name())).toList();
            if (!checks.isEmpty()) {
                QualityPlan plan = QualityPlan.compile(d.name(), d.schema(), checks);
                plans.put(d.name(), plan);
                states.put(d.name(), plan.newState());
            }
        }
    }

    /** Folds published rows of a dataset into its checks' state. */
    void update(String dataset, org.apache.arrow.vector.VectorSchemaRoot published) {
        QualityState state = states.get(dataset);
        if (state != null) {
            state.update(published);
        }
    }

    /** Judges every dataset's checks. */
    List<QualityReport> judge(Clock clock, Map<String, Dataset> references, Optional<MetricsHistory> history) {
        List<QualityReport> reports = new ArrayList<>();
        for (Map.Entry<String, QualityPlan> e : plans.entrySet()) {
            Map<Metric, List<Double>> series = history.map(h -> h.series(product.address().urn(), e.getKey(),
                    e.getValue().metrics(), window(e.getValue()))).orElse(Map.of());
            EvaluationContext context = new EvaluationContext(clock, references, series);
            reports.add(QualityEngine.report(e.getValue(), states.get(e.getKey()), context));
        }
        return reports;
    }

    private static int window(QualityPlan plan) {
        return plan.checks().stream().mapToInt(c -> c.anomaly().map(a -> a.window()).orElse(1)).max().orElse(1);
    }

    static boolean passed(List<QualityReport> reports) {
        return reports.stream().allMatch(QualityReport::passed);
    }

    /** Records the reports of a committed run in the history and the meter registry. */
    void record(List<QualityReport> reports, Clock clock, Optional<MetricsHistory> history, Gauges gauges) {
        String address = product.address().urn();
        for (QualityReport report : reports) {
            history.ifPresent(h -> h.record(HistoryEntry.of(address, product.metadata().version().toString(),
                    clock.instant(), report)));
            for (CheckResult r : report.results()) {
                gauges.set("dataproduct.quality.metric", address, report.dataset(), r.name(), r.value());
                gauges.set("dataproduct.quality.check.outcome", address, report.dataset(), r.name(),
                        r.outcome() == Outcome.PASS ? 0 : r.outcome() == Outcome.WARN ? 1 : 2);
            }
        }
    }
}
