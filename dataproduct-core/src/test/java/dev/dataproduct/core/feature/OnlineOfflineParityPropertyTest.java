package dev.dataproduct.core.feature;

import static dev.dataproduct.core.feature.Histories.entity;
import static dev.dataproduct.core.feature.Histories.feature;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.feature.FeatureValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * Training/serving parity: for generated feature histories and lookup times, the online lookup at
 * {@code t} (a store given the rows with {@code event_time <= t} in the table's order, in two
 * increments) equals the
 * offline as-of join at {@code t}, value and status of every feature. Times fall on whole hours so that
 * ties, duplicates and rows exactly the maximum age old are frequent. The seed is printed on failure;
 * rerun one with {@code -Dfeature.seed=<seed>}.
 */
class OnlineOfflineParityPropertyTest {
    static final String[] STUDENTS = {"s0", "s1", "s2", "s3"};

    @Test
    void onlineLookupAtTEqualsOfflineAsOfJoinAtT() {
        long seed = Long.getLong("feature.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        for (int trial = 0; trial < 60; trial++) {
            try {
                check(random);
            } catch (AssertionError e) {
                throw new AssertionError("parity failed in trial " + trial + " with seed " + seed
                        + " (rerun with -Dfeature.seed=" + seed + "): " + e.getMessage(), e);
            }
        }
    }

    private static Instant hour(int h) {
        return Histories.T0.plusSeconds(3600L * h);
    }

    private void check(SplittableRandom random) {
        List<Map<String, Object>> history = new ArrayList<>();
        int rows = random.nextInt(0, 25);
        for (int i = 0; i < rows; i++) {
            int event = random.nextInt(0, 24 * 30);
            Instant created = random.nextInt(4) == 0 ? null : hour(event + random.nextInt(0, 3));
            Double score = random.nextInt(5) == 0 ? null : (double) random.nextInt(100);
            history.add(feature(STUDENTS[random.nextInt(STUDENTS.length)], hour(event), created, score,
                    random.nextInt(5) == 0 ? null : "g" + i));
        }
        List<Integer> times = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            times.add(random.nextInt(-24, 24 * 45));
        }
        for (Map<String, Object> row : history) {
            // the edges: a row's own event time, and exactly its maximum age after it
            int h = (int) ((((Instant) row.get("event_time")).getEpochSecond() - Histories.T0.getEpochSecond()) / 3600);
            times.add(h);
            times.add(h + 24 * 10);
            if (times.size() > 16) {
                break;
            }
        }
        try (BufferAllocator allocator = new RootAllocator()) {
            List<VectorSchemaRoot> owned = new ArrayList<>();
            try {
                Dataset table = Histories.table(history, allocator, owned);
                // one offline join for every student at every time: the feature table is held once
                List<Map<String, Object>> entities = new ArrayList<>();
                for (int h : times) {
                    for (int i = 0; i <= STUDENTS.length; i++) {
                        entities.add(entity(entities.size(), i < STUDENTS.length ? STUDENTS[i] : "unknown", hour(h)));
                    }
                }
                List<Map<String, Object>> offline = Histories.rows(AsOfJoin.of(Histories.VIEW).join(
                        Histories.dataset("rows", Histories.ENTITY, entities, 64, allocator, owned), "as_of",
                        table, allocator));
                int next = 0;
                for (int h : times) {
                    Instant t = hour(h);
                    OnlineFeatures online = OnlineFeatures.of(Histories.VIEW, new InMemoryOnlineStore());
                    List<Map<String, Object>> known = history.stream()
                            .filter(r -> !((Instant) r.get("event_time")).isAfter(t)).toList();
                    int split = known.isEmpty() ? 0 : random.nextInt(known.size() + 1);
                    // two incremental materialisations in the table's order, as snapshots arrive
                    apply(online, known.subList(0, split), allocator, owned);
                    apply(online, known.subList(split, known.size()), allocator, owned);
                    for (int i = 0; i <= STUDENTS.length; i++) {
                        Map<String, Object> row = offline.get(next++);
                        assertEquals(t, row.get("as_of"));
                        Map<String, FeatureValue> served = online.lookup(List.of(row.get("student_id")), t);
                        for (String f : Histories.VIEW.featureNames()) {
                            String where = "student " + row.get("student_id") + " at " + t + ", feature " + f
                                    + ", history " + history;
                            assertEquals(row.get(f + AsOfJoin.STATUS_SUFFIX), served.get(f).status().name(), where);
                            assertEquals(row.get(f), served.get(f).value().orElse(null), where);
                        }
                    }
                }
            } finally {
                owned.forEach(VectorSchemaRoot::close);
            }
        }
    }

    private static void apply(OnlineFeatures online, List<Map<String, Object>> rows, BufferAllocator allocator,
                              List<VectorSchemaRoot> owned) {
        Dataset d = Histories.table(new ArrayList<>(rows), allocator, owned);
        try (BatchCursor cursor = d.open()) {
            online.apply(cursor);
        }
    }
}
