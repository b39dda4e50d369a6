package dev.dataproduct.ports.flightsql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.dataproduct.api.access.Principal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session table on a clock the test moves: bounds, idle timeout, and what a handle reaches. */
class SessionsTest {
    final AtomicLong now = new AtomicLong();
    final List<Connection> opened = new ArrayList<>();
    final SessionDatabases databases = principal -> {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        opened.add(c);
        return c;
    };
    final Sessions sessions = new Sessions(databases, 2, Duration.ofMinutes(10), Duration.ofSeconds(1), 1, now::get);

    @AfterEach
    void close() throws SQLException {
        sessions.close();
        for (Connection c : opened) {
            assertTrue(c.isClosed());
        }
    }

    static FlightStatusCode code(Runnable r) {
        return assertThrows(FlightRuntimeException.class, r::run).status().code();
    }

    @Test
    void refusesASessionBeyondTheMaximum() {
        sessions.open("a", Principal.of("ana"));
        sessions.open("b", Principal.of("ben"));
        assertEquals(FlightStatusCode.RESOURCE_EXHAUSTED, code(() -> sessions.open("c", Principal.of("cy"))));
        assertSame(sessions.find("a").orElseThrow(), sessions.open("a", Principal.of("ana")),
                "a known credential finds its session even when the table is full");
    }

    @Test
    void closesASessionAndItsDatabaseOnceIdle() throws SQLException {
        Session s = sessions.open("a", Principal.of("ana"));
        s.with(c -> c.createStatement().execute("SELECT 1"));
        now.addAndGet(Duration.ofMinutes(9).toNanos());
        sessions.closeIdle();
        assertTrue(sessions.find("a").isPresent(), "not idle long enough");
        now.addAndGet(Duration.ofMinutes(9).toNanos());
        sessions.closeIdle();
        assertTrue(sessions.find("a").isPresent(), "using a session (find) keeps it open");
        now.addAndGet(Duration.ofMinutes(11).toNanos());
        sessions.closeIdle();
        assertFalse(sessions.find("a").isPresent());
        assertTrue(opened.get(0).isClosed());
        assertEquals(FlightStatusCode.UNAVAILABLE, code(() -> {
            try {
                s.with(c -> null);
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        }));
        sessions.open("c", Principal.of("cy"));
        sessions.open("d", Principal.of("dan"));
        assertEquals(2, sessions.size(), "an idle session frees its place");
    }

    @Test
    void opensTheDatabaseOnFirstUseOnly() throws SQLException {
        Session s = sessions.open("a", Principal.of("ana"));
        assertTrue(opened.isEmpty());
        s.with(c -> null);
        s.with(c -> null);
        assertEquals(1, opened.size());
    }

    @Test
    void aHandleReachesOnlyTheStatementsOfItsOwnSession() throws SQLException {
        Session ana = sessions.open("a", Principal.of("ana"));
        Session ben = sessions.open("b", Principal.of("ben"));
        ByteString handle = ana.with(c -> ana.addPrepared(c.prepareStatement("SELECT 1")));
        assertEquals(FlightStatusCode.NOT_FOUND, code(() -> {
            try {
                ben.with(c -> ben.prepared(handle));
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        }));
        assertTrue(ana.with(c -> ana.prepared(handle)) != null);
    }

    @Test
    void boundsThePreparedStatementsOfASession() throws SQLException {
        Session ana = sessions.open("a", Principal.of("ana"));
        ana.with(c -> ana.addPrepared(c.prepareStatement("SELECT 1")));
        FlightRuntimeException e = assertThrows(FlightRuntimeException.class,
                () -> ana.with(c -> ana.addPrepared(c.prepareStatement("SELECT 2"))));
        assertEquals(CallStatus.RESOURCE_EXHAUSTED.code(), e.status().code());
    }

    @Test
    void anotherPrincipalOnTheSameKeyStartsAFreshSession() throws SQLException {
        Session first = sessions.open("a", Principal.of("ana"));
        first.with(c -> null);
        Session second = sessions.open("a", Principal.of("ben"));
        assertTrue(first != second);
        assertTrue(opened.get(0).isClosed(), "the first principal's database is closed");
    }
}
