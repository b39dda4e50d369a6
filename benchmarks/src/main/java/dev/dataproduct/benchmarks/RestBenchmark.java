package dev.dataproduct.benchmarks;

import com.sun.net.httpserver.HttpServer;
import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.InputPort;
import dev.dataproduct.api.port.PortDescriptor;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * REST rows per second, JSON and Arrow, against a bare JDK {@code HttpServer} handler that writes the
 * very bytes the port wrote: what the read path, the policy and the encoding cost on top of the
 * server. Ends with the line {@code ratio rest/bare: X.XX} (the lower of the two formats).
 */
final class RestBenchmark {
    private static final String TOKEN = "benchmark-token-0123456789";
    private static final DatasetSpec ROWS = DatasetSpec.named("events")
            .field("id", LogicalType.STRING, f -> f.required())
            .field("n", LogicalType.INT64)
            .field("x", LogicalType.FLOAT64)
            .field("label", LogicalType.STRING)
            .build();

    private RestBenchmark() {
    }

    /** Generated rows, built straight into batches, which the port owns and closes. */
    private static final class Generated implements InputPort {
        private final int rows;
        private final List<VectorSchemaRoot> batches = new ArrayList<>();

        Generated(int rows) {
            this.rows = rows;
        }

        @Override
        public void close() {
            batches.forEach(VectorSchemaRoot::close);
            batches.clear();
        }

        @Override
        public PortDescriptor descriptor() {
            return new PortDescriptor("events", "memory", "generated", "");
        }

        @Override
        public Dataset open(InputContext context) {
            close();
            Schema schema = ROWS.schema();
            for (int from = 0; from < rows; from += 8192) {
                try (BatchBuilder b = BatchBuilder.create(schema, context.allocator())) {
                    for (int i = from; i < Math.min(rows, from + 8192); i++) {
                        b.addRow("e" + i, (long) i * 7, i * 0.25, i % 3 == 0 ? null : "label-" + (i % 97));
                    }
                    batches.add(b.build());
                }
            }
            return Dataset.of("events", schema, batches);
        }
    }

    static void run(int rows, int warmups, int runs, PrintStream out) throws Exception {
        DataProduct product = DataProduct.builder("events").domain("bench").version("1.0.0")
                .owner(Owner.person("Bench", "bench@example.com")).purpose("Rows to serve.")
                .input(new Generated(rows))
                .output(ROWS)
                .access(Policy.forDataset("events").grant(Grant.to(Audience.role("reader")).allColumns()).build())
                .transform(ctx -> ctx.input("events"))
                .build();
        HttpClient client = HttpClient.newHttpClient();
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(new InMemorySnapshotStore()).build()) {
            RestPort rest = RestPort.builder().pageSize(rows, rows).authenticator(StaticTokens.builder()
                    .token(TOKEN, Principal.of("bench", "reader")).build()).build();
            try (ProductHost host = ProductHost.builder(runtime, allocator).product(product).serve(rest).build()) {
                host.runAll();
                host.start();
                URI uri = rest.baseUri().resolve("/products/bench/events/v1/datasets/events?limit=" + rows);
                double worst = Double.MAX_VALUE;
                for (String type : List.of("application/json", "application/vnd.apache.arrow.stream")) {
                    HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN)
                            .header("Accept", type).build();
                    byte[] body = client.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
                    double restRate = rate(client, request, rows, body.length, warmups, runs);
                    double bareRate = bare(client, body, type, rows, warmups, runs);
                    out.printf("%s: %d rows, %d bytes; rest %.0f rows/s, bare %.0f rows/s, ratio %.2f%n", type, rows,
                            body.length, restRate, bareRate, restRate / bareRate);
                    worst = Math.min(worst, restRate / bareRate);
                }
                out.printf("ratio rest/bare: %.2f%n", worst);
            }
        }
    }

    private static double bare(HttpClient client, byte[] body, String type, int rows, int warmups, int runs)
            throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", ex -> {
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int off = 0; off < body.length; off += 65536) {
                    out.write(body, off, Math.min(65536, body.length - off));
                }
            }
        });
        server.start();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.getAddress().getPort() + "/")).build();
            return rate(client, request, rows, body.length, warmups, runs);
        } finally {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    /** Best rows per second over the runs, after the warm-ups. */
    private static double rate(HttpClient client, HttpRequest request, int rows, int bytes, int warmups, int runs)
            throws Exception {
        double best = 0;
        for (int i = 0; i < warmups + runs; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long nanos = System.nanoTime() - start;
            if (r.statusCode() != 200 || r.body().length != bytes) {
                throw new IllegalStateException("status " + r.statusCode() + ", " + r.body().length + " bytes, expected "
                        + bytes);
            }
            if (i >= warmups) {
                best = Math.max(best, rows / (nanos / 1e9));
            }
        }
        return best;
    }
}
