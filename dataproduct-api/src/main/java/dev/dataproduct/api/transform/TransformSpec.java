package dev.dataproduct.api.transform;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which output a transform builds and which inputs it reads. A product has one transform per
 * output dataset; every input must be read by at least one of them.
 *
 * <pre>{@code
 * TransformSpec spec = TransformSpec.to("purchases").reading("orders").with((ctx, out) -> { ... });
 * }</pre>
 *
 * @param output the name of the output dataset built
 * @param inputs the names of the inputs read; empty means every input of the product
 * @param transform the user code
 */
public record TransformSpec(String output, Set<String> inputs, Transform transform) {
    /** Validates and copies the components. */
    public TransformSpec {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(transform, "transform");
        inputs = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(inputs));
    }

    /**
     * @param output the output dataset the transform builds
     * @return a builder
     */
    public static Builder to(String output) {
        return new Builder(output);
    }

    /** Builds a {@link TransformSpec}. */
    public static final class Builder {
        private final String output;
        private final Set<String> inputs = new LinkedHashSet<>();

        private Builder(String output) {
            this.output = Objects.requireNonNull(output, "output");
        }

        /**
         * @param inputNames the inputs the transform reads
         * @return this builder
         */
        public Builder reading(String... inputNames) {
            inputs.addAll(List.of(inputNames));
            return this;
        }

        /**
         * @param transform the user code
         * @return the spec
         */
        public TransformSpec with(Transform transform) {
            return new TransformSpec(output, inputs, transform);
        }

        /**
         * @param function returns the output dataset
         * @return the spec
         */
        public TransformSpec returning(java.util.function.Function<TransformContext, dev.dataproduct.api.data.Dataset> function) {
            return new TransformSpec(output, inputs, Transform.of(function));
        }
    }
}
