package dev.dataproduct.ports.flightsql;

import dev.dataproduct.api.access.Principal;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;

/**
 * The open sessions of a port, by key: bounded in number, each closed once idle longer than the
 * idle timeout, or once every client connection that used it has closed. A key stands for a
 * credential (a digest of it), so it is never logged.
 */
final class Sessions implements AutoCloseable {
    private final Map<String, Session> byKey = new ConcurrentHashMap<>();
    /** The keys of the sessions each client connection has used. */
    private final Map<SocketAddress, Set<String>> byConnection = new ConcurrentHashMap<>();
    private final SessionDatabases databases;
    private final int maxSessions;
    private final Duration idleTimeout;
    private final Duration busyWait;
    private final int maxPrepared;
    private final LongSupplier nanoTime;

    Sessions(SessionDatabases databases, int maxSessions, Duration idleTimeout, Duration busyWait, int maxPrepared,
            LongSupplier nanoTime) {
        this.databases = databases;
        this.maxSessions = maxSessions;
        this.idleTimeout = idleTimeout;
        this.busyWait = busyWait;
        this.maxPrepared = maxPrepared;
        this.nanoTime = nanoTime;
    }

    /**
     * @return the session of the key, opened for the principal if there is none
     * @throws FlightRuntimeException RESOURCE_EXHAUSTED if the port has its maximum of sessions open
     */
    synchronized Session open(String key, Principal principal) {
        Session s = byKey.get(key);
        if (s != null && s.principal().equals(principal)) {
            s.touch(nanoTime.getAsLong());
            return s;
        }
        if (s != null) {
            // the same credential now stands for another principal (a re-issued token): start afresh
            remove(s, true);
        }
        if (byKey.size() >= maxSessions) {
            throw CallStatus.RESOURCE_EXHAUSTED.withDescription("the Flight SQL port has its maximum of " + maxSessions
                    + " sessions open; close idle connections or raise maxSessions").toRuntimeException();
        }
        Session created = new Session(key, principal, databases, busyWait, maxPrepared, nanoTime.getAsLong());
        byKey.put(key, created);
        return created;
    }

    /** @return the open session of a key, marked as used now */
    Optional<Session> find(String key) {
        Session s = byKey.get(key);
        if (s != null) {
            s.touch(nanoTime.getAsLong());
        }
        return Optional.ofNullable(s);
    }

    /** Records that a client connection uses the session of a key. */
    void used(String key, SocketAddress connection) {
        byConnection.computeIfAbsent(connection, c -> ConcurrentHashMap.newKeySet()).add(key);
    }

    /**
     * A client connection has closed: ends each session it used that no other open connection uses
     * (a session running a statement is left to the idle timeout).
     */
    synchronized void connectionClosed(SocketAddress connection) {
        Set<String> keys = byConnection.remove(connection);
        if (keys == null) {
            return;
        }
        for (String key : keys) {
            boolean stillUsed = byConnection.values().stream().anyMatch(k -> k.contains(key));
            Session s = byKey.get(key);
            if (!stillUsed && s != null) {
                remove(s, false);
            }
        }
    }

    /** Ends the session of a key, if open. */
    void end(String key) {
        Session s = byKey.get(key);
        if (s != null) {
            remove(s, true);
        }
    }

    /** Closes the sessions idle longer than the idle timeout and not running a statement. */
    void closeIdle() {
        long now = nanoTime.getAsLong();
        for (Session s : new ArrayList<>(byKey.values())) {
            if (now - s.lastUsedNanos() > idleTimeout.toNanos()) {
                remove(s, false);
            }
        }
    }

    int size() {
        return byKey.size();
    }

    private void remove(Session s, boolean force) {
        if (s.close(force)) {
            byKey.remove(s.key(), s);
        }
    }

    @Override
    public void close() {
        List<Session> all = new ArrayList<>(byKey.values());
        all.forEach(s -> remove(s, true));
        byKey.clear();
        byConnection.clear();
    }
}
