package dev.dataproduct.ports.flightsql;

import com.google.protobuf.ByteString;
import dev.dataproduct.api.access.Principal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's session: its principal, its private database connection (opened on first use) and
 * the statements it prepared there. Statements run one at a time: a JDBC connection is not made
 * for concurrent use, and a session is one client's.
 */
final class Session {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Statements the client asked to run but did not fetch; the oldest go first. */
    static final int MAX_PENDING_STATEMENTS = 64;

    private final String key;
    private final Principal principal;
    private final SessionDatabases databases;
    private final Duration busyWait;
    private final int maxPrepared;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<ByteString, PreparedStatement> pending = new LinkedHashMap<>();
    private final Map<ByteString, PreparedStatement> prepared = new HashMap<>();
    private volatile long lastUsedNanos;
    private Connection connection;
    private boolean closed;

    Session(String key, Principal principal, SessionDatabases databases, Duration busyWait, int maxPrepared,
            long nowNanos) {
        this.key = key;
        this.principal = principal;
        this.databases = databases;
        this.busyWait = busyWait;
        this.maxPrepared = maxPrepared;
        this.lastUsedNanos = nowNanos;
    }

    String key() {
        return key;
    }

    Principal principal() {
        return principal;
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    void touch(long nowNanos) {
        lastUsedNanos = nowNanos;
    }

    /** What a session does with its connection while it holds it. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs work on the session's connection, alone.
     *
     * @throws FlightRuntimeException UNAVAILABLE if another call of the session holds the connection
     *     longer than the busy wait, or if the session is closed
     */
    <T> T with(Work<T> work) throws SQLException {
        boolean locked;
        try {
            locked = lock.tryLock(busyWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CallStatus.CANCELLED.withDescription("interrupted while waiting for the session").toRuntimeException();
        }
        if (!locked) {
            throw CallStatus.UNAVAILABLE.withDescription("the session is busy with another statement for longer than "
                    + busyWait.toMillis() + " ms; read or close its result first, or open another connection")
                    .toRuntimeException();
        }
        try {
            if (closed) {
                throw CallStatus.UNAVAILABLE.withDescription("the session has ended (idle timeout or closed); connect again")
                        .toRuntimeException();
            }
            if (connection == null) {
                connection = databases.open(principal);
            }
            return work.run(connection);
        } finally {
            lock.unlock();
        }
    }

    /** Keeps a statement to run when the client fetches its ticket; evicts the oldest beyond the bound. */
    ByteString addPending(PreparedStatement statement) {
        ByteString handle = newHandle();
        pending.put(handle, statement);
        if (pending.size() > MAX_PENDING_STATEMENTS) {
            Iterator<Map.Entry<ByteString, PreparedStatement>> oldest = pending.entrySet().iterator();
            closeQuietly(oldest.next().getValue());
            oldest.remove();
        }
        return handle;
    }

    /** Call within {@link #with}. */
    Optional<PreparedStatement> takePending(ByteString handle) {
        return Optional.ofNullable(pending.remove(handle));
    }

    /**
     * Call within {@link #with}.
     *
     * @throws FlightRuntimeException RESOURCE_EXHAUSTED beyond the bound of prepared statements
     */
    ByteString addPrepared(PreparedStatement statement) {
        if (prepared.size() >= maxPrepared) {
            closeQuietly(statement);
            throw CallStatus.RESOURCE_EXHAUSTED.withDescription("the session has " + maxPrepared
                    + " prepared statements open; close some before preparing more").toRuntimeException();
        }
        ByteString handle = newHandle();
        prepared.put(handle, statement);
        return handle;
    }

    /**
     * Call within {@link #with}.
     *
     * @throws FlightRuntimeException NOT_FOUND if the session has no such prepared statement
     */
    PreparedStatement prepared(ByteString handle) {
        PreparedStatement statement = prepared.get(handle);
        if (statement == null) {
            throw CallStatus.NOT_FOUND.withDescription("no prepared statement with this handle in this session; it was "
                    + "closed, or the session ended; prepare it again").toRuntimeException();
        }
        return statement;
    }

    /** Call within {@link #with}. */
    void closePrepared(ByteString handle) {
        closeQuietly(prepared.remove(handle));
    }

    /**
     * Closes the statements and the connection. Waits for a running statement at most the busy wait.
     *
     * @param force close even if a statement still runs, which then fails
     * @return whether the session is closed
     */
    boolean close(boolean force) {
        boolean locked = false;
        try {
            locked = force ? lock.tryLock(busyWait.toMillis(), TimeUnit.MILLISECONDS) : lock.tryLock();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!locked && !force) {
            return false;
        }
        try {
            if (closed) {
                return true;
            }
            closed = true;
            pending.values().forEach(Session::closeQuietly);
            prepared.values().forEach(Session::closeQuietly);
            pending.clear();
            prepared.clear();
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    LOG.warn("closing the database of a Flight SQL session failed", e);
                }
            }
            return true;
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }

    private static ByteString newHandle() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return ByteString.copyFrom(bytes);
    }

    private static void closeQuietly(PreparedStatement statement) {
        if (statement == null) {
            return;
        }
        try {
            statement.close();
        } catch (SQLException e) {
            LOG.debug("closing a statement failed", e);
        }
    }

    @Override
    public String toString() {
        // the key stands for a credential: never shown
        return "Session[" + principal.id() + "]";
    }
}
