package dev.dataproduct.core.quality;

import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Outcome;
import java.util.List;
import java.util.Objects;

/**
 * The result of one check.
 *
 * @param check the check
 * @param value the value judged against the threshold: the metric's value, in percent of the rows
 *     for a {@link Check#percent() percent} check, or its movement for an anomaly check; NaN when
 *     undefined (NaN fails every threshold, except an anomaly check without enough history, which
 *     passes)
 * @param outcome pass, warn or fail
 * @param failingRows for row-level metrics ({@link dev.dataproduct.api.quality.Metric#isRowLevel()}),
 *     the number of failing rows; otherwise 0
 * @param firstFailingValues the first (at most 5) failing values as text, in row order;
 *     {@code <restricted>} for values of confidential or restricted fields
 * @param frequentFailingValues the (at most 5) most frequent failing values with their counts, from
 *     a heavy-hitters counter of bounded memory: a count may be lower than the true count, and with
 *     many distinct failing values an entry may be missing
 * @param failingRowPositions the first (at most 10) failing row positions, 0-based over the whole
 *     pass
 * @param message one readable sentence, such as
 *     {@code nullCount(customer_id) = 12 (0.4%), expected = 0: FAIL}
 * @param metricValue the metric itself, before it is turned into a percentage or, for an anomaly
 *     check, into its movement; what the metrics history records
 */
public record CheckResult(Check check, double value, Outcome outcome, long failingRows, List<String> firstFailingValues,
                          List<ValueCount> frequentFailingValues, List<Long> failingRowPositions, String message,
                          double metricValue) {

    /** Validates and copies the components. */
    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(outcome, "outcome");
        firstFailingValues = List.copyOf(firstFailingValues);
        frequentFailingValues = List.copyOf(frequentFailingValues);
        failingRowPositions = List.copyOf(failingRowPositions);
        Objects.requireNonNull(message, "message");
    }

    /** @return the check's name */
    public String name() {
        return check.name();
    }
}
