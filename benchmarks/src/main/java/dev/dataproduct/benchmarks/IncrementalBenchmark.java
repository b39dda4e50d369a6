package dev.dataproduct.benchmarks;

import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.io.ArrowIpcWriter;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.core.snapshot.RetentionPolicy;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.SnapshotTransaction;
import dev.dataproduct.core.snapshot.WriteMode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The cost of a small incremental commit against rewriting the whole snapshot: appending 1% new
 * rows to a snapshot of {@code -Drows} (10M) rows, and upserting 1% changed rows spread over it,
 * each against a replace of all the rows (with a key index, as an upsertable dataset has). Every
 * commit is durable (files synced). Prints {@code ratio upsert/rewrite: X.XX}, then last
 * {@code ratio append/rewrite: X.XX}.
 */
final class IncrementalBenchmark {
    private static final ProductAddress PRODUCT = ProductAddress.parse("urn:dataproduct:bench:orders:v1");
    private static final Schema SCHEMA = OrdersGenerator.schema().toArrow();

    private IncrementalBenchmark() {
    }

    static void run(long rows, int runs, PrintStream out) throws IOException {
        Path dir = Files.createTempDirectory("incremental-bench");
        long increment = Math.max(1, rows / 100);
        try (BufferAllocator allocator = new RootAllocator()) {
            DirectorySnapshotStore store = DirectorySnapshotStore.at(dir);
            OrdersGenerator base = new OrdersGenerator(42, rows);
            out.printf("writing a snapshot of %,d rows%n", rows);
            SnapshotManifest baseline = commit(store, allocator, new WriteMode.Replace(java.util.List.of("id")),
                    base, 0, rows, 0);
            store.tag(PRODUCT, "base", baseline.id());
            OrdersGenerator newRows = new OrdersGenerator(7, increment);
            OrdersGenerator whole = new OrdersGenerator(42, rows + increment);
            long rewrite = Long.MAX_VALUE;
            long append = Long.MAX_VALUE;
            long upsert = Long.MAX_VALUE;
            for (int run = 0; run < runs; run++) {
                rewrite = Math.min(rewrite, timed(() -> commit(store, allocator,
                        new WriteMode.Replace(java.util.List.of("id")), whole, 0, rows + increment, 0)));
                reset(store, baseline);
                append = Math.min(append, timed(() -> commit(store, allocator, WriteMode.append(), newRows, rows,
                        increment, 0)));
                reset(store, baseline);
                long seed = run + 1;
                upsert = Math.min(upsert, timed(() -> commit(store, allocator, WriteMode.upsert("id"), newRows, -1,
                        increment, seed)));
                reset(store, baseline);
                out.printf("run %d: rewrite %d ms, append %d ms, upsert %d ms%n", run + 1, rewrite / 1_000_000,
                        append / 1_000_000, upsert / 1_000_000);
            }
            out.printf("rewrite of %,d rows: %d ms; append of %,d rows: %d ms; upsert of %,d changed rows: %d ms%n",
                    rows + increment, rewrite / 1_000_000, increment, append / 1_000_000, increment,
                    upsert / 1_000_000);
            out.printf("ratio upsert/rewrite: %.2f%n", (double) upsert / rewrite);
            out.printf("ratio append/rewrite: %.2f%n", (double) append / rewrite);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private interface Timed {
        SnapshotManifest run();
    }

    private static long timed(Timed work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    /** Makes the base snapshot current again and removes the others, untimed. */
    private static void reset(DirectorySnapshotStore store, SnapshotManifest base) {
        store.rollback(PRODUCT, base.id(), "benchmark reset", Instant.now());
        store.expire(PRODUCT, RetentionPolicy.keepLast(1), Instant.now());
    }

    /**
     * Commits the generator's rows; ids from {@code firstId} on, or, with {@code firstId} -1, ids of
     * existing rows spread over the snapshot (one in every hundred, at a random place in each hundred).
     */
    private static SnapshotManifest commit(DirectorySnapshotStore store, BufferAllocator allocator, WriteMode mode,
                                           OrdersGenerator generator, long firstId, long rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        try (SnapshotTransaction tx = store.begin(PRODUCT, allocator)) {
            ArrowIpcWriter writer = tx.dataset("orders", SCHEMA, mode);
            long at = 0;
            for (int b = 0; b < generator.batchCount(); b++) {
                try (VectorSchemaRoot batch = generator.batch(b, allocator)) {
                    BigIntVector id = (BigIntVector) batch.getVector("id");
                    for (int i = 0; i < batch.getRowCount(); i++, at++) {
                        id.set(i, firstId >= 0 ? firstId + at : at * 100 + random.nextInt(100));
                    }
                    writer.write(batch);
                }
            }
            return tx.commit("1.0.0", Instant.now());
        }
    }
}
