package dev.dataproduct.core.host;

import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.runtime.RunResult;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one slot of a product's schedule (or one new input snapshot).
 *
 * @param product the product
 * @param cause why it ran: its slot came, or an input had a new snapshot
 * @param slot the slot run (for an input trigger, when the new snapshot was seen)
 * @param foldedSlots earlier slots missed (the host was down, or the previous run overran) that
 *     this run stands for: they are caught up once, by this run, not once each
 * @param startedAt when the run started, or when the slot was skipped
 * @param endedAt when it ended
 * @param outcome committed, failed or skipped
 * @param result the run's result, when it committed
 * @param detail for a failure, the error's message; for a skip, why; else empty
 */
public record ScheduledRun(ProductAddress product, Cause cause, Instant slot, int foldedSlots, Instant startedAt,
                           Instant endedAt, Outcome outcome, Optional<RunResult> result, String detail) {

    /** Why a run started. */
    public enum Cause {
        /** a slot of the product's interval or cron schedule came */
        SLOT,
        /** an input the product watches had a new snapshot */
        INPUT_SNAPSHOT
    }

    /** What became of a slot. */
    public enum Outcome {
        /** the run committed a snapshot */
        COMMITTED,
        /** the run failed; the schedule goes on */
        FAILED,
        /** not run: a run of the product was in progress, in this process or another over the same store */
        SKIPPED
    }

    /** Validates the components. */
    public ScheduledRun {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(detail, "detail");
        if (foldedSlots < 0) {
            throw new IllegalArgumentException("foldedSlots must not be negative, got " + foldedSlots);
        }
    }
}
