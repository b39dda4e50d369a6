package dev.dataproduct.core.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The runtime's own meters, tagged by product and dataset only so their number stays bounded by
 * the products' definitions: run duration, rows in, published and quarantined, the share
 * quarantined by the last run, the age of the current snapshot, and failed runs.
 */
final class RunMeters implements RunObserver {
    private final MeterRegistry registry;
    private final Clock clock;
    // gauges hold their state weakly: these maps keep it alive as long as the runtime
    private final Map<String, AtomicReference<Instant>> committed = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<Double>> shares = new ConcurrentHashMap<>();

    RunMeters(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void completed(RunStart run, RunResult result) {
        String product = result.productAddress();
        Timer.builder("dataproduct.run.duration").description("How long runs that committed took")
                .tag("product", product).register(registry).record(result.duration());
        for (DatasetStats d : result.datasets()) {
            rows(product, d.name(), d.rowsIn(), d.published(), d.quarantined());
        }
        for (InputStats i : result.inputs()) {
            if (i.rejected() > 0) {
                rows(product, "input." + i.name(), i.rejected(), 0, i.rejected());
            }
        }
        Instant at = result.snapshot().committedAt();
        committed.computeIfAbsent(product, p -> {
            AtomicReference<Instant> holder = new AtomicReference<>(at);
            Gauge.builder("dataproduct.snapshot.age", holder, h -> seconds(Duration.between(h.get(), clock.instant())))
                    .description("Seconds since the current snapshot was committed").baseUnit("seconds")
                    .tag("product", p).register(registry);
            return holder;
        }).set(at);
    }

    @Override
    public void failed(RunStart run, RuntimeException error) {
        Counter.builder("dataproduct.run.failures").description("Runs that failed without a commit")
                .tag("product", run.product().address().urn()).register(registry).increment();
    }

    private void rows(String product, String dataset, long in, long published, long quarantined) {
        counter("dataproduct.rows.in", product, dataset).increment(in);
        counter("dataproduct.rows.published", product, dataset).increment(published);
        counter("dataproduct.rows.quarantined", product, dataset).increment(quarantined);
        double share = in == 0 ? 0 : (double) quarantined / in;
        shares.computeIfAbsent(product + "\u0000" + dataset, k -> {
            AtomicReference<Double> holder = new AtomicReference<>(share);
            Gauge.builder("dataproduct.quarantine.share", holder, AtomicReference::get)
                    .description("Share of the rows in that the last run quarantined")
                    .tags("product", product, "dataset", dataset).register(registry);
            return holder;
        }).set(share);
    }

    private Counter counter(String name, String product, String dataset) {
        return Counter.builder(name).baseUnit("rows").tags("product", product, "dataset", dataset).register(registry);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
