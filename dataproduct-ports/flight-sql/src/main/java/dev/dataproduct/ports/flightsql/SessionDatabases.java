package dev.dataproduct.ports.flightsql;

import dev.dataproduct.api.access.Principal;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a Flight SQL session's statements run: a private database per session that holds only what
 * the session's principal may read. This is the seam between the Flight SQL port and the SQL module,
 * whose {@code connect(principal)} is exactly such a method: the port adds the network, the
 * authentication and the session bookkeeping, the databases add the data and the policy.
 *
 * <p>The port opens one connection per authenticated session, uses it from one thread at a time,
 * and closes it when the session ends (the client closes it, it idles out, or the port stops). The
 * connection must hold nothing the principal may not read, and should be locked against reaching
 * outside itself (files, extensions, attaching other databases): every statement the client sends
 * runs on it as it is.
 *
 * {@snippet :
 * SessionDatabases databases = principal -> sqlPort.connect(principal);
 * }
 */
@FunctionalInterface
public interface SessionDatabases {

    /**
     * @param principal the authenticated principal of the session
     * @return a new connection to a database holding only what the principal may read; the caller
     *     closes it
     * @throws SQLException if the database cannot be opened; the client sees a failed call, without
     *     the message
     */
    Connection open(Principal principal) throws SQLException;
}
