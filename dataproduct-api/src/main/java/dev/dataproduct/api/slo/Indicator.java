package dev.dataproduct.api.slo;

import java.util.Locale;

/**
 * What a service level indicator measures. Each indicator turns runs (or reads) into events that
 * are good or bad; an {@link Objective} asks that a share of them be good over a rolling window.
 */
public enum Indicator {
    /**
     * The age a product's current snapshot reaches before the next one replaces it: at each commit,
     * good if the time since the previous commit is within the objective's limit (the first commit
     * is good). The current value is the age of the current snapshot. On {@code dataset.column}: at
     * each commit, good if the newest value of that event-time column (as the product's freshness
     * check on it measures it) is within the limit; the current value is that age now.
     */
    FRESHNESS,
    /**
     * The share of the rows in that a run published (rows published / rows in, so required values
     * missing count against it): good if it is at least the objective's share. A run with no rows
     * is good.
     */
    COMPLETENESS,
    /**
     * Completeness of values: the share of the required values of a run's rows in that are present
     * ({@code 1 - missing required values / (rows in x required fields)}, the missing ones being
     * those the contract gate quarantined as {@code required}): good if it is at least the
     * objective's share. A run with no rows, or a dataset with no required field, is good.
     */
    REQUIRED_VALUES,
    /**
     * The share of successful reads of a port, as the serving ports record them: each read is an
     * event, good if it succeeded.
     */
    AVAILABILITY,
    /**
     * Runs on schedule: at each run, committed or failed, good if it committed and started within
     * the objective's interval of the previous run's start (the first run is good only if it
     * committed).
     */
    FREQUENCY,
    /**
     * Snapshots kept as long as promised: at each commit, good if the store still holds the
     * product's snapshots back to the promised period (or back to the first snapshot, for a
     * product younger than that).
     */
    RETENTION;

    /** @return the lower-case name, words joined by {@code -}, used in names, documents and meter tags */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
