package dev.dataproduct.core.host;

/**
 * Told what became of each slot a host's scheduler handles: committed, failed or skipped. Called
 * on the thread that ran (or skipped) the slot; it must not throw, and what it throws is logged and
 * ignored, so the schedule goes on.
 */
@FunctionalInterface
public interface ScheduleListener {

    /** @param run what became of a slot */
    void ended(ScheduledRun run);

    /** @return a listener that does nothing */
    static ScheduleListener none() {
        return run -> { };
    }
}
