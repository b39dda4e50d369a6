package dev.dataproduct.core.lineage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dataproduct.core.runtime.RunObserver;
import dev.dataproduct.core.runtime.RunResult;
import dev.dataproduct.core.runtime.RunStart;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits an OpenLineage {@code RunEvent} for each step of each run: {@code START}, then
 * {@code COMPLETE} or {@code FAIL}; {@code ABORT} alone for a run refused before any work.
 * Register it on the runtime:
 *
 * <pre>{@code
 * ProductRuntime runtime = ProductRuntime.builder()
 *     .observer(OpenLineageEmitter.to(FileLineageTransport.at(Path.of("lineage/events.jsonl"))))
 *     .build();
 * }</pre>
 *
 * <p>Names: the job's namespace is {@code urn:dataproduct:<domain>} and its name
 * {@code <name>:v<major>}, so that namespace, {@code :} and name give the product's address. An
 * output dataset's namespace is the product's address and its name the dataset's; the snapshot id
 * is its dataset version. An input is named by the product and dataset it reads (a
 * {@link dev.dataproduct.api.product.ProductInput}, whose snapshot read is its dataset version, or
 * a {@link SnapshotInput}), by {@code file} and its absolute path for a file, or else by the
 * consuming product's address and {@code input:<name>}.
 *
 * <p>Facets: {@code schema} on every output; on {@code COMPLETE} the {@code version},
 * {@code dataQualityMetrics} (row count; null and distinct counts, min, max, sum and quantiles per
 * column where the checks computed them, never min, max, sum or quantiles of confidential or
 * restricted columns), {@code dataQualityAssertions} (one per check: name, column, success,
 * severity) and the output facet {@code outputStatistics}; {@code errorMessage} on {@code FAIL}
 * and {@code ABORT}; {@code dataSource} on file inputs. Every facet carries {@code _producer} and
 * {@code _schemaURL}. A transport that fails is logged; the run goes on.
 */
public final class OpenLineageEmitter implements RunObserver {
    /** The producer URI the SDK writes into events and facets unless told otherwise. */
    public static final String PRODUCER = "https://github.com/dataproduct-dev/dataproduct-sdk";
    private static final Logger LOG = LoggerFactory.getLogger(OpenLineageEmitter.class);

    private final LineageTransport transport;
    private final RunEvents events;
    private final Clock clock;

    private OpenLineageEmitter(LineageTransport transport, String producer, Clock clock) {
        this.transport = transport;
        this.events = new RunEvents(producer);
        this.clock = clock;
    }

    /**
     * @param transport where the events go
     * @return an emitter with the SDK's producer URI and the system clock for failure times
     */
    public static OpenLineageEmitter to(LineageTransport transport) {
        return new OpenLineageEmitter(Objects.requireNonNull(transport, "transport"), PRODUCER, Clock.systemUTC());
    }

    /**
     * @param transport where the events go
     * @param producer the URI naming the producer of the events, such as the application's repository
     * @param clock the clock that times failures and refusals (starts and commits carry the run's times)
     * @return an emitter
     * @throws IllegalArgumentException if the producer is not an absolute URI
     */
    public static OpenLineageEmitter to(LineageTransport transport, String producer, Clock clock) {
        if (!java.net.URI.create(Objects.requireNonNull(producer, "producer")).isAbsolute()) {
            throw new IllegalArgumentException("producer '" + producer + "' must be an absolute URI, such as "
                    + PRODUCER);
        }
        return new OpenLineageEmitter(Objects.requireNonNull(transport, "transport"),
                Objects.requireNonNull(producer, "producer"), Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public void started(RunStart run) {
        send(events.start(run));
    }

    @Override
    public void completed(RunStart run, RunResult result) {
        send(events.complete(run, result));
    }

    @Override
    public void failed(RunStart run, RuntimeException error) {
        send(events.failure("FAIL", run, clock.instant(), error));
    }

    @Override
    public void aborted(RunStart run, RuntimeException error) {
        send(events.failure("ABORT", run, clock.instant(), error));
    }

    private void send(ObjectNode event) {
        try {
            transport.send(event.toString());
        } catch (RuntimeException e) {
            LOG.warn("lineage transport {} failed: {}; the run goes on", transport, e.toString());
        }
    }

    @Override
    public String toString() {
        return "OpenLineageEmitter[" + transport + "]";
    }
}
