package dev.dataproduct.ports.flightsql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Authenticator;
import dev.dataproduct.api.access.Principal;
import dev.dataproduct.core.host.ProductHost;
import dev.dataproduct.core.runtime.ProductRuntime;
import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CloseSessionRequest;
import org.apache.arrow.flight.CloseSessionResult;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.BearerCredentialWriter;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The port through the client users connect with: the Arrow Flight SQL JDBC driver, over loopback.
 * Each principal's session database is a private in-memory DuckDB holding that principal's rows
 * only, as the SQL module's databases do.
 */
class FlightSqlJdbcTest {
    static final String ANA_TOKEN = "ana-token-0123456789";
    static final String BEN_TOKEN = "ben-token-0123456789";
    static final Principal ANA = Principal.of("ana", "analyst");
    static final Principal BEN = Principal.of("ben", "analyst");
    static final Map<String, Principal> TOKENS = Map.of(ANA_TOKEN, ANA, BEN_TOKEN, BEN);

    final BufferAllocator allocator = new RootAllocator();
    final List<Connection> opened = new CopyOnWriteArrayList<>();
    ProductRuntime runtime;
    ProductHost host;
    FlightSqlPort port;

    @BeforeEach
    void start() {
        Authenticator tokens = headers -> Authenticator.bearerToken(headers).flatMap(t -> Optional.ofNullable(TOKENS.get(t)));
        port = FlightSqlPort.builder().authenticator(tokens).databases(this::database).build();
        runtime = ProductRuntime.builder().allocator(allocator).store(new InMemorySnapshotStore()).build();
        host = ProductHost.builder(runtime, allocator).serve(port).build();
        host.start();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            host.close();
            runtime.close();
        } finally {
            allocator.close();
        }
        for (Connection c : opened) {
            assertTrue(c.isClosed(), "the port closes every session database it opened");
        }
    }

    /** A private database holding the principal's own purchases: ana has three, ben two. */
    Connection database(Principal principal) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        opened.add(c);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE purchases (id INTEGER NOT NULL, owner VARCHAR, amount DOUBLE, day DATE)");
            int n = principal.id().equals("ana") ? 3 : 2;
            for (int i = 1; i <= n; i++) {
                s.execute("INSERT INTO purchases VALUES (" + (principal.id().equals("ana") ? i : 100 + i) + ", '"
                        + principal.id() + "', " + (i * 10.5) + ", DATE '2026-01-0" + i + "')");
            }
        }
        return c;
    }

    Connection connect(String token) throws SQLException {
        Properties p = new Properties();
        p.setProperty("token", token);
        return DriverManager.getConnection(port.jdbcUrl(), p);
    }

    static List<String> column(ResultSet rs, String name) throws SQLException {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
            out.add(rs.getString(name));
        }
        return out;
    }

    @Test
    void describesItselfWithTheJdbcUrl() {
        assertEquals("jdbc:arrow-flight-sql://127.0.0.1:" + port.boundPort() + "?useEncryption=false",
                port.descriptor().location());
        assertEquals("flight-sql", port.descriptor().name());
    }

    @Test
    void runsAQueryAndStreamsItsRowsBack() throws SQLException {
        try (Connection c = connect(ANA_TOKEN); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, owner, amount, day FROM purchases ORDER BY id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getInt("id") + "|" + rs.getString("owner") + "|" + rs.getDouble("amount") + "|"
                        + rs.getDate("day"));
            }
            assertEquals(List.of("1|ana|10.5|2026-01-01", "2|ana|21.0|2026-01-02", "3|ana|31.5|2026-01-03"), rows);
        }
    }

    @Test
    void bindsTheParametersOfAPreparedStatement() throws SQLException {
        try (Connection c = connect(ANA_TOKEN);
             PreparedStatement s = c.prepareStatement("SELECT id FROM purchases WHERE amount > ? ORDER BY id")) {
            s.setDouble(1, 15.0);
            try (ResultSet rs = s.executeQuery()) {
                assertEquals(List.of("2", "3"), column(rs, "id"));
            }
            s.setDouble(1, 25.0);
            try (ResultSet rs = s.executeQuery()) {
                assertEquals(List.of("3"), column(rs, "id"));
            }
        }
    }

    @Test
    void bindsTheParametersOfAPreparedUpdate() throws SQLException {
        try (Connection c = connect(ANA_TOKEN);
             PreparedStatement s = c.prepareStatement("INSERT INTO purchases VALUES (?, 'ana', ?, DATE '2026-01-09')")) {
            s.setInt(1, 9);
            s.setDouble(2, 99.5);
            assertEquals(1, s.executeUpdate());
            try (Statement q = c.createStatement();
                 ResultSet rs = q.executeQuery("SELECT amount FROM purchases WHERE id = 9")) {
                assertEquals(List.of("99.5"), column(rs, "amount"));
            }
        }
    }

    @Test
    void answersTheMetadataCallsOfJdbcTools() throws SQLException {
        try (Connection c = connect(ANA_TOKEN)) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals("dataproduct-flight-sql", md.getDatabaseProductName(), "from SqlInfo");
            assertEquals("\"", md.getIdentifierQuoteString(), "from SqlInfo");
            try (ResultSet rs = md.getCatalogs()) {
                assertTrue(column(rs, "TABLE_CAT").contains("memory"));
            }
            try (ResultSet rs = md.getSchemas()) {
                assertTrue(column(rs, "TABLE_SCHEM").contains("main"));
            }
            String type;
            try (ResultSet rs = md.getTables("memory", "main", "%", null)) {
                assertTrue(rs.next());
                assertEquals("purchases", rs.getString("TABLE_NAME"));
                type = rs.getString("TABLE_TYPE");
                assertFalse(rs.next());
            }
            try (ResultSet rs = md.getColumns("memory", "main", "purchases", "%")) {
                assertEquals(List.of("id", "owner", "amount", "day"), column(rs, "COLUMN_NAME"));
            }
            try (ResultSet rs = md.getTableTypes()) {
                assertTrue(column(rs, "TABLE_TYPE").contains(type));
            }
            try (ResultSet rs = md.getPrimaryKeys(null, null, "purchases")) {
                assertFalse(rs.next(), "keys are answered empty, not refused");
            }
        }
    }

    @Test
    void refusesAWrongToken() {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection c = connect("not-a-token-0123456789"); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM purchases")) {
                rs.next();
            }
        });
        assertTrue(String.valueOf(e.getMessage()).contains("UNAUTHENTICATED") || causes(e).contains("UNAUTHENTICATED"),
                () -> "message: " + causes(e));
        assertTrue(opened.isEmpty(), "no database is opened for an unauthenticated client");
    }

    @Test
    void eachPrincipalSeesItsOwnRowsOnly() throws SQLException {
        try (Connection a = connect(ANA_TOKEN); Connection b = connect(BEN_TOKEN);
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            try (ResultSet rs = sb.executeQuery("SELECT DISTINCT owner FROM purchases")) {
                assertEquals(List.of("ben"), column(rs, "owner"));
            }
            try (ResultSet rs = sa.executeQuery("SELECT DISTINCT owner FROM purchases")) {
                assertEquals(List.of("ana"), column(rs, "owner"));
            }
            try (ResultSet rs = sb.executeQuery("SELECT id FROM purchases ORDER BY id")) {
                assertEquals(List.of("101", "102"), column(rs, "id"));
            }
        }
    }

    @Test
    void logsInWithAUserNameAndTheTokenAsPassword() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "ben");
        p.setProperty("password", BEN_TOKEN);
        try (Connection c = DriverManager.getConnection(port.jdbcUrl(), p); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) AS n FROM purchases")) {
            assertTrue(rs.next());
            assertEquals(2, rs.getInt("n"));
        }
    }

    @Test
    void reportsBadSqlWithTheDatabaseMessage() throws SQLException {
        try (Connection c = connect(ANA_TOKEN); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELEC id FROM purchases"));
            assertTrue(causes(e).contains("syntax error"), () -> "message: " + causes(e));
            assertTrue(causes(e).contains("INVALID_ARGUMENT"), () -> "message: " + causes(e));
            try (ResultSet rs = s.executeQuery("SELECT count(*) AS n FROM purchases")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt("n"), "the session goes on after a bad statement");
            }
        }
    }

    /** The plain-statement path ADBC takes (the JDBC driver prepares every statement). */
    @Test
    void runsStatementsAndUpdatesAndClosesTheSessionForAFlightSqlClient() throws Exception {
        CredentialCallOption auth = new CredentialCallOption(new BearerCredentialWriter(ANA_TOKEN));
        try (BufferAllocator clientMemory = allocator.newChildAllocator("client", 0, Long.MAX_VALUE);
             FlightClient client = FlightClient.builder(clientMemory,
                     Location.forGrpcInsecure("127.0.0.1", port.boundPort())).build();
             FlightSqlClient sql = new FlightSqlClient(client)) {
            assertEquals(1, sql.executeUpdate("INSERT INTO purchases VALUES (4, 'ana', 1.0, DATE '2026-01-04')", auth));
            assertEquals(4L, count(sql, auth), "the update lives in the session's database");
            assertEquals(CloseSessionResult.Status.CLOSED,
                    sql.closeSession(new CloseSessionRequest(), auth).getStatus());
            assertTrue(opened.get(0).isClosed(), "closing the session closes its database");
            assertEquals(3L, count(sql, auth), "the next call opens a fresh session");
            FlightRuntimeException bad = assertThrows(FlightRuntimeException.class,
                    () -> sql.execute("SELECT nope FROM purchases", auth));
            assertEquals(FlightStatusCode.INVALID_ARGUMENT, bad.status().code());
            assertTrue(bad.getMessage().contains("nope"), bad::getMessage);
        }
    }

    static long count(FlightSqlClient sql, CallOption auth) throws Exception {
        FlightInfo info = sql.execute("SELECT count(*) AS n FROM purchases", auth);
        try (FlightStream stream = sql.getStream(info.getEndpoints().get(0).getTicket(), auth)) {
            assertTrue(stream.next());
            return (Long) stream.getRoot().getVector("n").getObject(0);
        }
    }

    static String causes(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            b.append(t).append(" / ");
        }
        return b.toString();
    }
}
