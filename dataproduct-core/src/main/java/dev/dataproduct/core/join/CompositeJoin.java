package dev.dataproduct.core.join;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.join.Composite;
import dev.dataproduct.api.join.JoinReport;
import dev.dataproduct.api.join.JoinStep;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.quarantine.RejectSink;
import dev.dataproduct.api.transform.TransformSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The joins of a {@link Composite}, run one after the other: the first joins the first two inputs
 * (building on the smaller one), each next one joins the rows so far, streamed as its probe side,
 * with one more input, read whole as its build side.
 *
 * <pre>{@code
 * try (CompositeJoin joined = CompositeJoin.run(composite, inputs, "urn:...:v1", allocator, rejects)) {
 *     joined.rows().forEachBatch(out::accept);
 *     List<JoinReport> reports = joined.reports();
 * }
 * }</pre>
 */
public final class CompositeJoin implements AutoCloseable {
    private final List<JoinedRows> steps;

    private CompositeJoin(List<JoinedRows> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * Defines and runs every join of a composite, verifying each one's cardinality before any row
     * is output.
     *
     * @param composite the joins
     * @param inputs the datasets by input name; every input the composite names must be here
     * @param subject what the joins belong to, such as the product's address, named in errors
     * @param allocator the parent of each join's allocator
     * @param rejects where rows of duplicated keys go, for joins that quarantine them
     * @return the joined rows; close them to release the build sides
     * @throws dev.dataproduct.api.error.InvalidDefinitionException if an input is missing, lacks a
     *     key's field or has it with another type, or if column names collide
     * @throws JoinRefusedException if a join refuses a duplicated key
     * @throws JoinMemoryException if a build side does not fit its memory limit
     */
    public static CompositeJoin run(Composite composite, Map<String, ? extends Dataset> inputs, String subject,
                                    BufferAllocator allocator, RejectSink rejects) {
        Objects.requireNonNull(composite, "composite");
        List<JoinedRows> done = new ArrayList<>();
        try {
            Dataset left = input(inputs, composite.first(), subject);
            String leftName = composite.first();
            for (JoinStep step : composite.steps()) {
                Dataset right = input(inputs, step.input(), subject);
                HashJoin join = HashJoin.builder(left, right).names(leftName, step.input()).subject(subject)
                        .on(step.key()).cardinality(step.cardinality()).type(step.type())
                        .onDuplicate(step.onDuplicate()).collisions(step.collisions()).rejects(rejects)
                        // the rows joined so far are streamed: only the first join measures its sides
                        .buildSide(done.isEmpty() ? HashJoin.BuildSide.SMALLER : HashJoin.BuildSide.RIGHT)
                        .build();
                JoinedRows rows = join.run(allocator);
                done.add(rows);
                left = rows;
                leftName = leftName + " x " + step.input();
            }
            return new CompositeJoin(done);
        } catch (RuntimeException e) {
            for (int i = done.size() - 1; i >= 0; i--) {
                done.get(i).close();
            }
            throw e;
        }
    }

    /**
     * Checks the conformed keys of a product's composite transforms against the datasets its
     * product inputs read, as the upstream products declare them: each join's right input must hold
     * its key, and the first input or one joined before it too, with the key's types.
     *
     * @param product a product, whose composite transforms are checked
     * @param upstreams the upstream product at an address, if known
     * @return every problem, naming product, input, upstream dataset and field; empty if none
     */
    public static List<String> keyProblems(DataProduct product,
                                           Function<ProductAddress, Optional<DataProduct>> upstreams) {
        List<String> problems = new ArrayList<>();
        Map<String, ProductInput> byName = new LinkedHashMap<>();
        product.productInputs().forEach(in -> byName.put(in.name(), in));
        for (TransformSpec spec : product.transforms()) {
            if (!(spec.transform() instanceof Composite composite)) {
                continue;
            }
            List<String> joined = new ArrayList<>(List.of(composite.first()));
            for (JoinStep step : composite.steps()) {
                List<List<String>> left = new ArrayList<>();
                for (String name : joined) {
                    List<String> found = new ArrayList<>();
                    resolve(product, byName.get(name), step, upstreams, found);
                    left.add(found);
                }
                if (left.stream().noneMatch(List::isEmpty)) {
                    problems.addAll(left.get(0));
                }
                resolve(product, byName.get(step.input()), step, upstreams, problems);
                joined.add(step.input());
            }
        }
        return problems;
    }

    /** Resolves a step's key on the dataset an input reads, when the input reads a known product. */
    private static void resolve(DataProduct product, ProductInput input, JoinStep step,
                                Function<ProductAddress, Optional<DataProduct>> upstreams, List<String> problems) {
        if (input == null) {
            return;
        }
        upstreams.apply(input.product()).flatMap(up -> up.output(input.dataset())).ifPresent(d -> step.key()
                .resolve(d.schema(), product.address().urn() + ": input '" + input.name() + "' (dataset '"
                        + input.dataset() + "' of " + input.product().urn() + ")", problems));
    }

    private static Dataset input(Map<String, ? extends Dataset> inputs, String name, String subject) {
        Dataset d = inputs.get(name);
        if (d == null) {
            throw new dev.dataproduct.api.error.InvalidDefinitionException(subject, List.of("the composite joins input '"
                    + name + "', which the transform does not read; it reads " + inputs.keySet()));
        }
        return d;
    }

    /** @return the rows of the last join, which hold every input's columns */
    public Dataset rows() {
        return steps.get(steps.size() - 1);
    }

    /** @return the report of each join whose rows were read through, in the composite's order */
    public List<JoinReport> reports() {
        return steps.stream().map(JoinedRows::reportIfDone).flatMap(Optional::stream).toList();
    }

    @Override
    public void close() {
        for (int i = steps.size() - 1; i >= 0; i--) {
            steps.get(i).close();
        }
    }
}
