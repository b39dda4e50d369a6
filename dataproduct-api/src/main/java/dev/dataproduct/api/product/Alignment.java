package dev.dataproduct.api.product;

/** What a product is aligned to, from the data's origin to its use. */
public enum Alignment {
    /** Mirrors one source system's facts, close to how they happen (source-aligned). */
    SOURCE,
    /** Combines several products into a shared view (aggregate-aligned). */
    AGGREGATE,
    /** Shaped for one group of consumers and their use (consumer-aligned). */
    CONSUMER
}
