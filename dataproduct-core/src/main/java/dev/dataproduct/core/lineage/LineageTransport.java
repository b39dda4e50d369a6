package dev.dataproduct.core.lineage;

/**
 * Where OpenLineage events go: a file, an HTTP endpoint such as Marquez's
 * {@code /api/v1/lineage}, or a transport of the application's own.
 *
 * <p>A transport should not throw: lineage never fails a run. The {@link OpenLineageEmitter}
 * still catches and logs what a transport throws.
 */
public interface LineageTransport extends AutoCloseable {

    /**
     * Sends one event.
     *
     * @param event one OpenLineage {@code RunEvent} as compact JSON (no line breaks)
     */
    void send(String event);

    /** Releases what the transport holds. The default does nothing. */
    @Override
    default void close() {
    }
}
