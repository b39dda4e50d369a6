package dev.dataproduct.core.feature;

import static dev.dataproduct.core.feature.Histories.entity;
import static dev.dataproduct.core.feature.Histories.feature;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dataproduct.api.data.Dataset;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * The offline as-of join gives the same answers as DuckDB's {@code ASOF LEFT JOIN} on the same
 * generated data: ties of event time, null created times, null values, duplicate rows, entity rows
 * without key or time, times exactly the maximum age apart, feature rows out of order.
 *
 * <p>How the comparison is made: DuckDB's ASOF join matches on {@code e.as_of >= f.event_time} and
 * has neither a tie-breaker nor a maximum age. The tie-breaker is applied before the join: of the
 * rows of one student and event time only the greatest by created time (nulls first, as the earliest)
 * and then by position in the table is kept ({@code QUALIFY row_number() ...}). The maximum age is
 * applied after it, in SQL, on microseconds: a match with {@code epoch_us(as_of) - epoch_us(event_time)
 * >= maxAge} is {@code EXPIRED}. An entity row without a time is {@code NOT_FOUND} in SQL too: DuckDB
 * matches a null time as if it came after every event time (nulls sort last), where the as-of rule
 * has no time to judge. Statuses and values of every entity row must be equal.
 */
class AsOfJoinDuckDbDifferentialTest {

    @Test
    void matchesDuckDbAsofJoinWithTheTieBreakerAndMaxAgeInSql() throws SQLException {
        long seed = Long.getLong("feature.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
            for (int trial = 0; trial < 25; trial++) {
                try {
                    check(random, db);
                } catch (AssertionError e) {
                    throw new AssertionError("differs from DuckDB in trial " + trial + " with seed " + seed
                            + " (rerun with -Dfeature.seed=" + seed + "): " + e.getMessage(), e);
                }
            }
        }
    }

    private static Instant hour(int h) {
        return Histories.T0.plusSeconds(3600L * h);
    }

    private void check(SplittableRandom random, Connection db) throws SQLException {
        String[] students = {"s0", "s1", "s2", "s3", "s4"};
        List<Map<String, Object>> history = new ArrayList<>();
        for (int i = 0, n = random.nextInt(0, 60); i < n; i++) {
            int event = random.nextInt(0, 24 * 20);
            Instant created = random.nextInt(4) == 0 ? null : hour(event + random.nextInt(0, 2));
            history.add(feature(students[random.nextInt(students.length)], hour(event), created,
                    random.nextInt(5) == 0 ? null : (double) random.nextInt(100), "g" + i));
            if (random.nextInt(8) == 0) {
                history.add(new java.util.HashMap<>(history.get(history.size() - 1)));   // a duplicate row
            }
        }
        Collections.shuffle(history, new Random(random.nextLong()));
        List<Map<String, Object>> entities = new ArrayList<>();
        for (int i = 0, n = random.nextInt(1, 80); i < n; i++) {
            int pick = random.nextInt(10);
            Instant at = pick == 0 ? null : hour(random.nextInt(-24, 24 * 32));
            if (pick == 1 && !history.isEmpty()) {
                // exactly the maximum age after a row's event time: the edge
                at = ((Instant) history.get(random.nextInt(history.size())).get("event_time")).plus(Histories.MAX_AGE);
            }
            entities.add(entity(i, pick == 2 ? null : students[random.nextInt(students.length)], at));
        }
        List<String> ours = new ArrayList<>();
        try (BufferAllocator allocator = new RootAllocator()) {
            List<VectorSchemaRoot> owned = new ArrayList<>();
            try {
                Dataset table = Histories.table(history, allocator, owned);
                Dataset rows = Histories.dataset("rows", Histories.ENTITY, entities, 16, allocator, owned);
                for (Map<String, Object> r : Histories.rows(AsOfJoin.of(Histories.VIEW).join(rows, "as_of", table,
                        allocator))) {
                    ours.add(r.get("row_id") + " " + r.get("score_status") + " " + r.get("score") + " "
                            + r.get("grade_status") + " " + r.get("grade"));
                }
            } finally {
                owned.forEach(VectorSchemaRoot::close);
            }
        }
        assertEquals(duckdb(db, history, entities), ours, "history " + history + ", entity rows " + entities);
    }

    private static List<String> duckdb(Connection db, List<Map<String, Object>> history,
                                       List<Map<String, Object>> entities) throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE OR REPLACE TABLE features (pos INTEGER, student_id VARCHAR, event_time TIMESTAMP, "
                    + "created_at TIMESTAMP, score DOUBLE, grade VARCHAR)");
            s.execute("CREATE OR REPLACE TABLE entities (row_id BIGINT, student_id VARCHAR, as_of TIMESTAMP)");
        }
        try (PreparedStatement p = db.prepareStatement("INSERT INTO features VALUES (?, ?, make_timestamp(?), "
                + "make_timestamp(?), ?, ?)")) {
            for (int i = 0; i < history.size(); i++) {
                Map<String, Object> r = history.get(i);
                p.setInt(1, i);
                p.setString(2, (String) r.get("student_id"));
                setMicros(p, 3, (Instant) r.get("event_time"));
                setMicros(p, 4, (Instant) r.get("created_at"));
                if (r.get("score") == null) {
                    p.setNull(5, Types.DOUBLE);
                } else {
                    p.setDouble(5, (Double) r.get("score"));
                }
                p.setString(6, (String) r.get("grade"));
                p.addBatch();
            }
            p.executeBatch();
        }
        try (PreparedStatement p = db.prepareStatement("INSERT INTO entities VALUES (?, ?, make_timestamp(?))")) {
            for (Map<String, Object> r : entities) {
                p.setLong(1, (Long) r.get("row_id"));
                p.setString(2, (String) r.get("student_id"));
                setMicros(p, 3, (Instant) r.get("as_of"));
                p.addBatch();
            }
            p.executeBatch();
        }
        long maxAge = AsOfRule.micros(Histories.MAX_AGE);
        String sql = """
                WITH latest AS (
                  SELECT * FROM features
                  QUALIFY row_number() OVER (PARTITION BY student_id, event_time
                                             ORDER BY created_at DESC NULLS LAST, pos DESC) = 1),
                matched AS (
                  SELECT e.row_id, f.event_time, f.score, f.grade,
                         CASE WHEN f.event_time IS NULL OR e.as_of IS NULL THEN 'NOT_FOUND'
                              WHEN epoch_us(e.as_of) - epoch_us(f.event_time) >= %d THEN 'EXPIRED'
                              ELSE 'PRESENT' END AS status
                  FROM entities e ASOF LEFT JOIN latest f
                    ON e.student_id = f.student_id AND e.as_of >= f.event_time)
                SELECT row_id,
                       CASE WHEN status = 'PRESENT' AND score IS NULL THEN 'NULL_VALUE' ELSE status END,
                       CASE WHEN status = 'PRESENT' THEN score END,
                       CASE WHEN status = 'PRESENT' AND grade IS NULL THEN 'NULL_VALUE' ELSE status END,
                       CASE WHEN status = 'PRESENT' THEN grade END
                FROM matched ORDER BY row_id
                """.formatted(maxAge);
        List<String> out = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Object score = rs.getObject(3);
                out.add(rs.getLong(1) + " " + rs.getString(2) + " " + (score == null ? null : ((Number) score)
                        .doubleValue()) + " " + rs.getString(4) + " " + rs.getString(5));
            }
        }
        return out;
    }

    private static void setMicros(PreparedStatement p, int index, Instant time) throws SQLException {
        if (time == null) {
            p.setNull(index, Types.BIGINT);
        } else {
            p.setLong(index, AsOfRule.micros(time));
        }
    }
}
