package dev.dataproduct.core.snapshot;

import static dev.dataproduct.core.snapshot.LifecycleFixture.PRODUCT;
import static dev.dataproduct.core.snapshot.LifecycleFixture.UPSERT;
import static dev.dataproduct.core.snapshot.LifecycleFixture.read;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random sequences of runs (replace, append, upsert with deletes), staged runs published or
 * discarded, rollbacks, tags, retention and compaction, checked after every step against a plain
 * model: a map of rows for every snapshot the store should still hold.
 */
class SnapshotLifecyclePropertyTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path root;

    @Test
    void everyRetainedSnapshotReadsAsTheModelSaysAfterEveryStep() {
        long base = Long.getLong("lifecycle.seed", System.nanoTime());
        for (int trial = 0; trial < 4; trial++) {
            long seed = base + trial;
            try {
                trial(seed, root.resolve("t" + trial));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("failed with seed " + seed + " (rerun with -Dlifecycle.seed=" + seed + "): "
                        + e.getMessage(), e);
            }
        }
    }

    private static void trial(long seed, Path dir) {
        SplittableRandom random = new SplittableRandom(seed);
        DirectorySnapshotStore store = DirectorySnapshotStore.at(dir);
        Map<String, Map<String, Long>> model = new HashMap<>();  // every snapshot the store should hold
        Map<String, String> tags = new HashMap<>();
        String current = null;
        List<String> log = new ArrayList<>();
        int fresh = 0;
        Instant now = T0;
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int step = 0; step < 25; step++) {
                now = now.plus(Duration.ofHours(1 + random.nextInt(30)));
                int op = current == null ? 0 : random.nextInt(9);
                Map<String, Long> base = current == null ? Map.of() : model.get(current);
                switch (op) {
                    case 0, 1 -> {  // replace, keyed or not
                        List<Map.Entry<String, Long>> rows = new ArrayList<>();
                        int n = random.nextInt(6);
                        for (int i = 0; i < n; i++) {
                            rows.add(Map.entry("r" + fresh++, (long) random.nextInt(100)));
                        }
                        WriteMode mode = random.nextBoolean() ? WriteMode.replace() : new WriteMode.Replace(
                                List.of("id"));
                        current = commit(store, allocator, mode, rows, List.of(), now, model, toMap(rows), log);
                    }
                    case 2 -> {  // append of new ids
                        List<Map.Entry<String, Long>> rows = new ArrayList<>();
                        int n = random.nextInt(5);
                        for (int i = 0; i < n; i++) {
                            rows.add(Map.entry("a" + fresh++, (long) random.nextInt(100)));
                        }
                        Map<String, Long> want = new TreeMap<>(base);
                        want.putAll(toMap(rows));
                        current = commit(store, allocator, WriteMode.append(), rows, List.of(), now, model, want, log);
                    }
                    case 3, 4 -> {  // upsert over a small key space, with deletes
                        List<Map.Entry<String, Long>> rows = new ArrayList<>();
                        List<String> deletes = new ArrayList<>();
                        Map<String, Long> want = new TreeMap<>(base);
                        for (int i = random.nextInt(6); i > 0; i--) {
                            String id = "u" + random.nextInt(12);
                            long q = random.nextInt(100);
                            rows.add(Map.entry(id, q));
                            want.put(id, q);
                        }
                        for (int i = random.nextInt(3); i > 0; i--) {
                            String id = random.nextBoolean() ? "u" + random.nextInt(12)
                                    : new ArrayList<>(base.keySet().isEmpty() ? List.of("none") : base.keySet())
                                    .get(random.nextInt(Math.max(1, base.size())));
                            deletes.add(id);
                            want.remove(id);
                        }
                        if (random.nextInt(4) == 0) {  // staged, then audited
                            SnapshotManifest staged = LifecycleFixture.run(store, allocator, UPSERT, rows, deletes,
                                    now, true);
                            model.put(staged.id(), want);
                            log.add("stage " + staged.id() + " " + rows + " -" + deletes);
                            if (random.nextBoolean()) {
                                SnapshotManifest p = store.publish(PRODUCT, staged.id(), now.plusSeconds(1));
                                model.put(p.id(), want);
                                current = p.id();
                                log.add("publish -> " + p.id());
                            } else {
                                store.discard(PRODUCT, staged.id());
                                model.remove(staged.id());
                                log.add("discard");
                            }
                        } else {
                            current = commit(store, allocator, UPSERT, rows, deletes, now, model, want, log);
                        }
                    }
                    case 5 -> {  // rollback to a retained earlier committed snapshot
                        List<SnapshotManifest> history = store.history(PRODUCT);
                        if (history.size() > 1) {
                            SnapshotManifest to = history.get(random.nextInt(history.size() - 1));
                            SnapshotManifest r = store.rollback(PRODUCT, to.id(), "step " + step, now);
                            model.put(r.id(), model.get(to.id()));
                            current = r.id();
                            log.add("rollback to " + to.id() + " -> " + r.id());
                        }
                    }
                    case 6 -> {
                        List<String> ids = new ArrayList<>(model.keySet());
                        String id = ids.get(random.nextInt(ids.size()));
                        String name = "t" + random.nextInt(3);
                        store.tag(PRODUCT, name, id);
                        tags.put(name, id);
                        log.add("tag " + name + " " + id);
                    }
                    case 7 -> {
                        int keep = 1 + random.nextInt(4);
                        RetentionResult r = store.expire(PRODUCT, RetentionPolicy.keepLast(keep)
                                .expiringStagedAfter(Duration.ofHours(5)), now);
                        r.removed().forEach(model::remove);
                        if (random.nextBoolean() && !tags.isEmpty()) {
                            String name = tags.keySet().iterator().next();
                            store.untag(PRODUCT, name);
                            tags.remove(name);
                        }
                        log.add("keep last " + keep + ": removed " + r.removed());
                    }
                    default -> {
                        SnapshotManifest c = store.compact(PRODUCT, allocator, now);
                        model.put(c.id(), base);
                        current = c.id();
                        log.add("compact -> " + c.id());
                    }
                }
                check(store, allocator, model, tags, current, log);
            }
        }
    }

    private static String commit(SnapshotStore store, BufferAllocator allocator, WriteMode mode,
                                 List<Map.Entry<String, Long>> rows, List<String> deletes, Instant at,
                                 Map<String, Map<String, Long>> model, Map<String, Long> want, List<String> log) {
        SnapshotManifest m = LifecycleFixture.run(store, allocator, mode, rows, deletes, at, false);
        model.put(m.id(), want);
        log.add(mode.operation() + " " + m.id() + " " + rows + (deletes.isEmpty() ? "" : " -" + deletes));
        return m.id();
    }

    private static Map<String, Long> toMap(List<Map.Entry<String, Long>> rows) {
        Map<String, Long> out = new TreeMap<>();
        rows.forEach(r -> out.put(r.getKey(), r.getValue()));
        return out;
    }

    private static void check(SnapshotStore store, BufferAllocator allocator, Map<String, Map<String, Long>> model,
                              Map<String, String> tags, String current, List<String> log) {
        String where = " after " + String.join("; ", log);
        assertEquals(current, store.current(PRODUCT).orElseThrow().id(), "current" + where);
        List<SnapshotEntry> listed = store.snapshots(PRODUCT);
        assertEquals(new TreeMap<>(model).keySet(), listed.stream().map(e -> e.manifest().id())
                .collect(Collectors.toCollection(java.util.TreeSet::new)), "retained snapshots" + where);
        for (SnapshotEntry e : listed) {
            assertEquals(model.get(e.manifest().id()), read(store, e.manifest(), allocator),
                    "rows of snapshot " + e.manifest().id() + where);
        }
        assertEquals(tags, store.tags(PRODUCT), "tags" + where);
    }
}
