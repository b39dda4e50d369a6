package dev.dataproduct.ports.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL port as a JDBC client uses it: statements, prepared statements, metadata and column types. */
class SqlJdbcClientTest {
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
    void aStatementAggregatesTheRowsThePrincipalMayRead() throws Exception {
        try (Connection c = campus.sql.connect(Campus.ADMIN); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT school, count(*) AS n, sum(fee) AS fees FROM students"
                     + " GROUP BY school ORDER BY school")) {
            Map<String, Long> counts = new LinkedHashMap<>();
            BigDecimal fees = BigDecimal.ZERO;
            while (rs.next()) {
                counts.put(rs.getString("school"), rs.getLong("n"));
                fees = fees.add(rs.getBigDecimal("fees"));
            }
            assertEquals(Map.of("A", 20L, "B", 20L, "C", 20L), counts);
            BigDecimal expected = BigDecimal.ZERO;
            for (Map<String, Object> row : Campus.rows(60)) {
                if (row.get("fee") != null) {
                    expected = expected.add((BigDecimal) row.get("fee"));
                }
            }
            assertEquals(0, expected.compareTo(fees), "sum of fees " + fees);
        }
        try (Connection c = campus.sql.connect(Campus.COUNSELOR); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM students")) {
            assertTrue(rs.next());
            assertEquals(20, rs.getLong(1), "the counselor reads only school A");
        }
    }

    @Test
    void aPreparedStatementBindsParametersAndReadsEveryType() throws Exception {
        try (Connection c = campus.sql.connect(Campus.ADMIN);
             PreparedStatement ps = c.prepareStatement("SELECT id, fee, updated, born, tags, home.city AS city"
                     + " FROM students WHERE school = ? AND grade >= ? ORDER BY id")) {
            for (String school : List.of("A", "B")) {
                ps.setString(1, school);
                ps.setLong(2, 6);
                List<String> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString("id"));
                        int i = Integer.parseInt(rs.getString("id").substring(1));
                        Map<String, Object> row = Campus.rows(60).get(i);
                        assertEquals(row.get("fee"), rs.getBigDecimal("fee"), "fee of " + rs.getString("id"));
                        assertEquals(row.get("updated"), rs.getObject("updated", OffsetDateTime.class).toInstant());
                        assertEquals(row.get("born"), rs.getObject("born", LocalDate.class));
                        Object[] tags = row.get("tags") == null ? null
                                : (Object[]) rs.getArray("tags").getArray();
                        assertEquals(row.get("tags"), tags == null ? null : List.of(tags));
                    }
                }
                List<String> expected = new ArrayList<>();
                for (Map<String, Object> row : Campus.rows(60)) {
                    if (row.get("school").equals(school) && row.get("grade") != null && (long) row.get("grade") >= 6) {
                        expected.add((String) row.get("id"));
                    }
                }
                expected.sort(null);
                assertEquals(expected, ids, "school " + school);
            }
        }
    }

    @Test
    void metadataListsTheReadableTablesWithTheirMappedTypes() throws Exception {
        try (Connection c = campus.sql.connect(Campus.COUNSELOR)) {
            DatabaseMetaData meta = c.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(null, "main", "%", new String[] {"BASE TABLE", "TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertEquals(List.of("students"), tables, "the counselor may not read schools");
            Map<String, String> types = new LinkedHashMap<>();
            Map<String, Integer> nullable = new LinkedHashMap<>();
            try (ResultSet rs = meta.getColumns(null, "main", "students", "%")) {
                while (rs.next()) {
                    types.put(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"));
                    nullable.put(rs.getString("COLUMN_NAME"), rs.getInt("NULLABLE"));
                }
            }
            assertEquals("VARCHAR", types.get("id"));
            assertEquals("BIGINT", types.get("grade"));
            assertEquals("DOUBLE", types.get("score"));
            assertEquals("BOOLEAN", types.get("active"));
            assertEquals("DATE", types.get("born"));
            assertEquals("TIMESTAMP WITH TIME ZONE", types.get("updated"));
            assertEquals("DECIMAL(10,2)", types.get("fee"));
            assertEquals("TIMESTAMP_MS", types.get("seen"));
            assertEquals("VARCHAR[]", types.get("tags"));
            assertEquals("STRUCT(city VARCHAR, zip INTEGER)", types.get("home"));
            assertEquals(DatabaseMetaData.columnNoNulls, nullable.get("id"));
            assertEquals(DatabaseMetaData.columnNullable, nullable.get("email"), "a masked column is nullable");
        }
    }

    @Test
    void resultMetadataNamesTheColumnsOfAQuery() throws Exception {
        try (Connection c = campus.sql.connect(Campus.ADMIN); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, fee, updated FROM students LIMIT 1")) {
            ResultSetMetaData meta = rs.getMetaData();
            assertEquals(3, meta.getColumnCount());
            assertEquals(List.of("id", "fee", "updated"), List.of(meta.getColumnName(1), meta.getColumnName(2),
                    meta.getColumnName(3)));
            assertEquals(2, meta.getScale(2));
            assertTrue(rs.next());
            assertEquals(Instant.parse("2026-09-01T00:00:00Z"), rs.getObject(3, OffsetDateTime.class).toInstant());
        }
    }
}
