package dev.dataproduct.ports.flightsql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.core.host.PortMeters;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.testkit.conformance.PortConformance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Flight SQL port without a backend of its own serves the SQL module's locked per-principal
 * sessions: through the Flight SQL JDBC driver, a principal sees exactly what the read path gives it,
 * and nothing reaches outside the session's database.
 */
class FlightSqlOverSqlTest {
    @TempDir
    Path root;
    School school;

    @BeforeEach
    void start() {
        school = new School(root, 30, School.POLICY);
    }

    @AfterEach
    void stop() {
        school.close();
    }

    @Test
    void aPrincipalSeesOverFlightSqlExactlyWhatTheReadPathGivesIt() throws Exception {
        for (Principal p : List.of(School.COUNSELOR, School.ADMIN)) {
            TreeMap<String, String> expected = new TreeMap<>();
            try (ReadResult r = school.host.products().get(0).reader().read(p, ReadRequest.of("students").build())) {
                while (r.next()) {
                    PortConformance.rowsOf(r.batch()).forEach(row ->
                            expected.put((String) row.get("id"), row.get("school") + "|" + row.get("email")));
                }
            }
            TreeMap<String, String> seen = new TreeMap<>();
            try (Connection c = school.connect(p); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, school, email FROM students")) {
                while (rs.next()) {
                    seen.put(rs.getString("id"), rs.getString("school") + "|" + rs.getString("email"));
                }
            }
            assertEquals(expected, seen, p.id());
        }
    }

    @Test
    void closingAJdbcConnectionEndsItsSessionAndReleasesItsSnapshot() throws Exception {
        try (Connection c = school.connect(School.ADMIN); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM students")) {
            assertTrue(rs.next());
            assertEquals(1, school.flight.openSessions());
        }
        // the server learns that the connection closed from its transport, a moment later; the idle
        // timeout (15 minutes) is far beyond this wait
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (school.flight.openSessions() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, school.flight.openSessions(), "the session outlived the only connection that used it");
        assertTrue(school.store.pinned(school.product.address()).isEmpty(), "the session's snapshot is still pinned");
    }

    @Test
    void eachStatementIsMeteredOnceWithTheRowsSentAndItsOutcome() throws Exception {
        int rows = 0;
        try (Connection c = school.connect(School.ADMIN); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT id FROM students")) {
                while (rs.next()) {
                    rows++;
                }
            }
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT no_such_column FROM students"));
        }
        String product = school.product.address().urn();
        var meters = school.meters;
        // once, by the Flight SQL port: the SQL sessions under it do not meter the same statement again
        assertEquals(1.0, meters.get(PortMeters.REQUESTS).tags("product", product, "port", "flight-sql", "dataset", "-",
                "outcome", "ok").counter().count());
        assertEquals(rows, meters.get(PortMeters.ROWS).tags("dataset", "-", "outcome", "ok").counter().count());
        assertEquals(1.0, meters.get(PortMeters.REQUESTS).tags("dataset", "-", "outcome", "bad_request").counter()
                .count());
        assertEquals(30, rows);
    }

    @Test
    void aCounselorSeesOnlyTheirSchoolWithEmailsMasked() throws Exception {
        Map<String, String> emails = new HashMap<>();
        School.rows(30).forEach(r -> emails.put((String) r.get("id"), (String) r.get("email")));
        Set<String> schools = new TreeSet<>();
        int rows = 0;
        try (Connection c = school.connect(School.COUNSELOR); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, school, email FROM students")) {
            while (rs.next()) {
                rows++;
                schools.add(rs.getString("school"));
                String email = rs.getString("email");
                assertTrue(email == null || !email.equals(emails.get(rs.getString("id"))), "unmasked: " + email);
            }
        }
        assertTrue(rows > 0, "the counselor's school has students");
        assertEquals(Set.of("A"), schools);
    }

    @Test
    void hiddenColumnsAreNotInTheSession() throws Exception {
        try (Connection c = school.connect(School.AUDITOR); Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT email FROM students").next());
            try (ResultSet rs = s.executeQuery("SELECT count(*) AS n FROM students")) {
                assertTrue(rs.next());
                assertEquals(30, rs.getInt("n"));
            }
        }
    }

    @Test
    void aPrincipalWhoMayReadNothingGetsNoRows() throws Exception {
        try (Connection c = school.connect(School.NOBODY); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class,
                    () -> s.executeQuery("SELECT count(*) FROM students").next());
            assertTrue(FlightSqlJdbcTest.causes(e).contains("UNAUTHORIZED"), () -> FlightSqlJdbcTest.causes(e));
        }
    }

    @Test
    void escapesFromTheSessionFailOverFlightSql() throws Exception {
        Path snapshotFile;
        try (Stream<Path> files = Files.walk(root.resolve("store"))) {
            snapshotFile = files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".json"))
                    .findFirst().orElseThrow();
        }
        Path out = root.resolve("out");
        List<String> escapes = List.of(
                "SELECT * FROM read_parquet('" + snapshotFile + "')",
                "SELECT * FROM read_csv('" + snapshotFile + "')",
                "COPY students TO '" + out + ".csv'",
                "COPY (SELECT * FROM students) TO '" + out + ".parquet' (FORMAT parquet)",
                "ATTACH '" + out + ".duckdb' AS other",
                "INSTALL httpfs",
                "LOAD httpfs",
                "SET enable_external_access = true",
                "SET lock_configuration = false",
                "DROP TABLE students",
                "INSERT INTO students (id, school) VALUES ('x', 'A')");
        try (Connection c = school.connect(School.ADMIN); Statement s = c.createStatement()) {
            for (String sql : escapes) {
                assertThrows(SQLException.class, () -> {
                    if (s.execute(sql)) {
                        try (ResultSet rs = s.getResultSet()) {
                            rs.next();
                        }
                    }
                }, "this statement should fail over Flight SQL: " + sql);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) AS n FROM students")) {
                assertTrue(rs.next());
                assertEquals(30, rs.getInt("n"), "the session still holds its rows, unchanged");
            }
        }
        try (Stream<Path> files = Files.list(root)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("out")), "nothing was written");
        }
    }
}
