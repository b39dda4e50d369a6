package dev.dataproduct.api.join;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.transform.BatchSink;
import dev.dataproduct.api.transform.Transform;
import dev.dataproduct.api.transform.TransformContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The transform of a composite product: two or more inputs joined on conformed keys, each join
 * with its cardinality and type declared. The runtime runs it as a hash join over Arrow
 * ({@link TransformContext#join(Composite)}), verifies each declared cardinality on the data before
 * any row is output, quarantines or refuses duplicated keys as declared, and records a
 * {@link JoinReport} per join in the run's result. The output dataset takes the joined columns it
 * declares, by name.
 *
 * <pre>{@code
 * static final ConformedKey STUDENT = ConformedKey.of("student", LogicalType.STRING);
 *
 * DataProduct insights = DataProduct.builder("attendance-insights")
 *     .kind(ProductKind.derived(DerivedPattern.COMPOSITE)) ...
 *     .input(attendance).input(students)                       // two ProductInputs
 *     .output(Dataset.named("attendance") ...)
 *     .transform(Composite.join(attendance)
 *         .with(students).on(STUDENT).cardinality(Cardinality.MANY_TO_ONE).type(JoinType.LEFT))
 *     .build();
 * }</pre>
 *
 * <p>Joins apply in order: the first joins the first input with the input of the first
 * {@code with}, each next one joins the rows so far with one more input. The key columns appear
 * once, under the first side's names; for a {@code FULL} join a row found only on the right side
 * carries the right side's key values there.
 *
 * @param first the name of the first (left-most) input
 * @param steps the joins, in order; at least one
 */
public record Composite(String first, List<JoinStep> steps) implements Transform {

    /** Validates and copies the components. */
    public Composite {
        Objects.requireNonNull(first, "first");
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a composite joins at least two inputs: add with(...)");
        }
    }

    /**
     * Starts a composite with its first (left-most) input.
     *
     * @param input the input's name
     * @return a start, to be joined {@link Start#with(String) with} another input
     */
    public static Start join(String input) {
        return new Start(Objects.requireNonNull(input, "input"), List.of());
    }

    /**
     * @param input the first input
     * @return a start, to be joined {@link Start#with(String) with} another input
     */
    public static Start join(ProductInput input) {
        return join(input.name());
    }

    /**
     * Joins the rows so far with one more input.
     *
     * @param input the input's name
     * @return the join, which needs its key next
     */
    public Keyless with(String input) {
        return new Keyless(first, steps, Objects.requireNonNull(input, "input"));
    }

    /**
     * @param input the input joined next
     * @return the join, which needs its key next
     */
    public Keyless with(ProductInput input) {
        return with(input.name());
    }

    /** @return the names of every input joined, in order */
    public Set<String> inputs() {
        Set<String> names = new LinkedHashSet<>();
        names.add(first);
        steps.forEach(s -> names.add(s.input()));
        return names;
    }

    /** Emits the joined rows, {@linkplain TransformContext#join(Composite) joined by the runtime}. */
    @Override
    public void apply(TransformContext context, BatchSink out) {
        Dataset joined = context.join(this);
        joined.forEachBatch(out::accept);
    }

    /**
     * The first input of a composite, waiting for the input it joins.
     *
     * @param first the first input's name
     * @param steps no join yet
     */
    public record Start(String first, List<JoinStep> steps) {
        /** Copies the components. */
        public Start {
            Objects.requireNonNull(first, "first");
            steps = List.copyOf(steps);
        }

        /**
         * @param input the name of the input joined to the first one
         * @return the join, which needs its key next
         */
        public Keyless with(String input) {
            return new Keyless(first, steps, Objects.requireNonNull(input, "input"));
        }

        /**
         * @param input the input joined to the first one
         * @return the join, which needs its key next
         */
        public Keyless with(ProductInput input) {
            return with(input.name());
        }
    }

    /**
     * A join that needs its key.
     *
     * @param first the first input's name
     * @param steps the joins before this one
     * @param input the input joined
     */
    public record Keyless(String first, List<JoinStep> steps, String input) {
        /**
         * @param key the conformed key both sides hold
         * @return the join, which needs its cardinality next
         */
        public Keyed on(ConformedKey key) {
            return new Keyed(this, Objects.requireNonNull(key, "key"));
        }
    }

    /**
     * A join that needs its declared cardinality.
     *
     * @param join the join so far
     * @param key its key
     */
    public record Keyed(Keyless join, ConformedKey key) {
        /**
         * @param value how many rows of each side share a key
         * @return the join, which needs its type next
         */
        public Declared cardinality(Cardinality value) {
            return new Declared(this, Objects.requireNonNull(value, "cardinality"), OnDuplicateKey.REFUSE,
                    Collisions.REFUSE);
        }
    }

    /**
     * A join with its key and cardinality, that needs its type. Until told otherwise a duplicated
     * key on a side declared "one" refuses the join, and a column name both sides have is refused.
     *
     * @param join the join so far
     * @param cardinality the declared cardinality
     * @param onDuplicate what a duplicated key does
     * @param collisions what a shared column name does
     */
    public record Declared(Keyed join, Cardinality cardinality, OnDuplicateKey onDuplicate, Collisions collisions) {
        /** @return this join, quarantining the rows of keys duplicated on a side declared "one" */
        public Declared quarantineDuplicates() {
            return new Declared(join, cardinality, OnDuplicateKey.QUARANTINE, collisions);
        }

        /** @return this join, outputting both columns of a shared name as {@code <input>_<column>} */
        public Declared qualifyCollisions() {
            return new Declared(join, cardinality, onDuplicate, Collisions.QUALIFY);
        }

        /**
         * @param value which rows the join keeps
         * @return the composite with this join added
         */
        public Composite type(JoinType value) {
            Keyless k = join.join();
            List<JoinStep> steps = new ArrayList<>(k.steps());
            steps.add(new JoinStep(k.input(), join.key(), cardinality, Objects.requireNonNull(value, "type"),
                    onDuplicate, collisions));
            return new Composite(k.first(), steps);
        }
    }
}
