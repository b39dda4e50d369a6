package dev.dataproduct.core.compat;

import java.util.Objects;

/**
 * One expectation of a consumer that a provider's contract does not meet.
 *
 * @param expectation what the consumer relies on, such as {@code field quantity as int64}
 * @param reason why the contract does not guarantee it
 */
public record UnmetExpectation(String expectation, String reason) {
    /** Validates the components. */
    public UnmetExpectation {
        Objects.requireNonNull(expectation, "expectation");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return expectation + ": " + reason;
    }
}
