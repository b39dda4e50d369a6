package dev.dataproduct.core.compose;

import dev.dataproduct.api.product.ProductAddress;
import java.util.Objects;

/**
 * One edge of a mesh's interaction map: a product reading a dataset of another through one of its
 * inputs.
 *
 * @param consumer the product that reads
 * @param input the name of its input
 * @param upstream the product read
 * @param dataset the dataset read
 */
public record Interaction(ProductAddress consumer, String input, ProductAddress upstream, String dataset) {
    /** Validates the components. */
    public Interaction {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(dataset, "dataset");
    }

    @Override
    public String toString() {
        return consumer.urn() + " reads " + upstream.urn() + " dataset '" + dataset + "' (input '" + input + "')";
    }
}
