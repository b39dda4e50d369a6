package dev.dataproduct.api.port;

import dev.dataproduct.api.access.Principal;

/**
 * A delivery port: it receives each snapshot the runtime commits and writes it out (files, a
 * warehouse table, a topic) for one audience. The port names the {@link #audience() principal it
 * delivers for}, and the snapshot it is handed holds only what that principal may read: the
 * runtime reads every dataset through the product's read path as the audience, with the product's
 * access policy applied (datasets it may not read left out, rows filtered, columns hidden or
 * masked). A delivery port never sees unfiltered rows, so what it writes is what its audience may
 * read.
 *
 * <pre>{@code
 * public final class LogRowCounts implements OutputPort {
 *     public PortDescriptor descriptor() { return new PortDescriptor("log", "log", "text", ""); }
 *     public Principal audience() { return Principal.of("ops-log", "operator"); }
 *     public void publish(CommittedSnapshot snapshot) {
 *         for (String name : snapshot.datasetNames()) {
 *             System.out.println(name + ": " + snapshot.dataset(name).countRows());
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Declare a port with {@code DataProduct.Builder.serve(...)}, or with
 * {@code serveRequired(...)} when its failure must fail the run. A port that fails is reported in
 * the run's result and can be given the committed snapshot again later; the commit itself is never
 * undone by a port.
 */
public interface OutputPort extends AutoCloseable {

    /**
     * The audience of a port that names none: a principal with no roles and no attributes, which
     * reads only what a policy grants to everyone (deny by default).
     */
    Principal ANONYMOUS = Principal.of("anonymous");

    /** @return what the port is */
    PortDescriptor descriptor();

    /**
     * Who the port delivers for. Every dataset it is handed is read as this principal; a role is
     * delivered for with a principal that holds it, such as {@code Principal.of("finance-files",
     * "analyst")}. The default, {@link #ANONYMOUS}, is delivered only what a policy grants to
     * everyone.
     *
     * @return the audience
     */
    default Principal audience() {
        return ANONYMOUS;
    }

    /**
     * Prepares the port for a run. The default does nothing.
     *
     * @param context the allocator and clock of the run
     */
    default void open(OutputContext context) {
    }

    /**
     * Receives a committed snapshot as the audience may read it. Called once per commit, after the
     * commit is durable, and again for a committed snapshot when it is redelivered.
     *
     * @param snapshot the snapshot as the audience sees it; its datasets can be read during the
     *     call only
     * @throws dev.dataproduct.api.error.PortException if the port cannot deliver it
     */
    void publish(CommittedSnapshot snapshot);

    /** Releases what the port holds. The default does nothing. */
    @Override
    default void close() {
    }
}
