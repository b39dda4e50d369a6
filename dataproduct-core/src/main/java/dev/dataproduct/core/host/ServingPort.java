package dev.dataproduct.core.host;

import dev.dataproduct.api.port.PortDescriptor;

/**
 * A port that answers reads for as long as it runs (REST, SQL, Flight SQL), as opposed to a delivery
 * port, which receives each committed snapshot. A serving port gets every row it serves from the
 * read path of the {@link ProductHost} that starts it, as the principal of each request; it never
 * opens snapshot files itself.
 *
 * <p>The interface lives beside the read path in {@code core} because a serving port's whole job is
 * to call {@link dev.dataproduct.core.read.ProductReader}; a user-written serving port implements it
 * exactly as the built-in ones do.
 */
public interface ServingPort extends AutoCloseable {

    /**
     * @return the name, kind, format and location of the port (the location is known once started)
     */
    PortDescriptor descriptor();

    /**
     * Starts answering reads for the products of a host.
     *
     * @param host the host whose products and read paths to serve
     * @throws dev.dataproduct.api.error.PortException if the port cannot start (address in use, ...)
     */
    void start(ProductHost host);

    /** Stops answering, releasing threads and sockets; reads in flight end. Idempotent. */
    @Override
    void close();
}
