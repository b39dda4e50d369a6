package dev.dataproduct.api.product;

/** Where a product is in its life. */
public enum ProductStatus {
    /** Being designed; not for production use. */
    DRAFT,
    /** In production use. */
    ACTIVE,
    /** Still served, but consumers should move away. */
    DEPRECATED,
    /** No longer served. */
    RETIRED
}
