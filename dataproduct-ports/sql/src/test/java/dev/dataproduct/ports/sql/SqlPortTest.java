package dev.dataproduct.ports.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.error.AccessDeniedException;
import dev.dataproduct.core.host.PortMeters;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.read.SnapshotSelector;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.testkit.conformance.PortConformance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a SQL session holds, what it locks, and what it pins. */
class SqlPortTest {
    @TempDir
    Path root;
    Campus campus;

    @BeforeEach
    void open() {
        campus = new Campus(root);
    }

    @AfterEach
    void close() {
        campus.close();
    }

    @Test
    void sessionHoldsExactlyWhatTheReadPathGivesThePrincipal() throws Exception {
        for (Principal who : List.of(Campus.COUNSELOR, Campus.ADMIN, Principal.of("audrey", "auditor"),
                Campus.VISITOR)) {
            try (Connection c = campus.sql.connect(who)) {
                for (String dataset : List.of("students", "schools")) {
                    if (!campus.host.products().get(0).reader().mayRead(who, dataset)) {
                        assertThrows(SQLException.class, () -> query(c, "SELECT * FROM " + dataset),
                                who.id() + " has no table " + dataset);
                        continue;
                    }
                    assertEquals(readPath(who, dataset), Rows.viaArrow(c, "SELECT * FROM " + dataset,
                            campus.allocator), who.id() + ", " + dataset);
                }
            }
        }
    }

    @Test
    void maskedColumnsHoldTheirMaskedValues() throws Exception {
        try (Connection c = campus.sql.connect(Campus.COUNSELOR)) {
            List<String> emails = query(c, "SELECT email FROM students WHERE email IS NOT NULL");
            assertFalse(emails.isEmpty());
            for (String e : emails) {
                assertFalse(e.matches("student\\d+@school\\.example"), "an unmasked email in the session: " + e);
            }
            assertEquals(List.of("A"), query(c, "SELECT DISTINCT school FROM students"));
        }
    }

    @Test
    void aPrincipalWhoMayReadNothingIsDeniedAndLeavesNothingBehind() throws Exception {
        assertThrows(AccessDeniedException.class, () -> campus.sql.connect(Campus.NOBODY));
        assertEquals(Set.of(), campus.store.pinned(campus.product.address()));
        assertEquals(0, sessionDirectories());
        assertEquals(1.0, campus.meters.get(PortMeters.DENIED).tag("port", "sql").counter().count());
    }

    @Test
    void escapesFromTheSessionFail() throws Exception {
        Path snapshotFile;
        try (Stream<Path> files = Files.walk(root.resolve("store"))) {
            snapshotFile = files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".json"))
                    .findFirst().orElseThrow();
        }
        Path manifest;
        try (Stream<Path> files = Files.walk(root.resolve("store"))) {
            manifest = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        Path out = root.resolve("out");
        try (Connection c = campus.sql.connect(Campus.ADMIN)) {
            List<String> escapes = List.of(
                    "SELECT * FROM read_parquet('" + snapshotFile + "')",
                    "SELECT * FROM read_csv('" + manifest + "')",
                    "SELECT * FROM read_json('" + manifest + "')",
                    "SELECT * FROM '" + manifest + "'",
                    "SELECT * FROM read_text('/etc/hostname')",
                    "COPY students TO '" + out + ".csv'",
                    "COPY (SELECT * FROM students) TO '" + out + ".parquet' (FORMAT parquet)",
                    "EXPORT DATABASE '" + out + "'",
                    "ATTACH '" + out + ".duckdb' AS other",
                    "ATTACH ':memory:' AS scratch",
                    "INSTALL httpfs",
                    "LOAD httpfs",
                    "SET enable_external_access = true",
                    "SET memory_limit = '8GB'",
                    "SET lock_configuration = false",
                    "RESET lock_configuration",
                    "SET autoload_known_extensions = true",
                    "DROP TABLE students",
                    "CREATE OR REPLACE TABLE students AS SELECT 1 AS id",
                    "CREATE OR REPLACE VIEW students AS SELECT 1 AS id",
                    "CREATE VIEW everyone AS SELECT 1 AS id",
                    "CREATE OR REPLACE MACRO students() AS TABLE SELECT 1 AS id",
                    "ALTER TABLE students RENAME TO pupils",
                    "ALTER TABLE students DROP COLUMN email",
                    "INSERT INTO students (id, school) VALUES ('x', 'A')",
                    "UPDATE students SET email = 'x'",
                    "DELETE FROM students",
                    "DETACH " + campus.sql.sessions(campus.product.address()).orElseThrow().catalog());
            for (String sql : escapes) {
                assertThrows(SQLException.class, () -> query(c, sql), "this statement should fail: " + sql);
            }
            assertEquals(List.of("60"), query(c, "SELECT count(*) FROM students"));
            assertFalse(Files.exists(out.resolveSibling("out.csv")));
            assertFalse(Files.exists(out.resolveSibling("out.parquet")));
        }
    }

    @Test
    void aSessionsOwnTemporaryTableShadowsOnlyWithinItAndTheDatasetStaysReachable() throws Exception {
        String catalog = campus.sql.sessions(campus.product.address()).orElseThrow().catalog();
        assertEquals("campus", catalog);
        try (Connection c = campus.sql.connect(Campus.ADMIN)) {
            query(c, "CREATE TEMP TABLE students AS SELECT 1 AS id");
            assertEquals(List.of("1"), query(c, "SELECT count(*) FROM students"));
            assertEquals(List.of("60"), query(c, "SELECT count(*) FROM " + catalog + ".main.students"));
        }
        try (Connection c = campus.sql.connect(Campus.ADMIN)) {
            assertEquals(List.of("60"), query(c, "SELECT count(*) FROM students"));
        }
    }

    @Test
    void aSessionPinsItsSnapshotUntilItsConnectionCloses() throws Exception {
        SnapshotManifest first = campus.store.current(campus.product.address()).orElseThrow();
        Connection c = campus.sql.connect(Campus.ADMIN);
        assertEquals(Set.of(first.id()), campus.store.pinned(campus.product.address()));
        assertEquals(1, sessionDirectories());
        campus.host.run(campus.product.address());
        assertEquals(List.of("60"), query(c, "SELECT count(*) FROM students"));
        c.close();
        assertTrue(c.isClosed());
        assertEquals(Set.of(), campus.store.pinned(campus.product.address()));
        assertEquals(0, sessionDirectories());
    }

    @Test
    void aSessionOpensOnAChosenSnapshot() throws Exception {
        SnapshotManifest first = campus.store.current(campus.product.address()).orElseThrow();
        campus.host.run(campus.product.address());
        SqlSessions sessions = campus.sql.sessions(campus.product.address()).orElseThrow();
        try (SqlSession s = sessions.open(Campus.ADMIN, SnapshotSelector.id(first.id()))) {
            assertEquals(first.id(), s.snapshot().id());
            assertEquals(Map.of("students", 60L, "schools", 2L), s.tables());
            assertEquals(Set.of(first.id()), campus.store.pinned(campus.product.address()));
        }
        assertEquals(Set.of(), campus.store.pinned(campus.product.address()));
    }

    @Test
    void sessionsAreMeteredPerDatasetWithTheirRows() throws Exception {
        try (Connection c = campus.sql.connect(Campus.COUNSELOR)) {
            query(c, "SELECT 1");
        }
        String product = campus.product.address().urn();
        assertEquals(1.0, campus.meters.get(PortMeters.REQUESTS).tags("product", product, "port", "sql", "dataset",
                "students", "outcome", "ok").counter().count());
        assertEquals(20.0, campus.meters.get(PortMeters.ROWS).tags("dataset", "students").counter().count());
        assertTrue(campus.meters.find(PortMeters.REQUESTS).tag("dataset", "schools").counters().isEmpty(),
                "the counselor may not read schools");
    }

    @Test
    void eachStatementIsMeteredWithTheRowsItsClientReadAndItsOutcome() throws Exception {
        String product = campus.product.address().urn();
        try (Connection c = campus.sql.connect(Campus.COUNSELOR)) {
            assertEquals(20, query(c, "SELECT id FROM students").size());
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT id FROM students WHERE grade >= ?")) {
                ps.setLong(1, 100);
                try (ResultSet rs = ps.executeQuery()) {
                    assertFalse(rs.next());
                }
            }
            try (Statement s = c.createStatement()) {
                assertThrows(SQLException.class, () -> s.executeQuery("SELECT no_such_column FROM students"));
            }
            try (Statement s = c.createStatement()) {
                // a result the client leaves open is counted when the session closes, with the rows it read
                ResultSet open = s.executeQuery("SELECT id FROM students LIMIT 5");
                assertTrue(open.next());
                assertTrue(open.next());
            }
        }
        var ok = campus.meters.get(PortMeters.REQUESTS).tags("product", product, "port", "sql", "dataset", "-",
                "outcome", "ok").counter();
        assertEquals(3.0, ok.count(), "three statements answered");
        assertEquals(22.0, campus.meters.get(PortMeters.ROWS).tags("dataset", "-", "outcome", "ok").counter().count(),
                "rows the client read");
        assertEquals(1.0, campus.meters.get(PortMeters.REQUESTS).tags("dataset", "-", "outcome", "bad_request")
                .counter().count(), "the statement the database refused");
        assertEquals(3L, campus.meters.get(PortMeters.LATENCY).tags("dataset", "-", "outcome", "ok").timer().count());
    }

    private List<Map<String, Object>> readPath(Principal who, String dataset) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ReadResult r = campus.host.products().get(0).reader().read(who, ReadRequest.of(dataset).build())) {
            while (r.next()) {
                rows.addAll(PortConformance.rowsOf(r.batch()));
            }
        }
        return rows;
    }

    private long sessionDirectories() throws Exception {
        Path sessions = root.resolve("sessions");
        if (!Files.exists(sessions)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(sessions)) {
            return s.count();
        }
    }

    /** The first column of every row, as text. */
    static List<String> query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            List<String> out = new ArrayList<>();
            if (s.execute(sql)) {
                try (ResultSet rs = s.getResultSet()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        }
    }
}
