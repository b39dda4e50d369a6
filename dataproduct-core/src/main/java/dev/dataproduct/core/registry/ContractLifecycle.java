package dev.dataproduct.core.registry;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a published contract version is in its life.
 *
 * @param state active, deprecated or retired
 * @param endDate the last day a deprecated version may be read; empty if none was set
 * @param successor the version consumers should move to; empty if none was named
 */
public record ContractLifecycle(State state, Optional<LocalDate> endDate, String successor) {

    /** The states of a contract version. */
    public enum State {
        /** Published and current. */
        ACTIVE,
        /** Still readable, with a warning, until its end date. */
        DEPRECATED,
        /** No longer readable. */
        RETIRED
    }

    /** An active version. */
    public static final ContractLifecycle ACTIVE = new ContractLifecycle(State.ACTIVE, Optional.empty(), "");

    /** Validates the components. */
    public ContractLifecycle {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(endDate, "endDate");
        Objects.requireNonNull(successor, "successor");
    }

    /**
     * @param today the current date
     * @return the state on that day: a deprecated version past its end date is retired
     */
    public State stateOn(LocalDate today) {
        if (state == State.DEPRECATED && endDate.isPresent() && today.isAfter(endDate.get())) {
            return State.RETIRED;
        }
        return state;
    }
}
