package dev.dataproduct.core.slo;

import dev.dataproduct.api.slo.Objective;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Where a product stands against one objective over its rolling window.
 *
 * <p>With {@code bad / events} the error rate and {@code 1 - target} the error budget:
 * {@code burnRate = errorRate / budget} (1 spends the budget exactly over the window) and
 * {@code budgetLeft = 1 - burnRate} (negative once overspent). A window without events has spent
 * nothing.
 *
 * @param objective the objective
 * @param at when the status was computed
 * @param events the measurements in the window
 * @param good those that were good
 * @param compliance the share of good measurements; 1 without any
 * @param budgetLeft the share of the error budget left, 1 to below 0
 * @param burnRate how fast the budget burns over the whole window
 * @param burnRateLastDay how fast it burned over the last 24 hours of the window
 * @param lastValue the latest value measured, if any
 * @param current the indicator now, if it can be told without a run: the current snapshot's age
 *     in seconds for freshness, the seconds since the last run for frequency; else the latest value
 */
public record ObjectiveStatus(Objective objective, Instant at, long events, long good, double compliance,
                              double budgetLeft, double burnRate, double burnRateLastDay, OptionalDouble lastValue,
                              OptionalDouble current) {
    /** Validates the components. */
    public ObjectiveStatus {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(lastValue, "lastValue");
        Objects.requireNonNull(current, "current");
    }

    /** @return whether the share of good measurements reaches the target */
    public boolean met() {
        return compliance >= objective.target();
    }
}
