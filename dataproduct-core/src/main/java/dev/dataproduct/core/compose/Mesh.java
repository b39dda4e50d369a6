package dev.dataproduct.core.compose;

import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.core.join.CompositeJoin;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.runtime.RunRefusedException;
import dev.dataproduct.core.runtime.RunResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of products whose inputs are each other, checked as a whole when it is built and run in
 * dependency order.
 *
 * {@snippet :
 * Mesh mesh = Mesh.of(List.of(customerValue, purchases));   // any order
 * mesh.order();            // purchases, then customer-value
 * System.out.print(mesh.interactionMap());
 * List<MeshOutcome> outcomes = mesh.run(runtime, UpstreamProducts.readers(runtime.store(), allocator, mesh.products()));
 * }
 *
 * <p>Building a mesh refuses, listing every problem at once: two products at one address; a
 * product input reading a product the mesh does not hold, or a dataset that product does not have;
 * a product input whose consumer expectations the upstream's contract does not meet; a join of a
 * composite transform on a conformed key that a side's upstream dataset lacks, or holds with
 * another type ({@link CompositeJoin#keyProblems}); a cycle of
 * products reading each other (named product by product); and a promise a product's inputs cannot
 * support (see {@link #checkGuarantees}: freshness, availability, support tier, quality tier).
 *
 * <p>A run runs the products in dependency order: a product after every product it reads (and a
 * restricted product after its source), independent products in the order they were given. A
 * product whose input did not commit is not run, keeps its previous snapshot, and says why
 * ({@link MeshOutcome.Status#SKIPPED}, "input 'x' failed: ...").
 */
public final class Mesh {
    private static final Logger LOG = LoggerFactory.getLogger(Mesh.class);

    private final List<DataProduct> given;
    private final List<DataProduct> order;
    private final List<Interaction> interactions;
    private final Map<ProductAddress, DataProduct> byAddress;

    private Mesh(List<DataProduct> given, List<DataProduct> order, List<Interaction> interactions) {
        this.given = List.copyOf(given);
        this.order = List.copyOf(order);
        this.interactions = List.copyOf(interactions);
        Map<ProductAddress, DataProduct> map = new LinkedHashMap<>();
        given.forEach(p -> map.put(p.address(), p));
        this.byAddress = map;
    }

    /**
     * Checks a set of products as a mesh.
     *
     * @param products the products, in any order; their order breaks ties between independent products
     * @return the mesh
     * @throws InvalidDefinitionException listing every problem of the mesh
     */
    public static Mesh of(Collection<DataProduct> products) {
        List<DataProduct> list = List.copyOf(products);
        List<String> problems = new ArrayList<>();
        Map<ProductAddress, DataProduct> byAddress = new LinkedHashMap<>();
        for (DataProduct p : list) {
            if (byAddress.putIfAbsent(p.address(), p) != null) {
                problems.add("two products have the address " + p.address().urn()
                        + "; give each product its own domain, name or major version");
            }
        }
        List<Interaction> interactions = new ArrayList<>();
        for (DataProduct p : list) {
            for (ProductInput in : p.productInputs()) {
                interactions.add(new Interaction(p.address(), in.name(), in.product(), in.dataset()));
                DataProduct up = byAddress.get(in.product());
                String where = p.address().urn() + ": input '" + in.name() + "' reads " + in.product().urn();
                if (up == null) {
                    problems.add(where + ", which the mesh does not hold; add that product to the mesh");
                } else if (up.output(in.dataset()).isEmpty()) {
                    problems.add(where + ", which has no dataset '" + in.dataset() + "'; its datasets are "
                            + up.outputs().stream().map(DatasetSpec::name).toList());
                } else {
                    ProductInputs.unmetExpectations(in, up).forEach(u -> problems.add(p.address().urn() + ": " + u));
                }
            }
            problems.addAll(CompositeJoin.keyProblems(p, a -> Optional.ofNullable(byAddress.get(a))));
        }
        List<DataProduct> order = List.of();
        Optional<List<ProductAddress>> cycle = cycle(list, byAddress);
        if (cycle.isPresent()) {
            problems.add("products read each other in a cycle, so none of them can run first: "
                    + String.join(" reads ", cycle.get().stream().map(ProductAddress::urn).toList())
                    + "; break the cycle by removing one of these inputs");
        } else {
            order = order(list, byAddress);
        }
        problems.addAll(checkGuarantees(list, byAddress));
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException("mesh of " + list.size() + " products", problems);
        }
        return new Mesh(list, order, interactions);
    }

    /**
     * The rule "a product cannot promise more than its inputs give it": see {@link Guarantees}.
     */
    private static List<String> checkGuarantees(List<DataProduct> products, Map<ProductAddress, DataProduct> byAddress) {
        Guarantees rule = new Guarantees(a -> Optional.ofNullable(byAddress.get(a)));
        List<String> problems = new ArrayList<>();
        products.forEach(p -> problems.addAll(rule.problems(p)));
        return problems;
    }

    /** The products of the mesh a product depends on: those its inputs read, and a view's source. */
    private static Set<ProductAddress> dependencies(DataProduct p, Map<ProductAddress, DataProduct> byAddress) {
        Set<ProductAddress> deps = new LinkedHashSet<>();
        p.restrictedSource().map(DataProduct::address).filter(byAddress::containsKey).ifPresent(deps::add);
        p.productInputs().stream().map(ProductInput::product).filter(byAddress::containsKey).forEach(deps::add);
        return deps;
    }

    /** The first cycle found, as the products in reading order with the first repeated at the end. */
    private static Optional<List<ProductAddress>> cycle(List<DataProduct> products,
                                                        Map<ProductAddress, DataProduct> byAddress) {
        Map<ProductAddress, Integer> state = new HashMap<>(); // 1 on the path, 2 done
        for (DataProduct p : products) {
            List<ProductAddress> path = new ArrayList<>();
            Optional<List<ProductAddress>> found = visit(p.address(), byAddress, state, path);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<ProductAddress>> visit(ProductAddress at, Map<ProductAddress, DataProduct> byAddress,
                                                        Map<ProductAddress, Integer> state, List<ProductAddress> path) {
        Integer s = state.get(at);
        if (s != null && s == 2) {
            return Optional.empty();
        }
        if (s != null) {
            List<ProductAddress> cycle = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
            cycle.add(at);
            return Optional.of(cycle);
        }
        state.put(at, 1);
        path.add(at);
        for (ProductAddress d : dependencies(byAddress.get(at), byAddress)) {
            Optional<List<ProductAddress>> found = visit(d, byAddress, state, path);
            if (found.isPresent()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        state.put(at, 2);
        return Optional.empty();
    }

    /** Kahn's order: each product after its dependencies, ready products in the order given. */
    private static List<DataProduct> order(List<DataProduct> products, Map<ProductAddress, DataProduct> byAddress) {
        Map<ProductAddress, Integer> index = new HashMap<>();
        for (int i = 0; i < products.size(); i++) {
            index.putIfAbsent(products.get(i).address(), i);
        }
        Map<ProductAddress, Set<ProductAddress>> waiting = new LinkedHashMap<>();
        byAddress.values().forEach(p -> waiting.put(p.address(), new LinkedHashSet<>(dependencies(p, byAddress))));
        TreeSet<Integer> ready = new TreeSet<>();
        waiting.forEach((a, deps) -> {
            if (deps.isEmpty()) {
                ready.add(index.get(a));
            }
        });
        List<DataProduct> out = new ArrayList<>();
        while (!ready.isEmpty()) {
            DataProduct next = products.get(ready.pollFirst());
            out.add(next);
            waiting.remove(next.address());
            waiting.forEach((a, deps) -> {
                if (deps.remove(next.address()) && deps.isEmpty()) {
                    ready.add(index.get(a));
                }
            });
        }
        return out;
    }

    /** @return the products, in the order given */
    public List<DataProduct> products() {
        return given;
    }

    /** @return the products in the order they run: each after every product it reads */
    public List<DataProduct> order() {
        return order;
    }

    /**
     * @param address a product address
     * @return the product of the mesh at that address
     */
    public Optional<DataProduct> product(ProductAddress address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    /** @return which product reads which, one edge per product input, in the order given */
    public List<Interaction> interactions() {
        return interactions;
    }

    /**
     * The interaction map as text, for people: the run order, then for each product what it reads
     * and who reads it.
     *
     * @return the map, one line per fact
     */
    public String interactionMap() {
        StringBuilder sb = new StringBuilder("run order:");
        for (int i = 0; i < order.size(); i++) {
            sb.append(i == 0 ? " " : " -> ").append(order.get(i).metadata().name());
        }
        sb.append(System.lineSeparator());
        for (DataProduct p : order) {
            sb.append(p.address().urn());
            p.restrictedSource().ifPresent(s -> sb.append(" (a view of ").append(s.address().urn()).append(")"));
            sb.append(System.lineSeparator());
            for (Interaction i : interactions) {
                if (i.consumer().equals(p.address())) {
                    sb.append("  reads ").append(i.upstream().urn()).append(" dataset '").append(i.dataset())
                            .append("' as input '").append(i.input()).append("'").append(System.lineSeparator());
                }
            }
            for (Interaction i : interactions) {
                if (i.upstream().equals(p.address())) {
                    sb.append("  read by ").append(i.consumer().urn()).append(" (dataset '").append(i.dataset())
                            .append("')").append(System.lineSeparator());
                }
            }
        }
        return sb.toString();
    }

    /**
     * Runs every product in dependency order. A restricted product is not run (it is a view); a
     * product whose input (or, for a view, source) did not commit is skipped and keeps its previous
     * snapshot; a refused or failed run is reported and the mesh goes on with the products that do
     * not read it.
     *
     * @param runtime the runtime that runs the products
     * @param upstreams the read paths product inputs read through, normally of every product of the mesh
     * @return one outcome per product, in run order
     */
    public List<MeshOutcome> run(ProductRuntime runtime, UpstreamProducts upstreams) {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(upstreams, "upstreams");
        return run(p -> runtime.run(p, upstreams));
    }

    /**
     * Runs every product in dependency order as {@link #run(ProductRuntime, UpstreamProducts)} does,
     * each through the given runner (a host passes its own, which holds the product's run lock).
     *
     * @param runner runs one product and returns its result, or throws {@link RunRefusedException}
     * @return one outcome per product, in run order
     */
    public List<MeshOutcome> run(java.util.function.Function<DataProduct, RunResult> runner) {
        Objects.requireNonNull(runner, "runner");
        Map<ProductAddress, MeshOutcome> outcomes = new LinkedHashMap<>();
        for (DataProduct p : order) {
            List<String> skipped = new ArrayList<>();
            p.restrictedSource().map(s -> outcomes.get(s.address())).filter(o -> !o.status().usable())
                    .ifPresent(o -> skipped.add("source " + o.product().urn() + " " + describe(o)));
            for (ProductInput in : p.productInputs()) {
                MeshOutcome o = outcomes.get(in.product());
                if (o != null && !o.status().usable()) {
                    skipped.add("input '" + in.name() + "' failed: " + o.product().urn() + " " + describe(o));
                }
            }
            MeshOutcome outcome;
            if (!skipped.isEmpty()) {
                outcome = new MeshOutcome(p.address(), MeshOutcome.Status.SKIPPED, Optional.empty(), skipped);
            } else if (p.restrictedSource().isPresent()) {
                outcome = new MeshOutcome(p.address(), MeshOutcome.Status.VIEW, Optional.empty(), List.of());
            } else {
                outcome = runOne(runner, p);
            }
            if (!outcome.status().usable()) {
                LOG.warn("{}", outcome);
            }
            outcomes.put(p.address(), outcome);
        }
        return List.copyOf(outcomes.values());
    }

    private static MeshOutcome runOne(java.util.function.Function<DataProduct, RunResult> runner, DataProduct p) {
        try {
            RunResult result = runner.apply(p);
            return new MeshOutcome(p.address(), MeshOutcome.Status.COMMITTED, Optional.of(result), List.of());
        } catch (RunRefusedException e) {
            return new MeshOutcome(p.address(), MeshOutcome.Status.REFUSED, Optional.empty(), e.reasons());
        } catch (RuntimeException e) {
            // one product's failure must not stop the products that do not read it
            return new MeshOutcome(p.address(), MeshOutcome.Status.FAILED, Optional.empty(),
                    List.of(String.valueOf(e.getMessage())));
        }
    }

    private static String describe(MeshOutcome o) {
        String what = switch (o.status()) {
            case FAILED -> "failed";
            case REFUSED -> "was refused";
            default -> "was skipped";
        };
        return what + (o.reasons().isEmpty() ? "" : ": " + String.join("; ", o.reasons()));
    }

    @Override
    public String toString() {
        return "Mesh" + order.stream().map(p -> p.address().urn()).toList();
    }
}
