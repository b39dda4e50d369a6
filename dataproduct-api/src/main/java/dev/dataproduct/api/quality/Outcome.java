package dev.dataproduct.api.quality;

/** The result of one check. */
public enum Outcome {
    /** The metric is in the pass zone. */
    PASS,
    /** The metric passes but is outside the warn zone. */
    WARN,
    /** The metric is outside the pass range. */
    FAIL
}
