package dev.dataproduct.api.product;

/** How a derived product is derived from others. */
public enum DerivedPattern {
    /** A view of another product with row and column policies applied at the interface. */
    RESTRICTED,
    /** A join of products on conformed keys. */
    COMPOSITE,
    /** Shared metric definitions over other products (a semantic layer). */
    METRIC,
    /** Machine learning features with as-of joins and freshness. */
    FEATURE
}
