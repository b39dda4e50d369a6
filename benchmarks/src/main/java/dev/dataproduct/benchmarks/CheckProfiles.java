package dev.dataproduct.benchmarks;

import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Metric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

/** The sets of checks the benchmarks run over the orders of {@link OrdersGenerator}. */
public final class CheckProfiles {
    private static final List<String> NUMERIC = List.of("quantity", "price", "discount", "score");
    private static final List<String> ALL = OrdersGenerator.schema().fieldNames();

    private CheckProfiles() {
    }

    /**
     * The standard profile: 17 checks, one or more of every kind a product typically declares.
     *
     * @return the checks
     */
    public static List<Check> standard() {
        String[] categories = OrdersGenerator.CATEGORIES.toArray(String[]::new);
        return List.of(
                Check.rowCount().atLeast(1),
                Check.nulls("customer").percent().atMost(5),
                Check.completeness("discount").atLeast(0.9),
                Check.unique("id"),
                Check.pattern("sku", OrdersGenerator.SKU_PATTERN).percent().atMost(5),
                Check.range("quantity", 1, 1000).percent().atMost(2),
                Check.allowedValues("category", categories).percent().atMost(1),
                Check.min("price").atLeast(0),
                Check.max("price").atMost(1000),
                Check.mean("score").between(45, 55),
                Check.sum("quantity").greaterThan(0),
                Check.stddev("score").between(10, 20),
                Check.approxDistinct("customer").between(40_000, 60_000),
                Check.quantile("score", 0.5).between(45, 55),
                Check.quantile("price", 0.95).atMost(500),
                Check.freshness("created_at").within(Duration.ofDays(1)),
                Check.predicate(Expr.col("price").times(Expr.col("quantity")).lt(450_000.0)).percent().atMost(1));
    }

    /**
     * Generates a number of distinct checks, of every kind in turn (so any prefix is a mix):
     * ranges with other bounds, quantiles at other ranks, predicates with other constants,
     * allowed-value sets, patterns, lengths, statistics of each column, null counts, distinct
     * counts and duplicate keys.
     *
     * @param count how many checks
     * @return the checks, with distinct metrics and names
     */
    public static List<Check> generated(int count) {
        List<Iterator<Check>> families = new ArrayList<>();
        families.add(family(k -> Check.range("quantity", 1 + k % 200, 1000 - k / 200 * 7).percent().atMost(5)));
        families.add(family(k -> Check.quantile(NUMERIC.get(k % 4), (1 + (k / 4) % 99) / 100.0).recorded()));
        families.add(family(CheckProfiles::predicate));
        families.add(family(k -> k < 66 ? allowedWithout(k) : null));
        families.add(family(CheckProfiles::stat));
        families.add(family(CheckProfiles::pattern));
        families.add(family(k -> k < ALL.size() * 2
                ? (k % 2 == 0 ? Check.nulls(ALL.get(k / 2)).atMost(1e9) : Check.completeness(ALL.get(k / 2)).atLeast(0))
                : null));
        families.add(family(k -> k < 3 * 40 ? Check.length(List.of("customer", "sku", "category").get(k % 3),
                1 + (k / 3) % 8, 8 + (k / 3) / 8).atMost(1e9) : null));
        families.add(family(k -> k < ALL.size() ? Check.approxDistinct(ALL.get(k)).recorded() : null));
        families.add(family(CheckProfiles::duplicates));
        families.add(family(k -> k == 0 ? Check.freshness("created_at").within(Duration.ofDays(1))
                : k == 1 ? Check.rowCount().atLeast(1) : null));

        Set<Metric> seen = new LinkedHashSet<>();
        List<Check> out = new ArrayList<>(count);
        while (out.size() < count) {
            boolean any = false;
            for (Iterator<Check> f : families) {
                if (out.size() == count) {
                    break;
                }
                while (f.hasNext()) {
                    Check c = f.next();
                    if (seen.add(c.metric())) {
                        out.add(c.named(String.format("c%03d %s", out.size() + 1, c.name())));
                        any = true;
                        break;
                    }
                }
            }
            if (!any) {
                throw new IllegalArgumentException("cannot generate " + count + " distinct checks, only " + out.size());
            }
        }
        return List.copyOf(out);
    }

    /**
     * @param count 0 for the standard profile, otherwise the number of generated checks
     * @return the checks
     */
    public static List<Check> of(int count) {
        return count <= 0 ? standard() : generated(count);
    }

    private static Check predicate(int k) {
        switch (k % 4) {
            case 0:
                return Check.predicate(Expr.col("price").times(Expr.col("quantity")).lt(100_000.0 + 1000.0 * k))
                        .recorded();
            case 1:
                return Check.predicate(Expr.col("score").between(20.0 - k * 0.1, 80.0 + k * 0.1)).recorded();
            case 2:
                return Check.predicate(Expr.col("discount").isNull().or(Expr.col("discount").le(0.45 - k * 0.001)))
                        .recorded();
            default:
                return Check.predicate(Expr.col("flag").eq(true).or(Expr.col("quantity").gt((long) k))).recorded();
        }
    }

    private static Check allowedWithout(int k) {
        List<String> c = OrdersGenerator.CATEGORIES;
        int n = c.size();
        // the k-th pair (i, j) with i < j: every allowed set leaves out two categories
        int i = 0;
        int left = k;
        while (left >= n - 1 - i) {
            left -= n - 1 - i;
            i++;
        }
        int j = i + 1 + left;
        List<String> allowed = new ArrayList<>(c);
        allowed.remove(j);
        allowed.remove(i);
        return Check.allowedValues("category", allowed.toArray(String[]::new)).atMost(1e9);
    }

    private static Check stat(int k) {
        List<String> columns = List.of("id", "quantity", "price", "discount", "score");
        if (k >= 25) {
            return null;
        }
        String c = columns.get(k % 5);
        switch (k / 5) {
            case 0: return Check.min(c).recorded();
            case 1: return Check.max(c).recorded();
            case 2: return Check.mean(c).recorded();
            case 3: return Check.sum(c).recorded();
            default: return Check.stddev(c).recorded();
        }
    }

    private static Check pattern(int k) {
        if (k < 10) {
            return Check.pattern("sku", "SKU-[0-" + k + "]\\d{5}").atMost(1e9);
        }
        if (k < 20) {
            return Check.pattern("customer", "CUST-0[0-" + (k - 10) + "]\\d{4}").atMost(1e9);
        }
        return null;
    }

    private static Check duplicates(int k) {
        List<List<String>> keys = List.of(List.of("id"), List.of("customer"), List.of("sku"), List.of("category"),
                List.of("customer", "category"), List.of("quantity"));
        return k < keys.size() ? Check.duplicates(keys.get(k).toArray(String[]::new)).recorded() : null;
    }

    /** An endless (or null-terminated) family of candidate checks. */
    private static Iterator<Check> family(IntFunction<Check> make) {
        return new Iterator<>() {
            private int k;
            private Check next = make.apply(0);

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Check next() {
                Check c = next;
                k++;
                next = k < 100_000 ? make.apply(k) : null;
                return c;
            }
        };
    }
}
