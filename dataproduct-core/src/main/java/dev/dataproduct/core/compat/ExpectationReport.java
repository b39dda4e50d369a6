package dev.dataproduct.core.compat;

import dev.dataproduct.api.error.IncompatibleChangeException;
import java.util.List;
import java.util.Objects;

/**
 * The result of checking a consumer's expectations against a provider's contract.
 *
 * @param consumer the consumer
 * @param contractId the provider's contract id
 * @param contractVersion the provider's contract version
 * @param unmet every expectation the contract does not meet, with the reason
 */
public record ExpectationReport(String consumer, String contractId, String contractVersion,
                                List<UnmetExpectation> unmet) {
    /** Validates and copies the components. */
    public ExpectationReport {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(contractId, "contractId");
        Objects.requireNonNull(contractVersion, "contractVersion");
        unmet = List.copyOf(unmet);
    }

    /** @return whether the contract meets every expectation */
    public boolean isMet() {
        return unmet.isEmpty();
    }

    /**
     * For unit tests and builds: fails unless every expectation is met.
     *
     * @throws IncompatibleChangeException listing every unmet expectation with its reason
     */
    public void assertMet() {
        if (!isMet()) {
            StringBuilder sb = new StringBuilder("contract '" + contractId + "' version " + contractVersion + " does not meet "
                    + unmet.size() + " expectation" + (unmet.size() == 1 ? "" : "s") + " of " + consumer + ":");
            unmet.forEach(u -> sb.append(System.lineSeparator()).append("  - ").append(u));
            throw new IncompatibleChangeException(sb.toString());
        }
    }
}
