package dev.dataproduct.api.product;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether a product is foundational (built from sources) or derived from other products, and if
 * derived, by which pattern.
 *
 * @param pattern the derivation pattern; empty for a foundational product
 */
public record ProductKind(Optional<DerivedPattern> pattern) {

    /** A foundational, source-built product. */
    public static final ProductKind FOUNDATIONAL = new ProductKind(Optional.empty());

    /** Validates the component. */
    public ProductKind {
        Objects.requireNonNull(pattern, "pattern");
    }

    /**
     * @param pattern how the product is derived
     * @return a derived kind
     */
    public static ProductKind derived(DerivedPattern pattern) {
        return new ProductKind(Optional.of(pattern));
    }

    /** @return whether the product is derived from other products */
    public boolean isDerived() {
        return pattern.isPresent();
    }

    @Override
    public String toString() {
        return pattern.map(p -> "derived (" + p.name().toLowerCase(java.util.Locale.ROOT) + ")").orElse("foundational");
    }
}
