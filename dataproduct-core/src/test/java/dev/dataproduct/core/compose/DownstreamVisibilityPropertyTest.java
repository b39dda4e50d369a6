package dev.dataproduct.core.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Audience;
import dev.dataproduct.api.access.Grant;
import dev.dataproduct.api.access.Policy;
import dev.dataproduct.api.access.Target;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunRefusedException;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/**
 * For generated upstream data and policies, a downstream product sees exactly what its principal
 * may read of the snapshot it pinned: the rows the policy's filter keeps, the columns it shows
 * (a classified column nulled unless unmasked), and nothing of the upstream's later snapshot; a
 * principal the policy grants nothing is refused before any work. (The core module cannot use the testkit, which
 * depends on it: the cases come from a seeded {@link SplittableRandom}, and a failure prints the
 * seed; rerun one with {@code -Dcompose.seed=<seed>}.)
 */
class DownstreamVisibilityPropertyTest {
    static final String[] REGIONS = {"EU", "US", "APAC"};
    static final List<String> OPTIONAL_COLUMNS = List.of("region", "amount", "email");

    /** One generated case: the upstream's two snapshots, its policy, and the expected view. */
    record Case(long seed, List<Map<String, Object>> pinned, List<Map<String, Object>> later, Policy policy,
                boolean granted, List<String> columns, boolean unmasked, Predicate<Map<String, Object>> rows,
                String description) {
    }

    static Case generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, Object>> pinned = rows(random, 0);
        List<Map<String, Object>> later = rows(random, 1000);
        List<String> columns = new ArrayList<>(List.of("id"));
        OPTIONAL_COLUMNS.stream().filter(c -> random.nextBoolean()).forEach(columns::add);
        String region = REGIONS[random.nextInt(REGIONS.length)];
        long threshold = random.nextLong(1000);
        Grant.Builder grant = Grant.to(Audience.role(random.nextInt(5) == 0 ? "marketing" : "analytics"))
                .columns(columns.toArray(String[]::new));
        // a classified column is nulled unless the grant unmasks it
        boolean unmasked = random.nextBoolean();
        if (unmasked) {
            grant.unmask(Target.field("email"));
        }
        Predicate<Map<String, Object>> rows;
        String filter;
        switch (random.nextInt(4)) {
            case 0 -> {
                rows = r -> true;
                filter = "all rows";
            }
            case 1 -> {
                grant.rows(Expr.col("region").eq(region));
                rows = r -> r.get("region").equals(region);
                filter = "region = " + region;
            }
            case 2 -> {
                grant.rows(Expr.col("amount").ge(threshold));
                rows = r -> (Long) r.get("amount") >= threshold;
                filter = "amount >= " + threshold;
            }
            default -> {
                grant.rows(Expr.allOf(Expr.col("region").eq(region), Expr.col("amount").lt(threshold)));
                rows = r -> r.get("region").equals(region) && (Long) r.get("amount") < threshold;
                filter = "region = " + region + " and amount < " + threshold;
            }
        }
        Grant built = grant.build();
        boolean granted = built.audience().equals(Audience.role("analytics"));
        Policy policy = Policy.forDataset("orders").grant(built).build();
        return new Case(seed, pinned, later, policy, granted, columns, unmasked, rows, pinned.size() + " rows, grant to "
                + built.audience() + " of " + columns + (unmasked ? ", email unmasked," : "") + " where " + filter);
    }

    static List<Map<String, Object>> rows(SplittableRandom random, long firstId) {
        List<Map<String, Object>> rows = new ArrayList<>();
        int n = random.nextInt(60);
        for (int i = 0; i < n; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", firstId + i);
            row.put("region", REGIONS[random.nextInt(REGIONS.length)]);
            row.put("amount", random.nextLong(1000));
            row.put("email", random.nextInt(4) == 0 ? null : "c" + (firstId + i) + "@example.com");
            rows.add(row);
        }
        return rows;
    }

    @Test
    void aDownstreamProductSeesExactlyWhatItsPrincipalMayReadOfThePinnedSnapshot() {
        long base = Long.getLong("compose.seed", 20261201L);
        int trials = Long.getLong("compose.seed") == null ? 25 : 1;
        for (int t = 0; t < trials; t++) {
            long seed = base + t;
            Case c = generate(seed);
            try {
                check(c);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " (" + c.description() + "), rerun with -Dcompose.seed="
                        + seed + ": " + e.getMessage(), e);
            }
        }
    }

    static void check(Case c) {
        try (BufferAllocator allocator = new RootAllocator();
             ProductRuntime runtime = ProductRuntime.builder().allocator(allocator).build()) {
            AtomicInteger runs = new AtomicInteger();
            DataProduct upstream = Orders.upstream("orders", () -> runs.getAndIncrement() == 0 ? c.pinned()
                    : c.later(), c.policy()).build();
            DatasetSpec.Builder seen = DatasetSpec.named("orders");
            Orders.SPEC.schema().fields().stream().filter(f -> c.columns().contains(f.name()))
                    .forEach(seen::field);
            DataProduct downstream = Orders.downstream("downstream", ProductInput.of(upstream.address()).dataset("orders")
                    .pinned("00000001"), seen.build()).principalRoles("analytics").build();
            runtime.run(upstream);
            runtime.run(upstream);
            UpstreamProducts upstreams = UpstreamProducts.readers(runtime.store(), allocator, List.of(upstream));

            if (!c.granted()) {
                assertThrows(RunRefusedException.class, () -> runtime.run(downstream, upstreams));
                assertTrue(runtime.store().current(downstream.address()).isEmpty());
                return;
            }
            runtime.run(downstream, upstreams);
            SnapshotManifest manifest = runtime.store().current(downstream.address()).orElseThrow();
            List<Map<String, Object>> expected = new ArrayList<>();
            for (Map<String, Object> row : c.pinned()) {
                if (c.rows().test(row)) {
                    Map<String, Object> visible = new LinkedHashMap<>();
                    c.columns().forEach(col -> visible.put(col, col.equals("email") && !c.unmasked() ? null
                            : row.get(col)));
                    expected.add(visible);
                }
            }
            assertEquals(expected, Orders.stored(runtime.store(), manifest, "orders", allocator));
            assertEquals("00000001", manifest.upstreamSnapshots().get(0).snapshotId());
        }
    }
}
