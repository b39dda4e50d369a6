package dev.dataproduct.core.compose;

import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.product.QualityTier;
import dev.dataproduct.api.slo.Indicator;
import dev.dataproduct.api.slo.Objective;
import dev.dataproduct.core.slo.Objectives;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.function.Function;

/**
 * The rule that a product cannot promise more than the products it reads give it, checked when a
 * mesh is built. The service levels compared are each product's objectives, declared and promised
 * by its contract's SLA properties. For each product input reading dataset {@code d} of an
 * upstream {@code U}, these must hold:
 *
 * <ul>
 *   <li><b>freshness</b>: the product's tightest freshness objective (any scope) must be at least
 *       {@code U}'s support for {@code d}: the tightest freshness objective of {@code U} on the
 *       whole product, on {@code d} or on a column of {@code d}; without one, the tightest
 *       frequency objective of {@code U} (a product refreshed daily holds data up to a day old);
 *       without either, {@code U} supports no freshness promise;
 *   <li><b>availability</b>: the product's highest availability target must be at most the
 *       highest availability target of {@code U}; without one, {@code U} supports none;
 *   <li><b>support tier</b>: the product's tier must be no better (no lower number) than
 *       {@code U}'s;
 *   <li><b>quality tier</b>: the product's tier must be no higher than {@code U}'s, unless the
 *       product declares its own blocking checks as the reason
 *       ({@link DataProduct.Builder#qualityEarnedBy(String...)}).
 * </ul>
 *
 * <p>A promise that breaks the rule is reported with the chain that limits it: the product, the
 * upstream, and on up through each upstream of that one that is too weak as well.
 */
final class Guarantees {
    private final Function<ProductAddress, Optional<DataProduct>> products;

    Guarantees(Function<ProductAddress, Optional<DataProduct>> products) {
        this.products = products;
    }

    /**
     * @param product a product
     * @return every promise of the product that its inputs cannot support, with the limiting chain
     */
    List<String> problems(DataProduct product) {
        List<String> problems = new ArrayList<>();
        tightestFreshness(product).ifPresent(promise -> check(product, "freshness within " + promise,
                (up, in) -> freshnessSupport(up, in.dataset()).map(s -> s.compareTo(promise) <= 0).orElse(false),
                (up, in) -> freshnessSupport(up, in.dataset()).map(s -> "data up to " + s + " old, by "
                        + freshnessSource(up, in.dataset())).orElse("no freshness or frequency objective"),
                "", problems));
        highestAvailability(product).ifPresent(promise -> check(product, "availability target " + promise,
                (up, in) -> highestAvailability(up).map(s -> s >= promise).orElse(false),
                (up, in) -> highestAvailability(up).map(s -> "availability target " + s)
                        .orElse("no availability objective"), "", problems));
        int support = product.metadata().supportTier().level();
        check(product, "support tier " + support, (up, in) -> up.metadata().supportTier().level() <= support,
                (up, in) -> "support tier " + up.metadata().supportTier().level(), "", problems);
        if (product.qualityEarnedBy().isEmpty()) {
            QualityTier tier = product.metadata().qualityTier();
            check(product, "quality tier " + tier, (up, in) -> up.metadata().qualityTier().compareTo(tier) >= 0,
                    (up, in) -> "quality tier " + up.metadata().qualityTier(), "; or name the product's own "
                            + "blocking checks that earn the tier with qualityEarnedBy(...)", problems);
        }
        return problems;
    }

    /**
     * Reports each input whose upstream does not support a promise, with the chain of upstreams
     * above it that do not support it either, up to the first one that does or has no inputs.
     */
    private void check(DataProduct product, String promise, BiPredicate<DataProduct, ProductInput> supports,
                       BiFunction<DataProduct, ProductInput, String> describe, String advice, List<String> problems) {
        for (ProductInput in : product.productInputs()) {
            Optional<DataProduct> up = products.apply(in.product());
            if (up.isEmpty() || supports.test(up.get(), in)) {
                continue;
            }
            StringBuilder chain = new StringBuilder(product.address().urn() + " (" + promise + ")");
            Set<ProductAddress> seen = new HashSet<>(List.of(product.address()));
            DataProduct at = up.get();
            ProductInput via = in;
            while (at != null && seen.add(at.address())) {
                chain.append(" <- input '").append(via.name()).append("' <- ").append(at.address().urn()).append(" (")
                        .append(describe.apply(at, via)).append(")");
                DataProduct next = null;
                for (ProductInput i : at.productInputs()) {
                    Optional<DataProduct> u = products.apply(i.product());
                    if (u.isPresent() && !supports.test(u.get(), i)) {
                        next = u.get();
                        via = i;
                        break;
                    }
                }
                at = next;
            }
            problems.add(product.address().urn() + " promises " + promise + ", which its input '" + in.name()
                    + "' cannot support; the chain that limits it: " + chain + advice);
        }
    }

    /** The tightest freshness any objective of the product promises. */
    private static Optional<Duration> tightestFreshness(DataProduct product) {
        return limits(product, Indicator.FRESHNESS, o -> true).stream().min(Duration::compareTo);
    }

    /** What an upstream promises about the age of a dataset's data; see the class comment. */
    private static Optional<Duration> freshnessSupport(DataProduct upstream, String dataset) {
        Optional<Duration> fresh = limits(upstream, Indicator.FRESHNESS, o -> covers(o, dataset)).stream()
                .min(Duration::compareTo);
        return fresh.isPresent() ? fresh : limits(upstream, Indicator.FREQUENCY, o -> true).stream()
                .min(Duration::compareTo);
    }

    private static String freshnessSource(DataProduct upstream, String dataset) {
        Optional<Objective> fresh = Objectives.of(upstream).stream()
                .filter(o -> o.indicator() == Indicator.FRESHNESS && covers(o, dataset))
                .min(java.util.Comparator.comparing(o -> o.limit().orElseThrow()));
        Objective o = fresh.orElseGet(() -> Objectives.of(upstream).stream()
                .filter(x -> x.indicator() == Indicator.FREQUENCY)
                .min(java.util.Comparator.comparing(x -> x.limit().orElseThrow())).orElseThrow());
        return o.indicator().label() + " objective '" + o.name() + "'";
    }

    /** Whether an objective speaks for a dataset: it is on the whole product, the dataset or a column of it. */
    private static boolean covers(Objective o, String dataset) {
        return o.scope().isEmpty() || o.scope().equals(dataset) || o.scope().startsWith(dataset + ".");
    }

    private static List<Duration> limits(DataProduct product, Indicator indicator, Predicate<Objective> which) {
        return Objectives.of(product).stream().filter(o -> o.indicator() == indicator && which.test(o))
                .map(o -> o.limit().orElseThrow()).toList();
    }

    private static Optional<Double> highestAvailability(DataProduct product) {
        return Objectives.of(product).stream().filter(o -> o.indicator() == Indicator.AVAILABILITY)
                .map(Objective::target).max(Double::compare);
    }
}
