package dev.dataproduct.core.snapshot;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.RootAllocator;

/**
 * A process that changes a product's snapshots in a loop (appends, upserts with deletes,
 * rollbacks, retention, compaction) until it is killed, for tests of what a writer killed at any
 * point of those leaves behind. Prints {@code ready} before its first change.
 */
public final class LifecycleCrashWriter {
    private LifecycleCrashWriter() {
    }

    /**
     * @param args the store's root directory and a seed
     */
    public static void main(String[] args) {
        DirectorySnapshotStore store = DirectorySnapshotStore.at(Path.of(args[0]));
        long seed = Long.parseLong(args[1]);
        SplittableRandom random = new SplittableRandom(seed);
        RootAllocator allocator = new RootAllocator();
        System.out.println("ready");
        System.out.flush();
        Instant at = Instant.parse("2026-11-01T00:00:00Z");
        for (long n = 0; ; n++) {
            at = at.plusSeconds(60);
            try {
                change(store, allocator, random, seed, n, at);
            } catch (IllegalArgumentException | IllegalStateException raced) {
                // another writer removed the snapshot this one chose to roll back to: choose again
            }
        }
    }

    private static void change(DirectorySnapshotStore store, RootAllocator allocator, SplittableRandom random,
                               long seed, long n, Instant at) {
        switch (random.nextInt(5)) {
            case 0 -> LifecycleFixture.run(store, allocator, WriteMode.append(),
                    LifecycleFixture.rows("a" + seed + "-" + n + "-", 0, 50, n), at);
            case 1 -> {
                List<Map.Entry<String, Long>> rows = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    rows.add(Map.entry("u" + random.nextInt(100), n));
                }
                LifecycleFixture.run(store, allocator, LifecycleFixture.UPSERT, rows,
                        List.of("u" + random.nextInt(100), "u" + random.nextInt(100)), at, false);
            }
            case 2 -> {
                List<SnapshotManifest> history = store.history(LifecycleFixture.PRODUCT);
                if (history.size() > 1) {
                    store.rollback(LifecycleFixture.PRODUCT, history.get(random.nextInt(history.size() - 1)).id(),
                            "crash test", at);
                }
            }
            case 3 -> store.expire(LifecycleFixture.PRODUCT, RetentionPolicy.keepLast(3), at);
            default -> store.compact(LifecycleFixture.PRODUCT, allocator, at);
        }
    }
}
