package dev.dataproduct.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.ports.http.RestPort;
import dev.dataproduct.ports.http.StaticTokens;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * REST rows per second, JSON and Arrow, against a bare JDK {@code HttpServer} handler that writes the
 * very bytes the port wrote: what the read path, the policy and the encoding cost on top of the
 * server. Ends with the line {@code ratio rest/bare: X.XX} (the lower of the two formats).
 */
final class RestBenchmark {
    static final String TOKEN = "benchmark-token-0123456789";
    /** The port's response buffer, which the bare server's writes match. */
    private static final int BUFFER = 1 << 16;
    private static final DatasetSpec ROWS = DatasetSpec.named("events")
            .field("id", LogicalType.STRING, f -> f.required())
            .field("n", LogicalType.INT64)
            .field("x", LogicalType.FLOAT64)
            .field("label", LogicalType.STRING)
            .build();

    private RestBenchmark() {
    }

    /** The served product: generated events that the role {@code reader} may read whole. */
    static DataProduct product(int rows) {
        return DataProduct.builder("events").domain("bench").version("1.0.0")
                .owner(Owner.person("Bench", "bench@example.com")).purpose("Rows to serve.")
                .input(new GeneratedEvents(ROWS.schema(), rows, i -> new Object[] {"e" + i, (long) i * 7, i * 0.25,
                        i % 3 == 0 ? null : "label-" + (i % 97)}))
                .output(ROWS)
                .access(Policy.forDataset("events").grant(Grant.to(Audience.role("reader")).allColumns()).build())
                .transform(ctx -> ctx.input("events"))
                .build();
    }

    /** @return the tokens of the benchmarks' one principal, a reader */
    static StaticTokens tokens() {
        return StaticTokens.builder().token(TOKEN, Principal.of("bench", "reader")).build();
    }

    static void run(int rows, int warmups, int runs, PrintStream out) throws Exception {
        DataProduct product = product(rows);
        HttpClient client = HttpClient.newHttpClient();
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(new InMemorySnapshotStore()).build()) {
            RestPort rest = RestPort.builder().pageSize(rows, rows).authenticator(tokens()).build();
            try (ProductHost host = ProductHost.builder(runtime, allocator).product(product).serve(rest).build()) {
                host.runAll();
                host.start();
                URI uri = rest.baseUri().resolve("/products/bench/events/v1/datasets/events?limit=" + rows);
                double worst = Double.MAX_VALUE;
                for (String type : List.of("application/json", "application/vnd.apache.arrow.stream")) {
                    HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN)
                            .header("Accept", type).build();
                    byte[] body = client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
                    double ratio = compare(client, request, body, type, rows, warmups, runs, out);
                    worst = Math.min(worst, ratio);
                }
                out.printf("ratio rest/bare: %.2f%n", worst);
            }
        }
    }

    /**
     * Times the port and a bare server that writes the port's own bytes, in the same way (chunked, in
     * writes as large as the port's buffer), alternating between them so that both see the same
     * machine; the ratio is the median of the runs' ratios.
     */
    private static double compare(HttpClient client, HttpRequest rest, byte[] body, String type, int rows,
                                  int warmups, int runs, PrintStream out) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        server.setExecutor(Executors.newFixedThreadPool(2, r -> new Thread(r, "bare-" + n.incrementAndGet())));
        server.createContext("/", ex -> {
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(200, 0);
            try (OutputStream o = ex.getResponseBody()) {
                for (int off = 0; off < body.length; off += BUFFER) {
                    o.write(body, off, Math.min(BUFFER, body.length - off));
                }
            }
        });
        server.start();
        try {
            HttpRequest bare = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.getAddress().getPort() + "/")).build();
            double[] restRates = new double[runs];
            double[] bareRates = new double[runs];
            double[] ratios = new double[runs];
            double[] restCpu = new double[runs];
            double[] bareCpu = new double[runs];
            for (int i = 0; i < warmups + runs; i++) {
                // alternate which goes first, so neither always follows the other's garbage
                boolean restFirst = i % 2 == 0;
                long[] cpu = new long[2];
                double a = rate(client, restFirst ? rest : bare, rows, body.length, cpu, restFirst ? 0 : 1);
                double b = rate(client, restFirst ? bare : rest, rows, body.length, cpu, restFirst ? 1 : 0);
                if (i >= warmups) {
                    int k = i - warmups;
                    restRates[k] = restFirst ? a : b;
                    bareRates[k] = restFirst ? b : a;
                    ratios[k] = restRates[k] / bareRates[k];
                    restCpu[k] = cpu[0] / 1e6;
                    bareCpu[k] = cpu[1] / 1e6;
                }
            }
            double ratio = median(ratios);
            out.printf("%s: %d rows, %d bytes; rest %.0f rows/s, bare %.0f rows/s (medians of %d interleaved runs), "
                    + "ratio %.2f; server CPU per response: rest %.1f ms, bare %.1f ms%n", type, rows, body.length,
                    median(restRates), median(bareRates), runs, ratio, median(restCpu), median(bareCpu));
            return ratio;
        } finally {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * Rows per second of one request, its status and length checked; adds the CPU time the serving
     * threads (the port's workers or the bare server's) spent meanwhile to {@code cpu[slot]}.
     */
    private static double rate(HttpClient client, HttpRequest request, int rows, int bytes, long[] cpu, int slot)
            throws Exception {
        long cpuBefore = serverCpu();
        long start = System.nanoTime();
        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long nanos = System.nanoTime() - start;
        cpu[slot] += serverCpu() - cpuBefore;
        if (r.statusCode() != 200 || r.body().length != bytes) {
            throw new IllegalStateException("status " + r.statusCode() + ", " + r.body().length + " bytes, expected "
                    + bytes);
        }
        return rows / (nanos / 1e9);
    }

    /** CPU time of the threads that serve: the REST port's workers and senders, and the bare server's. */
    private static long serverCpu() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().matches("rest-" + RestPort.DEFAULT_NAME + "-(send-)?[0-9]+|bare-[0-9]+")) {
                sum += Math.max(0, mx.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }
}
