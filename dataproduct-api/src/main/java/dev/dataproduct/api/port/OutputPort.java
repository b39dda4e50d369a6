package dev.dataproduct.api.port;

/**
 * A way the product's data is served or delivered: files, SQL, REST, a stream. The runtime opens
 * each output port before a run and hands it every snapshot it commits; a port never sees
 * uncommitted data.
 *
 * <pre>{@code
 * public final class LogRowCounts implements OutputPort {
 *     public PortDescriptor descriptor() { return new PortDescriptor("log", "log", "text", ""); }
 *     public void publish(CommittedSnapshot snapshot) {
 *         System.out.println(snapshot.info().rowCounts());
 *     }
 * }
 * }</pre>
 */
public interface OutputPort extends AutoCloseable {

    /** @return what the port is */
    PortDescriptor descriptor();

    /**
     * Prepares the port for a run. The default does nothing.
     *
     * @param context the allocator and clock of the run
     */
    default void open(OutputContext context) {
    }

    /**
     * Receives a committed snapshot. Called once per commit, after the commit is durable.
     *
     * @param snapshot the snapshot; its datasets can be read during the call
     * @throws dev.dataproduct.api.error.PortException if the port cannot deliver it
     */
    void publish(CommittedSnapshot snapshot);

    /** Releases what the port holds. The default does nothing. */
    @Override
    default void close() {
    }
}
