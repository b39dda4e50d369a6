package dev.dataproduct.core.runtime;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.api.quality.Outcome;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.UpdateMode;
import dev.dataproduct.core.quality.CheckResult;
import dev.dataproduct.core.quality.EvaluationContext;
import dev.dataproduct.core.quality.QualityEngine;
import dev.dataproduct.core.quality.QualityPlan;
import dev.dataproduct.core.quality.QualityReport;
import dev.dataproduct.core.quality.QualityScope;
import dev.dataproduct.core.quality.QualityState;
import dev.dataproduct.core.quality.history.HistoryEntry;
import dev.dataproduct.core.quality.history.MetricsHistory;
import dev.dataproduct.core.quality.odcs.OdcsQuality;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.SnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotTransaction;
import dev.dataproduct.core.snapshot.SnapshotPin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quality checks of one run: one plan per output dataset, fed with the published batches as
 * they are written (a single pass), judged before the commit, recorded in the history and in the
 * meter registry after it. Checks that {@link Check#quarantineFailingRows() quarantine} their failing
 * rows have a plan of their own, fed with the rows that passed the contract, whose masks say which
 * rows to hold back; the other checks see only the rows published.
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
    private final Map<String, QualityPlan> holdPlans = new java.util.LinkedHashMap<>();
    private final Map<String, QualityState> holdStates = new java.util.LinkedHashMap<>();
    private final Map<String, List<String>> order = new java.util.LinkedHashMap<>();
    private final Map<String, long[]> published = new java.util.LinkedHashMap<>();
    private final Map<String, DatasetSpec> specs = new java.util.LinkedHashMap<>();
    /** The state of the previous snapshot an append's checks start from, per dataset. */
    private final Map<String, QualityState> bases = new java.util.LinkedHashMap<>();
    private final Map<String, QualityScope> scopes = new java.util.LinkedHashMap<>();
    /** The datasets whose run state is already merged into their base. */
    private final java.util.Set<String> merged = new java.util.HashSet<>();

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
            if (checks.isEmpty()) {
                continue;
            }
            order.put(d.name(), checks.stream().map(Check::name).toList());
            published.put(d.name(), new long[1]);
            specs.put(d.name(), d);
            scopes.put(d.name(), QualityScope.WHOLE_SNAPSHOT);
            List<Check> kept = checks.stream().filter(c -> !c.quarantine()).toList();
            List<Check> held = checks.stream().filter(Check::quarantine).toList();
            QualityPlan plan = QualityPlan.compile(d.name(), d.schema(), kept);
            plans.put(d.name(), plan);
            states.put(d.name(), plan.newState());
            if (!held.isEmpty()) {
                QualityPlan holdPlan = QualityPlan.compile(d.name(), d.schema(), held);
                holdPlans.put(d.name(), holdPlan);
                holdStates.put(d.name(), holdPlan.newState());
            }
        }
    }

    /**
     * Folds rows that passed the contract into the checks that quarantine their failing rows, and
     * finds those rows.
     *
     * @return for each row to hold back, in row order, the checks it fails; empty if none
     */
    Map<Integer, List<Check>> hold(String dataset, org.apache.arrow.vector.VectorSchemaRoot rows,
                                   EvaluationContext context) {
        QualityPlan plan = holdPlans.get(dataset);
        if (plan == null) {
            return Map.of();
        }
        holdStates.get(dataset).update(rows);
        Map<String, dev.dataproduct.core.expr.Selection> failing = QualityEngine.failingRows(plan, rows, context);
        Map<Integer, List<Check>> held = new java.util.TreeMap<>();
        for (Check check : plan.checks()) {
            dev.dataproduct.core.expr.Selection s = failing.get(check.name());
            for (int r = s == null ? -1 : s.nextSelected(0); r >= 0;
                    r = r + 1 < s.size() ? s.nextSelected(r + 1) : -1) {
                held.computeIfAbsent(r, x -> new ArrayList<>()).add(check);
            }
        }
        return held;
    }

    /** Folds published rows of a dataset into its checks' state. */
    void update(String dataset, org.apache.arrow.vector.VectorSchemaRoot rows) {
        QualityState state = states.get(dataset);
        if (state != null) {
            state.update(rows);
            published.get(dataset)[0] += rows.getRowCount();
        }
    }

    /**
     * Decides, before the run's rows are judged, which rows each dataset's checks describe. A replace
     * (or a first run) writes every row: the run's state is the snapshot's. An append starts from the
     * state saved with the current snapshot, so the checks judge the whole new snapshot without
     * reading old rows; if that snapshot has no state this plan can merge, its rows are read once
     * instead. An upsert replaces and deletes old rows, which no saved state can take out again: its
     * checks judge the run's rows only. Checks that quarantine their failing rows always judge the
     * run's rows, since they decide which of them enter.
     */
    void start(SnapshotStore store, ProductAddress address, BufferAllocator allocator) {
        Optional<SnapshotManifest> current = store.current(address);
        for (Map.Entry<String, QualityPlan> e : plans.entrySet()) {
            String dataset = e.getKey();
            Optional<SnapshotManifest> parent = current.filter(m -> m.datasets().containsKey(dataset));
            UpdateMode.Kind kind = specs.get(dataset).updateMode().kind();
            if (parent.isEmpty() || kind == UpdateMode.Kind.REPLACE) {
                continue;
            }
            if (kind == UpdateMode.Kind.UPSERT) {
                scopes.put(dataset, QualityScope.INCREMENT_ONLY);
                continue;
            }
            Optional<QualityState> saved = saved(store, parent.get(), dataset, e.getValue());
            if (saved.isPresent()) {
                bases.put(dataset, saved.get());
                scopes.put(dataset, QualityScope.WHOLE_SNAPSHOT_MERGED);
            } else {
                QualityState base = e.getValue().newState();
                // held open so that retention cannot remove the files while they are read
                try (SnapshotPin pin = store.pin(parent.get())) {
                    store.open(pin.manifest(), allocator).dataset(dataset).forEachBatch(base::update);
                }
                bases.put(dataset, base);
                scopes.put(dataset, QualityScope.RECOMPUTED);
            }
        }
    }

    private Optional<QualityState> saved(SnapshotStore store, SnapshotManifest parent, String dataset,
                                         QualityPlan plan) {
        Optional<byte[]> bytes = store.attachment(parent, attachmentName(dataset));
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(QualityState.fromBytes(plan, bytes.get()));
        } catch (IllegalArgumentException e) {
            // the checks or the schema changed since that snapshot: its state is of another plan
            LOG.info("{}: the quality state of snapshot {} for dataset '{}' does not fit the current checks ({}); "
                    + "its rows are read again", product.address(), parent.id(), dataset, e.getMessage());
            return Optional.empty();
        }
    }

    private static String attachmentName(String dataset) {
        return "quality." + dataset;
    }

    /**
     * Keeps with the snapshot being written the quality state of each dataset whose checks judged
     * the whole snapshot, for the next append to merge.
     */
    void save(SnapshotTransaction tx) {
        for (String dataset : plans.keySet()) {
            if (scopes.get(dataset) != QualityScope.INCREMENT_ONLY && dataset.matches("[A-Za-z0-9._-]{1,100}")) {
                tx.attach(attachmentName(dataset), total(dataset).toBytes());
            }
        }
    }

    /** @return the state of the rows the dataset's checks judge: the base, if any, and the run's rows */
    private QualityState total(String dataset) {
        QualityState base = bases.get(dataset);
        if (base == null) {
            return states.get(dataset);
        }
        if (!merged.contains(dataset)) {
            base.merge(states.get(dataset));
            merged.add(dataset);
        }
        return base;
    }

    /** Judges every dataset's checks. */
    List<QualityReport> judge(Clock clock, Map<String, Dataset> references, Optional<MetricsHistory> history) {
        List<QualityReport> reports = new ArrayList<>();
        for (Map.Entry<String, QualityPlan> e : plans.entrySet()) {
            String dataset = e.getKey();
            Map<Metric, List<Double>> series = history.map(h -> h.series(product.address().urn(), dataset,
                    e.getValue().metrics(), window(e.getValue()))).orElse(Map.of());
            EvaluationContext context = new EvaluationContext(clock, references, series);
            Map<String, CheckResult> results = new java.util.HashMap<>();
            QualityState total = total(dataset);
            QualityEngine.report(e.getValue(), total, context).results()
                    .forEach(r -> results.put(r.name(), r));
            if (holdPlans.containsKey(dataset)) {
                QualityEngine.report(holdPlans.get(dataset), holdStates.get(dataset), context).results()
                        .forEach(r -> results.put(r.name(), r));
            }
            long rows = bases.containsKey(dataset) ? total.rows() : published.get(dataset)[0];
            reports.add(new QualityReport(dataset, rows, order.get(dataset).stream().map(results::get).toList(),
                    scopes.get(dataset)));
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
