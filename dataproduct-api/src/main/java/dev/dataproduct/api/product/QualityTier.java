package dev.dataproduct.api.product;

/** The quality a product promises, from raw to curated. */
public enum QualityTier {
    /** Raw, lightly checked data. */
    BRONZE,
    /** Cleaned, conformed and checked against its contract. */
    SILVER,
    /** Curated, business-ready data with the strictest checks and service levels. */
    GOLD
}
