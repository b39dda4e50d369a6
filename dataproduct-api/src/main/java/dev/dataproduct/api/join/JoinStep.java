package dev.dataproduct.api.join;

import java.util.Objects;

/**
 * One join of a {@link Composite}: the rows built so far (the left side) joined with one more
 * input (the right side) on a conformed key.
 *
 * @param input the name of the input joined as the right side
 * @param key the conformed key both sides hold
 * @param cardinality the declared cardinality, verified before any row is output
 * @param type the join type
 * @param onDuplicate what a key duplicated on a side declared "one" does
 * @param collisions what a non-key column both sides have does
 */
public record JoinStep(String input, ConformedKey key, Cardinality cardinality, JoinType type,
                       OnDuplicateKey onDuplicate, Collisions collisions) {
    /** Validates the components. */
    public JoinStep {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(cardinality, "cardinality");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(onDuplicate, "onDuplicate");
        Objects.requireNonNull(collisions, "collisions");
    }
}
