package dev.dataproduct.core.runtime;

/**
 * Follows the runs of a {@link ProductRuntime}: lineage emitters, service level trackers and meters
 * hook in here. Register one with {@link ProductRuntime.Builder#observer(RunObserver)}.
 *
 * <p>Each run calls {@link #started} then {@link #completed} or {@link #failed}; a run refused
 * before any work (an incompatible or retired contract) calls only {@link #aborted}. The runtime
 * calls observers on the thread of the run, in registration order; an observer that throws is
 * logged and skipped, never failing the run or the observers after it.
 */
public interface RunObserver {

    /**
     * The run passed its checks and starts its work.
     *
     * @param run the run's id, product and start
     */
    default void started(RunStart run) {
    }

    /**
     * The run committed its snapshot.
     *
     * @param run the run's id, product and start
     * @param result what happened
     */
    default void completed(RunStart run, RunResult result) {
    }

    /**
     * The run failed after it started; nothing was committed.
     *
     * @param run the run's id, product and start
     * @param error why
     */
    default void failed(RunStart run, RuntimeException error) {
    }

    /**
     * The run was refused before any work, such as for a contract that breaks its predecessor.
     *
     * @param run the run's id, product and start
     * @param error why
     */
    default void aborted(RunStart run, RuntimeException error) {
    }
}
