package dev.dataproduct.core.host;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Usage meters of one serving port: requests, rows, bytes, latency and denied reads, tagged by
 * product, port, dataset and outcome only (bounded: never a principal or a query). Every serving
 * port, built in or user-written, records through this one type, so the meters of REST, SQL and
 * Flight SQL have the same names and tags and the host's usage interface sums them alike.
 *
 * {@snippet :
 * PortMeters meters = new PortMeters(host.meterRegistry(), "sql");
 * meters.record(product.urn(), "students", "ok", rows, 0, System.nanoTime() - start);
 * }
 */
public final class PortMeters {
    /** Requests answered, a counter. */
    public static final String REQUESTS = "dataproduct.port.requests";
    /** Rows sent, a counter. */
    public static final String ROWS = "dataproduct.port.rows";
    /** Body bytes sent, a counter. */
    public static final String BYTES = "dataproduct.port.bytes";
    /** Time to answer a request, a timer. */
    public static final String LATENCY = "dataproduct.port.latency";
    /** Reads the access policy denied, a counter. */
    public static final String DENIED = "dataproduct.port.denied";

    private final MeterRegistry registry;
    private final String port;

    /**
     * @param registry where the meters are registered
     * @param port the port's name, the {@code port} tag
     */
    public PortMeters(MeterRegistry registry, String port) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.port = Objects.requireNonNull(port, "port");
    }

    /**
     * Records one answered request.
     *
     * @param product the product's address, or "-" when the request named none
     * @param dataset the dataset, or "-" when the request named none
     * @param outcome one of a fixed set (ok, not_modified, bad_request, unauthorized, denied, not_found,
     *     not_acceptable, error, aborted)
     * @param rows rows sent
     * @param bytes body bytes sent, 0 when the port does not count bytes
     * @param nanos time taken
     */
    public void record(String product, String dataset, String outcome, long rows, long bytes, long nanos) {
        String[] tags = {"product", product, "port", port, "dataset", dataset, "outcome", outcome};
        Counter.builder(REQUESTS).description("requests answered by a serving port").tags(tags)
                .register(registry).increment();
        if (rows > 0) {
            Counter.builder(ROWS).description("rows sent by a serving port").tags(tags).register(registry)
                    .increment(rows);
        }
        if (bytes > 0) {
            Counter.builder(BYTES).description("body bytes sent by a serving port").baseUnit("bytes").tags(tags)
                    .register(registry).increment(bytes);
        }
        Timer.builder(LATENCY).description("time to answer a request, body included").tags(tags)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        if (outcome.equals("denied")) {
            Counter.builder(DENIED).description("reads the access policy denied").tags("product", product, "port",
                    port, "dataset", dataset).register(registry).increment();
        }
    }
}
