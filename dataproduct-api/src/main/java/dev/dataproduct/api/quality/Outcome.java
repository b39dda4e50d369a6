package dev.dataproduct.api.quality;

/** The result of one check. */
public enum Outcome {
    /** The metric is in the pass zone. */
    PASS,
    /** The metric passes but is outside the warn zone. */
    WARN,
    /** The metric is outside the pass range. */
    FAIL,
    /**
     * The metric could not be computed on every row (such as a pattern that backtracks without end
     * on some value); the result's message says why. It counts as a failure of the check's severity.
     */
    ERROR
}
