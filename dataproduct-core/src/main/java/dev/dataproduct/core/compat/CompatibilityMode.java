package dev.dataproduct.core.compat;

/**
 * Which direction of compatibility a new contract version must keep, in the terms schema
 * registries use.
 *
 * <ul>
 *   <li>{@link #BACKWARD}: the new version accepts all data and all consumers of the previous one.
 *       A change is breaking if data valid under the previous version can be invalid under the new
 *       one, or if it takes away something consumers were promised (an object, a property, a key,
 *       a server).</li>
 *   <li>{@link #FORWARD}: the previous version accepts all data and consumers of the new one;
 *       {@code FORWARD(previous, next)} classifies each change as {@code BACKWARD(next, previous)}
 *       classifies the opposite change, while the change is still described from the new
 *       version's point of view. Widening {@code int32} to {@code int64} is non-breaking
 *       {@code BACKWARD} and breaking {@code FORWARD}.</li>
 *   <li>{@link #FULL}: both; a change takes the more severe of its two classes.</li>
 * </ul>
 *
 * <p>The {@code _TRANSITIVE} modes check the new version against every earlier version of the
 * history, not only the latest.
 */
public enum CompatibilityMode {
    /** New accepts the data and consumers of the latest previous version. */
    BACKWARD,
    /** The latest previous version accepts the data and consumers of the new one. */
    FORWARD,
    /** Both {@link #BACKWARD} and {@link #FORWARD} against the latest previous version. */
    FULL,
    /** {@link #BACKWARD} against every earlier version. */
    BACKWARD_TRANSITIVE,
    /** {@link #FORWARD} against every earlier version. */
    FORWARD_TRANSITIVE,
    /** {@link #FULL} against every earlier version. */
    FULL_TRANSITIVE;

    /** @return whether the new version is checked against every earlier version, not only the latest */
    public boolean isTransitive() {
        return this == BACKWARD_TRANSITIVE || this == FORWARD_TRANSITIVE || this == FULL_TRANSITIVE;
    }

    /** @return the mode without its transitivity: {@code BACKWARD}, {@code FORWARD} or {@code FULL} */
    public CompatibilityMode direction() {
        switch (this) {
            case BACKWARD_TRANSITIVE: return BACKWARD;
            case FORWARD_TRANSITIVE: return FORWARD;
            case FULL_TRANSITIVE: return FULL;
            default: return this;
        }
    }
}
