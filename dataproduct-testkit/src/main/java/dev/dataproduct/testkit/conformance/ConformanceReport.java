package dev.dataproduct.testkit.conformance;

import java.util.List;

/**
 * The outcome of a port conformance check. Mismatches say which principal, which request, which
 * row and column differ, never the values (they may be classified).
 *
 * @param reads the reads compared
 * @param mismatches one line per read where the port differs from the read path
 */
public record ConformanceReport(int reads, List<String> mismatches) {

    /** Copies the mismatches. */
    public ConformanceReport {
        mismatches = List.copyOf(mismatches);
    }

    /** @return whether the port returned exactly what the read path returns, for every read */
    public boolean passed() {
        return mismatches.isEmpty();
    }

    /**
     * @throws AssertionError listing every mismatch, if there is one
     */
    public void assertPassed() {
        if (!passed()) {
            throw new AssertionError("the port differs from the read path in " + mismatches.size() + " of " + reads
                    + " reads:" + System.lineSeparator() + "  " + String.join(System.lineSeparator() + "  ", mismatches));
        }
    }
}
