package dev.dataproduct.benchmarks;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Mask;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.access.Target;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.core.io.ArrowIpcWriter;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotTransaction;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The cost of an access policy on the read path: the same committed snapshot of generated orders
 * read in full through {@code ProductReader}, once under a policy with a row filter (on a principal
 * attribute) and two masks, once under a grant that shows everything, interleaved in the same run.
 * Both sides decode the same Arrow IPC snapshot and return Arrow batches; the difference is the
 * policy. Ends with the line {@code ratio policy/none: X.XX}.
 *
 * <p>System properties: {@code rows} (10,000,000), {@code warmups} (2), {@code runs} (5),
 * {@code seed} (42), {@code maxQuantity} (900: the principal's limit, which admits about 90% of
 * the rows; 1000 admits every row in range, so both sides return nearly the same rows).
 */
final class AccessBenchmark {
    static final ProductAddress PRODUCT = ProductAddress.parse("urn:dataproduct:bench:orders:v1");
    static final DatasetSpec SPEC = new DatasetSpec("orders", "Generated orders.", OrdersGenerator.schema());
    /** Everything, in the clear: the baseline. */
    static final Policy NONE = Policy.forDataset("orders").grant(Grant.to(Audience.role("all")).allColumns()).build();
    /** Rows up to the principal's quantity limit, customer and time masked. */
    static final Policy POLICY = Policy.forDataset("orders")
            .mask(Target.field("customer"), Mask.showFirst(2))
            .mask(Target.field("created_at"), Mask.yearOnly())
            .grant(Grant.to(Audience.role("analyst")).allColumns()
                    .rows(Expr.col("quantity").le(Expr.principal("max_quantity"))))
            .build();
    static final Principal ALL = Principal.of("baseline", "all");

    private AccessBenchmark() {
    }

    static void run(PrintStream out) throws IOException {
        long rows = Long.getLong("rows", 10_000_000L);
        int warmups = Integer.getInteger("warmups", 2);
        int runs = Integer.getInteger("runs", 5);
        long seed = Long.getLong("seed", 42L);
        Principal analyst = new Principal("analyst", Set.of("analyst"),
                Map.of("max_quantity", Integer.getInteger("maxQuantity", 900)));
        out.printf(Locale.ROOT, "rows=%,d warmups=%d runs=%d seed=%d maxQuantity=%d cores=%d java=%s maxHeap=%,d MiB%n", rows,
                warmups, runs, seed, analyst.attributes().get("max_quantity"), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        Path dir = Files.createTempDirectory("access-bench");
        try (BufferAllocator allocator = new RootAllocator()) {
            DirectorySnapshotStore store = DirectorySnapshotStore.at(dir);
            OrdersGenerator generator = new OrdersGenerator(seed, rows);
            long t0 = System.nanoTime();
            try (SnapshotTransaction tx = store.begin(PRODUCT, allocator)) {
                ArrowIpcWriter data = tx.dataset("orders", SPEC.schema().toArrow());
                for (int i = 0; i < generator.batchCount(); i++) {
                    try (VectorSchemaRoot batch = generator.batch(i, allocator)) {
                        data.write(batch);
                    }
                }
                tx.commit("1.0.0", OrdersGenerator.NOW);
            }
            out.printf(Locale.ROOT, "committed one snapshot of %,d rows in %.1f s (not timed)%n", rows,
                    (System.nanoTime() - t0) / 1e9);
            ProductReader none = ProductReader.builder(store, PRODUCT).dataset(SPEC, NONE).allocator(allocator).build();
            ProductReader policy = ProductReader.builder(store, PRODUCT).dataset(SPEC, POLICY).allocator(allocator)
                    .build();
            QualityBenchmark.Timings plain = new QualityBenchmark.Timings();
            QualityBenchmark.Timings filtered = new QualityBenchmark.Timings();
            long[] returned = new long[2];
            for (int i = 0; i < warmups + runs; i++) {
                System.gc();
                long a = System.nanoTime();
                returned[0] = readAll(none, ALL);
                long b = System.nanoTime();
                System.gc();
                long c = System.nanoTime();
                returned[1] = readAll(policy, analyst);
                long d = System.nanoTime();
                if (i >= warmups) {
                    plain.add(b - a);
                    filtered.add(d - c);
                }
            }
            out.printf(Locale.ROOT, "none   (every row, every column in the clear): %,d rows  median %8.1f ms  min %8.1f"
                    + "  max %8.1f  runs %s%n", returned[0], plain.median(), plain.min(), plain.max(), plain);
            out.printf(Locale.ROOT, "policy (row filter, 2 masks):                 %,d rows  median %8.1f ms  min %8.1f"
                    + "  max %8.1f  runs %s%n", returned[1], filtered.median(), filtered.min(), filtered.max(), filtered);
            out.printf(Locale.ROOT, "ratio policy/none: %.2f%n", filtered.median() / plain.median());
        } finally {
            delete(dir);
        }
    }

    private static long readAll(ProductReader reader, Principal principal) {
        long n = 0;
        try (ReadResult r = reader.read(principal, ReadRequest.of("orders").via("bench").build())) {
            while (r.next()) {
                n += r.batch().getRowCount();
            }
        }
        return n;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
