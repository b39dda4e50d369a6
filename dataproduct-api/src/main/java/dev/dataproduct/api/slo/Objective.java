package dev.dataproduct.api.slo;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A service level objective: the share of good {@link Indicator} events a product promises over a
 * rolling window of days.
 *
 * <pre>{@code
 * DataProduct.builder("historical-purchases")
 *     .objective(Objective.freshness(Duration.ofHours(26)).target(0.95).window(28))
 *     .objective(Objective.completeness(0.99).on("purchases"))
 *     .objective(Objective.availability().on("rest").target(0.999));
 * }</pre>
 *
 * @param name the objective's name, unique within the product: lower-case letters, digits and
 *     {@code -}; the factories name it after the indicator and scope
 * @param indicator what is measured
 * @param scope the dataset (or, for availability, the port) it concerns; empty for the whole product.
 *     For freshness, {@code dataset.column} measures the age of the newest event time in that column
 *     at each run, as the product's freshness check on it computes it, instead of the time between
 *     commits
 * @param limit for freshness the largest age, for frequency the longest interval between runs, for
 *     retention the period snapshots are kept; empty for the other indicators
 * @param minShare for completeness, the share of rows in a run must publish, and for required
 *     values the share of required values that must be present, 0 to 1; 0 otherwise
 * @param target the share of events that must be good, above 0 and below 1 (a target of 1 leaves
 *     no error budget)
 * @param windowDays the rolling window, in days, at least 1
 */
public record Objective(String name, Indicator indicator, String scope, Optional<Duration> limit, double minShare,
                        double target, int windowDays) {
    /** The target the factories start with. */
    public static final double DEFAULT_TARGET = 0.99;
    /** The window the factories start with, in days. */
    public static final int DEFAULT_WINDOW_DAYS = 28;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** Validates the components. */
    public Objective {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(limit, "limit");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("objective name '" + name + "' must be lower-case letters, digits and "
                    + "'-'");
        }
        boolean timed = indicator == Indicator.FRESHNESS || indicator == Indicator.FREQUENCY
                || indicator == Indicator.RETENTION;
        if (timed && (limit.isEmpty() || limit.get().isNegative() || limit.get().isZero())) {
            throw new IllegalArgumentException("objective '" + name + "': " + indicator.label()
                    + " needs a positive duration");
        }
        if (!timed && limit.isPresent()) {
            throw new IllegalArgumentException("objective '" + name + "': " + indicator.label()
                    + " takes no duration");
        }
        if (!(minShare >= 0 && minShare <= 1)) {
            throw new IllegalArgumentException("objective '" + name + "': the share must be 0 to 1, not " + minShare);
        }
        if (!(target > 0 && target < 1)) {
            throw new IllegalArgumentException("objective '" + name + "': the target must be above 0 and below 1, not "
                    + target + " (0.99 asks that 99% of the events be good)");
        }
        if (windowDays < 1) {
            throw new IllegalArgumentException("objective '" + name + "': the window must be at least 1 day, not "
                    + windowDays);
        }
    }

    /**
     * @param maxAge the largest age the current snapshot may reach
     * @return an objective on the product's freshness, with the default target and window
     */
    public static Objective freshness(Duration maxAge) {
        return of(Indicator.FRESHNESS, Optional.of(Objects.requireNonNull(maxAge, "maxAge")), 0);
    }

    /**
     * @param minShare the share of the rows in that each run must publish, 0 to 1
     * @return an objective on completeness, with the default target and window
     */
    public static Objective completeness(double minShare) {
        return of(Indicator.COMPLETENESS, Optional.empty(), minShare);
    }

    /**
     * @param minShare the share of the required values of each run's rows in that must be present, 0 to 1
     * @return an objective on the completeness of values, with the default target and window
     */
    public static Objective requiredValues(double minShare) {
        return of(Indicator.REQUIRED_VALUES, Optional.empty(), minShare);
    }

    /** @return an objective on the share of successful reads, with the default target and window */
    public static Objective availability() {
        return of(Indicator.AVAILABILITY, Optional.empty(), 0);
    }

    /**
     * @param every the longest interval between two runs
     * @return an objective on runs happening on schedule, with the default target and window
     */
    public static Objective frequency(Duration every) {
        return of(Indicator.FREQUENCY, Optional.of(Objects.requireNonNull(every, "every")), 0);
    }

    /**
     * @param keep how long snapshots stay readable
     * @return an objective on retention, with the default target and window
     */
    public static Objective retention(Duration keep) {
        return of(Indicator.RETENTION, Optional.of(Objects.requireNonNull(keep, "keep")), 0);
    }

    private static Objective of(Indicator indicator, Optional<Duration> limit, double minShare) {
        return new Objective(indicator.label(), indicator, "", limit, minShare, DEFAULT_TARGET, DEFAULT_WINDOW_DAYS);
    }

    /**
     * @param value the share of events that must be good, above 0 and below 1
     * @return this objective with that target
     */
    public Objective target(double value) {
        return new Objective(name, indicator, scope, limit, minShare, value, windowDays);
    }

    /**
     * @param days the rolling window in days
     * @return this objective with that window
     */
    public Objective window(int days) {
        return new Objective(name, indicator, scope, limit, minShare, target, days);
    }

    /**
     * Narrows the objective to one dataset or, for availability, one port; the name follows unless
     * it was set with {@link #named(String)}.
     *
     * @param datasetOrPort the dataset or port name
     * @return this objective on that scope
     */
    public Objective on(String datasetOrPort) {
        Objects.requireNonNull(datasetOrPort, "datasetOrPort");
        boolean derivedName = name.equals(indicator.label()) || name.equals(indicator.label() + "-" + scope);
        String newName = derivedName ? indicator.label() + "-" + datasetOrPort.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9-]", "-") : name;
        return new Objective(newName, indicator, datasetOrPort, limit, minShare, target, windowDays);
    }

    /**
     * @param value the objective's name, unique within the product
     * @return this objective with that name
     */
    public Objective named(String value) {
        return new Objective(value, indicator, scope, limit, minShare, target, windowDays);
    }

    /** @return the share of events that may be bad: {@code 1 - target} */
    public double errorBudget() {
        return 1 - target;
    }
}
