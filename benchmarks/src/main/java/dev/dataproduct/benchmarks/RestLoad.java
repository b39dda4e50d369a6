package dev.dataproduct.benchmarks;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.ports.http.RestPort;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Many concurrent clients on loopback, each sending its next request as soon as it has read the
 * previous answer, for a fixed time: pages of rows as JSON, CSV and Arrow, with filters and
 * projections. Reports requests, errors, latency percentiles, and what the process held before and
 * after (heap after a GC, Arrow memory, snapshot pins, worker threads, open files), so that an
 * unbounded pool, a leak or a pin left behind shows.
 */
final class RestLoad {
    /** Worker threads of the port under load; the queue holds one request per client. */
    static final int WORKERS = 8;
    private static final String[] QUERIES = {
        "?limit=100",
        "?limit=50&select=id,n&n=gt.7000",
        "?limit=200&order=n.desc",
        "?limit=20&label=eq.label-5",
    };
    private static final String[] TYPES = {"application/json", "text/csv", "application/vnd.apache.arrow.stream"};

    private RestLoad() {
    }

    /**
     * What one load run saw.
     *
     * @param errors by kind: an HTTP status other than 200, or the exception a client got
     */
    record Result(int clients, Duration duration, long requests, Map<String, Long> errors, long p50Nanos,
                  long p99Nanos, long maxNanos, long heapBefore, long heapAfter, long arrowBefore, long arrowAfter,
                  int pinsAfter, int peakWorkers, int peakThreads, long filesBefore, long peakFiles, long filesAfter) {
        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    static Result run(int clients, Duration duration, int rows) throws Exception {
        DataProduct product = RestBenchmark.product(rows);
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator)
                     .store(new InMemorySnapshotStore()).build()) {
            RestPort rest = RestPort.builder().workers(WORKERS, clients).authenticator(RestBenchmark.tokens())
                    .build();
            try (ProductHost host = ProductHost.builder(runtime, allocator).product(product).serve(rest).build()) {
                host.runAll();
                host.start();
                URI base = rest.baseUri().resolve("/products/bench/events/v1/datasets/events");
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
                // one request first, so that what a first request sets up is in the "before"
                client.send(request(base, 0), HttpResponse.BodyHandlers.ofByteArray());
                long heapBefore = heapAfterGc();
                long arrowBefore = allocator.getAllocatedMemory();
                long filesBefore = openFiles();
                Map<String, LongAdder> errors = new ConcurrentHashMap<>();
                int peakWorkers = 0;
                int peakThreads = 0;
                long peakFiles = filesBefore;
                long deadline = System.nanoTime() + duration.toNanos();
                List<Client> running = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    Client one = new Client(client, base, c, deadline, errors);
                    one.thread.start();
                    running.add(one);
                }
                while (running.stream().anyMatch(one -> one.thread.isAlive())) {
                    peakWorkers = Math.max(peakWorkers, workerThreads());
                    peakThreads = Math.max(peakThreads, ManagementFactory.getThreadMXBean().getThreadCount());
                    peakFiles = Math.max(peakFiles, openFiles());
                    Thread.sleep(100);
                }
                long[] all = new long[0];
                for (Client one : running) {
                    one.thread.join();
                    int at = all.length;
                    all = Arrays.copyOf(all, at + one.count);
                    System.arraycopy(one.nanos, 0, all, at, one.count);
                }
                Arrays.sort(all);
                Map<String, Long> errorCounts = new TreeMap<>();
                errors.forEach((k, v) -> errorCounts.put(k, v.sum()));
                long requests = all.length + errorCounts.values().stream().mapToLong(Long::longValue).sum();
                long heapAfter = heapAfterGc();
                return new Result(clients, duration, requests, errorCounts, percentile(all, 0.50),
                        percentile(all, 0.99), all.length == 0 ? 0 : all[all.length - 1], heapBefore, heapAfter,
                        arrowBefore, allocator.getAllocatedMemory(), host.store().pinned(product.address()).size(),
                        peakWorkers, peakThreads, filesBefore, peakFiles, openFiles());
            }
        }
    }

    /** One client: a thread that sends its next request as soon as it has its previous answer. */
    private static final class Client implements Runnable {
        final Thread thread;
        private final HttpClient http;
        private final URI base;
        private final long deadline;
        private final Map<String, LongAdder> errors;
        private int next;
        /** Latencies of the answered requests; read once the thread has ended. */
        long[] nanos = new long[1024];
        int count;

        Client(HttpClient http, URI base, int index, long deadline, Map<String, LongAdder> errors) {
            this.http = http;
            this.base = base;
            this.next = index;
            this.deadline = deadline;
            this.errors = errors;
            this.thread = new Thread(this, "load-client-" + index);
        }

        @Override
        public void run() {
            while (System.nanoTime() < deadline) {
                HttpRequest r = request(base, next++);
                long start = System.nanoTime();
                try {
                    HttpResponse<byte[]> answer = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
                    if (answer.statusCode() != 200 || answer.body().length == 0) {
                        errors.computeIfAbsent("status " + answer.statusCode(), k -> new LongAdder()).increment();
                        continue;
                    }
                } catch (IOException e) {
                    errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (count == nanos.length) {
                    nanos = Arrays.copyOf(nanos, count * 2);
                }
                nanos[count++] = System.nanoTime() - start;
            }
        }
    }

    private static HttpRequest request(URI base, int i) {
        return HttpRequest.newBuilder(URI.create(base + QUERIES[i % QUERIES.length]))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + RestBenchmark.TOKEN)
                .header("Accept", TYPES[(i / QUERIES.length) % TYPES.length]).build();
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static long heapAfterGc() {
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    /** The port's workers, named rest-{port}-{n}. */
    private static int workerThreads() {
        String worker = "rest-" + RestPort.DEFAULT_NAME + "-[0-9]+";
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().matches(worker)).count();
    }

    /** Open file descriptors of this process (sockets included), or -1 where /proc is missing. */
    private static long openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    static void print(Result r, PrintStream out) {
        out.printf("restload: %d clients for %d s on loopback: %d requests (%.0f/s), %d errors %s%n", r.clients(),
                r.duration().toSeconds(), r.requests(), r.requests() / (double) r.duration().toSeconds(),
                r.errorCount(), r.errors().isEmpty() ? "" : r.errors());
        out.printf("latency: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", r.p50Nanos() / 1e6, r.p99Nanos() / 1e6,
                r.maxNanos() / 1e6);
        out.printf("heap used after GC: before %.1f MB, after %.1f MB; Arrow memory: before %d B, after %d B; "
                + "snapshot pins after: %d%n", r.heapBefore() / 1e6, r.heapAfter() / 1e6, r.arrowBefore(),
                r.arrowAfter(), r.pinsAfter());
        out.printf("port workers: peak %d (pool of %d); JVM threads: peak %d; open files: before %d, peak %d, after %d%n",
                r.peakWorkers(), WORKERS, r.peakThreads(), r.filesBefore(), r.peakFiles(), r.filesAfter());
    }
}
