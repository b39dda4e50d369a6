package dev.dataproduct.core.slo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.slo.Indicator;
import dev.dataproduct.api.slo.Objective;
import dev.dataproduct.core.runtime.DatasetStats;
import dev.dataproduct.core.runtime.RunObserver;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.runtime.RunStart;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.SnapshotStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures service level indicators against each product's objectives ({@link Objectives#of}):
 * from runs, as an observer of the runtime, and from reads, as the {@link ReadRecorder} serving
 * ports call. Keeps the measurements in a {@link SliHistory} and computes, per objective and
 * rolling window, the error budget left and the burn rate.
 *
 * <pre>{@code
 * ServiceLevels levels = ServiceLevels.builder()
 *     .history(DirectorySliHistory.at(Path.of("out/service-levels")))
 *     .meterRegistry(registry)
 *     .listener(breach -> pager.page(breach))
 *     .build();
 * ProductRuntime runtime = ProductRuntime.builder().observer(levels).build();
 * runtime.run(product);
 * String json = levels.indicatorsJson(product.address());
 * }</pre>
 *
 * <p>A breach (an objective met before a measurement and not after it) is logged as a warning,
 * counted by the meter {@code dataproduct.slo.breaches} and told to every {@link BreachListener}.
 * The gauge {@code dataproduct.slo.budget.left} holds the budget left of each objective. Both are
 * tagged by product, dataset (the objective's scope, empty for the whole product) and indicator.
 *
 * <p>The tracker reads an objective's history once, when it first needs it, and counts on in memory
 * per minute from then on, so memory and the cost of a status stay bounded by the window's length
 * however many reads are measured; the window's edges are exact to the minute. Measurements another
 * process adds to a shared history afterwards are seen by a new tracker.
 */
public final class ServiceLevels implements RunObserver, ReadRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceLevels.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SliHistory history;
    private final MeterRegistry meters;
    private final Clock clock;
    private final List<BreachListener> listeners;
    private final Map<String, Tracked> products = new ConcurrentHashMap<>();
    // gauges hold their state weakly: this map keeps it alive as long as the tracker
    private final Map<String, AtomicReference<Double>> budgets = new ConcurrentHashMap<>();
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private record Tracked(ProductAddress address, List<Objective> objectives, Optional<SnapshotStore> store) {
    }

    private ServiceLevels(Builder b) {
        this.history = b.history == null ? new InMemorySliHistory() : b.history;
        this.meters = b.meters == null ? new CompositeMeterRegistry() : b.meters;
        this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
        this.listeners = List.copyOf(b.listeners);
    }

    /** @return a builder with an in-memory history, no meters and the system clock */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts measuring a product before it runs, such as for reads of a product served from
     * snapshots of earlier runs. A run starts measuring its product by itself.
     *
     * @param product the product
     * @return its objectives
     * @throws dev.dataproduct.api.error.InvalidDefinitionException if its contract's SLA cannot be read
     */
    public List<Objective> track(DataProduct product) {
        List<Objective> objectives = Objectives.of(product);
        products.merge(product.address().urn(), new Tracked(product.address(), objectives, Optional.empty()),
                (old, now) -> new Tracked(now.address(), now.objectives(), old.store()));
        return objectives;
    }

    @Override
    public void started(RunStart run) {
        ProductAddress address = run.product().address();
        products.put(address.urn(), new Tracked(address, Objectives.of(run.product()), Optional.of(run.store())));
    }

    @Override
    public void completed(RunStart run, RunResult result) {
        Tracked t = tracked(run);
        Instant committed = result.snapshot().committedAt();
        List<SnapshotManifest> snapshots = run.store().history(t.address());
        for (Objective o : t.objectives()) {
            switch (o.indicator()) {
                case FRESHNESS -> {
                    if (o.scope().indexOf('.') > 0) {
                        eventAge(result, o.scope()).ifPresentOrElse(
                                age -> measure(t, o, committed, age <= seconds(o), age),
                                () -> LOG.warn("{}: objective '{}' is not measured: no freshness check on {} ran",
                                        t.address(), o.name(), o.scope()));
                        continue;
                    }
                    double gap = snapshots.size() < 2 ? 0 : seconds(snapshots.get(snapshots.size() - 2).committedAt(),
                            committed);
                    measure(t, o, committed, gap <= seconds(o), gap);
                }
                case COMPLETENESS -> {
                    double share = completeness(result, o.scope());
                    measure(t, o, committed, share >= o.minShare(), share);
                }
                case REQUIRED_VALUES -> {
                    double share = requiredValues(run.product(), result, o.scope());
                    measure(t, o, committed, share >= o.minShare(), share);
                }
                case FREQUENCY -> measure(t, o, run.startedAt(), onSchedule(t, o, run.startedAt()),
                        sinceLastRun(t, o, run.startedAt()));
                case RETENTION -> {
                    SnapshotManifest oldest = snapshots.isEmpty() ? null : snapshots.get(0);
                    double kept = oldest == null ? 0 : seconds(oldest.committedAt(), committed);
                    boolean fromTheStart = oldest != null && oldest.info().sequence() == 1;
                    measure(t, o, committed, kept >= seconds(o) || fromTheStart, kept);
                }
                case AVAILABILITY -> { }
            }
        }
    }

    @Override
    public void failed(RunStart run, RuntimeException error) {
        missedRun(run);
    }

    @Override
    public void aborted(RunStart run, RuntimeException error) {
        missedRun(run);
    }

    /** A run that did not commit is a run off schedule. */
    private void missedRun(RunStart run) {
        Tracked t = tracked(run);
        for (Objective o : t.objectives()) {
            if (o.indicator() == Indicator.FREQUENCY) {
                measure(t, o, run.startedAt(), false, sinceLastRun(t, o, run.startedAt()));
            }
        }
    }

    @Override
    public void read(ProductAddress product, String port, boolean success) {
        Tracked t = products.get(product.urn());
        if (t == null) {
            LOG.debug("a read of {} is not measured: the product was neither run nor tracked", product);
            return;
        }
        for (Objective o : t.objectives()) {
            if (o.indicator() == Indicator.AVAILABILITY && (o.scope().isEmpty() || o.scope().equals(port))) {
                measure(t, o, clock.instant(), success, success ? 1 : 0);
            }
        }
    }

    /**
     * @param product a product that ran or was tracked
     * @return where it stands against each of its objectives now
     * @throws IllegalArgumentException if the product was neither run nor tracked
     */
    public List<ObjectiveStatus> status(ProductAddress product) {
        Tracked t = products.get(product.urn());
        if (t == null) {
            throw new IllegalArgumentException(product + " is not measured: run it with a runtime this tracker "
                    + "observes, or call track(product) first");
        }
        Instant now = clock.instant();
        return t.objectives().stream().map(o -> status(t, o, now)).toList();
    }

    /**
     * The current indicators as JSON, for the REST information interface and the data sheet:
     * <pre>
     * {"product":"urn:...","at":"...","objectives":[{"name":"freshness","indicator":"freshness","scope":"",
     *   "target":0.99,"windowDays":28,"limitSeconds":93600.0,"events":12,"good":12,"compliance":1.0,
     *   "met":true,"budgetLeft":1.0,"burnRate":0.0,"burnRateLastDay":0.0,"lastValue":86400.0,"current":3600.0}]}
     * </pre>
     *
     * @param product a product that ran or was tracked
     * @return its indicators now
     * @throws IllegalArgumentException if the product was neither run nor tracked
     */
    public String indicatorsJson(ProductAddress product) {
        List<ObjectiveStatus> all = status(product);
        ObjectNode root = JSON.createObjectNode();
        root.put("product", product.urn());
        root.put("at", clock.instant().toString());
        ArrayNode list = root.putArray("objectives");
        for (ObjectiveStatus s : all) {
            Objective o = s.objective();
            ObjectNode n = list.addObject();
            n.put("name", o.name());
            n.put("indicator", o.indicator().label());
            n.put("scope", o.scope());
            n.put("target", o.target());
            n.put("windowDays", o.windowDays());
            o.limit().ifPresent(l -> n.put("limitSeconds", l.toMillis() / 1000.0));
            if (o.indicator() == Indicator.COMPLETENESS || o.indicator() == Indicator.REQUIRED_VALUES) {
                n.put("minShare", o.minShare());
            }
            n.put("events", s.events());
            n.put("good", s.good());
            n.put("compliance", s.compliance());
            n.put("met", s.met());
            n.put("budgetLeft", s.budgetLeft());
            n.put("burnRate", s.burnRate());
            n.put("burnRateLastDay", s.burnRateLastDay());
            s.lastValue().ifPresent(v -> n.put("lastValue", v));
            s.current().ifPresent(v -> n.put("current", v));
        }
        return root.toString();
    }

    private Tracked tracked(RunStart run) {
        return products.computeIfAbsent(run.product().address().urn(), k -> new Tracked(run.product().address(),
                Objectives.of(run.product()), Optional.of(run.store())));
    }

    private void measure(Tracked t, Objective o, Instant at, boolean good, double value) {
        Instant now = clock.instant();
        boolean metBefore = status(t, o, now).met();
        SliEvent event = new SliEvent(t.address().urn(), o.name(), at, good, value);
        history.record(event);
        Window window = window(t, o);
        synchronized (window) {
            window.add(event);
        }
        ObjectiveStatus after = status(t, o, now);
        budget(t, o).set(after.budgetLeft());
        if (metBefore && !after.met()) {
            breach(t, after);
        }
    }

    private void breach(Tracked t, ObjectiveStatus s) {
        Objective o = s.objective();
        LOG.warn("{}: service level objective '{}' breached: {} of {} {} measurements good in {} days ({}), target {};"
                        + " error budget left {}", t.address(), o.name(), s.good(), s.events(), o.indicator().label(),
                o.windowDays(), s.compliance(), o.target(), s.budgetLeft());
        Counter.builder("dataproduct.slo.breaches").description("Objectives that stopped being met")
                .tags("product", t.address().urn(), "dataset", o.scope(), "indicator", o.indicator().label())
                .register(meters).increment();
        Breach breach = new Breach(t.address().urn(), s);
        for (BreachListener l : listeners) {
            try {
                l.breached(breach);
            } catch (RuntimeException e) {
                LOG.warn("breach listener {} failed: {}", l, e.toString());
            }
        }
    }

    private AtomicReference<Double> budget(Tracked t, Objective o) {
        String urn = t.address().urn();
        return budgets.computeIfAbsent(urn + "\u0000" + o.name(), k -> {
            AtomicReference<Double> holder = new AtomicReference<>(1.0);
            Gauge.builder("dataproduct.slo.budget.left", holder, AtomicReference::get)
                    .description("Share of the error budget left in the objective's window")
                    .tags("product", urn, "dataset", o.scope(), "indicator", o.indicator().label())
                    .register(meters);
            return holder;
        });
    }

    /**
     * The objective's window, read from the history on first use and counted on in memory from then
     * on (measurements other processes add to a shared history later are not seen).
     */
    private Window window(Tracked t, Objective o) {
        return windows.computeIfAbsent(t.address().urn() + "\u0000" + o.name(), k -> {
            Window w = new Window(Duration.ofDays(o.windowDays()));
            history.events(t.address().urn(), o.name(), Instant.EPOCH).forEach(w::add);
            return w;
        });
    }

    private ObjectiveStatus status(Tracked t, Objective o, Instant now) {
        Window window = window(t, o);
        Instant since = now.minus(Duration.ofDays(o.windowDays()));
        long[] all;
        long[] day;
        Optional<SliEvent> latest;
        synchronized (window) {
            all = window.counts(since, now);
            day = window.counts(now.minus(Duration.ofDays(1)), now);
            latest = window.last();
        }
        long events = all[1];
        long good = all[0];
        double errorRate = events == 0 ? 0 : (double) (events - good) / events;
        double dayErrorRate = day[1] == 0 ? 0 : (double) (day[1] - day[0]) / day[1];
        double burn = errorRate / o.errorBudget();
        Optional<SliEvent> inWindow = latest.filter(e -> !e.at().isBefore(since));
        OptionalDouble last = inWindow.map(e -> OptionalDouble.of(e.value())).orElse(OptionalDouble.empty());
        return new ObjectiveStatus(o, now, events, good, events == 0 ? 1 : (double) good / events, 1 - burn, burn,
                dayErrorRate / o.errorBudget(), last, current(t, o, inWindow, now, last));
    }

    private static OptionalDouble current(Tracked t, Objective o, Optional<SliEvent> latest, Instant now,
                                          OptionalDouble last) {
        if (o.indicator() == Indicator.FRESHNESS && o.scope().indexOf('.') > 0) {
            // the newest event grows older by the time since it was measured
            return latest.map(e -> OptionalDouble.of(e.value() + seconds(e.at(), now))).orElse(OptionalDouble.empty());
        }
        if (o.indicator() == Indicator.FRESHNESS && t.store().isPresent()) {
            return t.store().get().current(t.address())
                    .map(m -> OptionalDouble.of(seconds(m.committedAt(), now))).orElse(OptionalDouble.empty());
        }
        if (o.indicator() == Indicator.FREQUENCY && latest.isPresent()) {
            return OptionalDouble.of(seconds(latest.get().at(), now));
        }
        return last;
    }

    private boolean onSchedule(Tracked t, Objective o, Instant start) {
        return previousRun(t, o, start).map(p -> seconds(p, start) <= seconds(o)).orElse(true);
    }

    private double sinceLastRun(Tracked t, Objective o, Instant start) {
        return previousRun(t, o, start).map(p -> seconds(p, start)).orElse(0.0);
    }

    private Optional<Instant> previousRun(Tracked t, Objective o, Instant start) {
        Window window = window(t, o);
        synchronized (window) {
            return window.last().map(SliEvent::at).filter(at -> at.isBefore(start));
        }
    }

    private static double completeness(RunResult result, String dataset) {
        long in;
        long published;
        if (dataset.isEmpty()) {
            in = result.rowsIn();
            published = result.published();
        } else {
            Optional<DatasetStats> d = result.datasets().stream().filter(s -> s.name().equals(dataset)).findFirst();
            in = d.map(DatasetStats::rowsIn).orElse(0L);
            published = d.map(DatasetStats::published).orElse(0L);
        }
        return in == 0 ? 1 : (double) published / in;
    }

    /** The age of the newest value of {@code dataset.column} in seconds, from the run's freshness check on it. */
    private static Optional<Double> eventAge(RunResult result, String scope) {
        int dot = scope.indexOf('.');
        String dataset = scope.substring(0, dot);
        dev.dataproduct.api.quality.Metric wanted = new dev.dataproduct.api.quality.Metric.Freshness(
                scope.substring(dot + 1));
        return result.quality().stream().filter(q -> q.dataset().equals(dataset))
                .flatMap(q -> q.results().stream())
                .filter(r -> r.check().metric().equals(wanted) && Double.isFinite(r.metricValue()))
                .map(r -> r.metricValue()).findFirst();
    }

    /**
     * The share of required values present over the rows in: the gate counts a row per missing
     * required field under the reason {@code <dataset>.<field>: required}.
     */
    private static double requiredValues(DataProduct product, RunResult result, String scope) {
        double slots = 0;
        double missing = 0;
        for (DatasetStats d : result.datasets()) {
            if (!scope.isEmpty() && !scope.equals(d.name())) {
                continue;
            }
            List<String> required = product.output(d.name()).map(spec -> spec.schema().fields().stream()
                    .filter(dev.dataproduct.api.schema.Field::required).map(f -> f.name()).toList()).orElse(List.of());
            slots += (double) d.rowsIn() * required.size();
            for (String field : required) {
                missing += result.violations().getOrDefault(d.name() + "." + field + ": required", 0L);
            }
        }
        return slots == 0 ? 1 : 1 - missing / slots;
    }

    private static double seconds(Objective o) {
        return o.limit().orElseThrow().toMillis() / 1000.0;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    @Override
    public String toString() {
        return "ServiceLevels[" + history + "]";
    }

    /** Builds {@link ServiceLevels}. */
    public static final class Builder {
        private SliHistory history;
        private MeterRegistry meters;
        private Clock clock;
        private final List<BreachListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param value where measurements are kept; in memory by default
         * @return this builder
         */
        public Builder history(SliHistory value) {
            this.history = Objects.requireNonNull(value, "history");
            return this;
        }

        /**
         * @param value where the budget gauges and breach counters go; none by default
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry value) {
            this.meters = Objects.requireNonNull(value, "meterRegistry");
            return this;
        }

        /**
         * @param value the clock of reads and of the windows; the system UTC clock by default
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * @param value told of every breach
         * @return this builder
         */
        public Builder listener(BreachListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /** @return the tracker */
        public ServiceLevels build() {
            return new ServiceLevels(this);
        }
    }
}
