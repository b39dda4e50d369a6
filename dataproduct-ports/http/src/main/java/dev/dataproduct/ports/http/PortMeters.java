package dev.dataproduct.ports.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Usage meters of one serving port: requests, rows, bytes, latency and denied reads, tagged by
 * product, port, dataset and outcome only (bounded: never a principal or a query).
 */
final class PortMeters {
    static final String REQUESTS = "dataproduct.port.requests";
    static final String ROWS = "dataproduct.port.rows";
    static final String BYTES = "dataproduct.port.bytes";
    static final String LATENCY = "dataproduct.port.latency";
    static final String DENIED = "dataproduct.port.denied";

    private final MeterRegistry registry;
    private final String port;

    PortMeters(MeterRegistry registry, String port) {
        this.registry = registry;
        this.port = port;
    }

    /**
     * @param product the product's address, or "-" when the request named none
     * @param dataset the dataset, or "-" for the other endpoints
     * @param outcome one of a fixed set (ok, not_modified, bad_request, unauthorized, denied, not_found,
     *     not_acceptable, error, aborted)
     */
    void record(String product, String dataset, String outcome, long rows, long bytes, long nanos) {
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
