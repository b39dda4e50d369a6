package dev.dataproduct.core.join;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.join.Cardinality;
import dev.dataproduct.api.join.ConformedKey;
import dev.dataproduct.api.join.JoinReport;
import dev.dataproduct.api.join.JoinType;
import dev.dataproduct.api.join.OnDuplicateKey;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hash join against DuckDB's join of the same generated rows: every join type, cardinality and
 * build side, null key parts, repeated keys where the cardinality allows them, orphans on both
 * sides and a two-column key. A failure names the seed, to rerun with {@code -Djoin.seed=...}.
 */
class HashJoinDuckDbTest {
    static final ConformedKey PAIR = ConformedKey.builder("pair").part("name", LogicalType.STRING)
            .part("num", LogicalType.INT32).build();
    static final Schema LEFT = Schema.of(
            Field.builder("k1", LogicalType.STRING).conformedKey("pair.name").build(),
            Field.builder("k2", LogicalType.INT32).conformedKey("pair.num").build(),
            Field.of("v", LogicalType.INT64, false));
    static final Schema RIGHT = Schema.of(
            Field.builder("a", LogicalType.STRING).conformedKey("pair.name").build(),
            Field.builder("b", LogicalType.INT32).conformedKey("pair.num").build(),
            Field.of("w", LogicalType.STRING, false));

    private BufferAllocator allocator;
    private Connection duck;
    private final List<VectorSchemaRoot> batches = new ArrayList<>();

    @BeforeEach
    void open() throws SQLException {
        allocator = new RootAllocator();
        duck = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterEach
    void close() throws SQLException {
        batches.forEach(VectorSchemaRoot::close);
        duck.close();
        allocator.close();
    }

    @Test
    void answersAsDuckDbForEveryJoinTypeCardinalityAndBuildSide() throws SQLException {
        long base = Long.getLong("join.seed", System.nanoTime());
        for (int round = 0; round < 2; round++) {
            long seed = base + round;
            for (Cardinality c : Cardinality.values()) {
                SplittableRandom random = new SplittableRandom(seed);
                List<Object[]> left = rows(random, 1 + random.nextInt(1500), !c.leftUnique(), true);
                List<Object[]> right = rows(random, 1 + random.nextInt(400), !c.rightUnique(), false);
                load(left, right);
                for (JoinType type : JoinType.values()) {
                    for (HashJoin.BuildSide side : HashJoin.BuildSide.values()) {
                        String where = "seed " + seed + " (-Djoin.seed=" + base + ", round " + round + "), " + c + " "
                                + type + " build " + side;
                        Dataset l = dataset("l", LEFT, left, random);
                        Dataset r = dataset("r", RIGHT, right, random);
                        HashJoin join = HashJoin.builder(l, r).on(PAIR).cardinality(c).type(type).buildSide(side)
                                .build();
                        try (JoinedRows rows = join.run(allocator)) {
                            assertEquals(sql(query(type, "l", "r")), sorted(rows), where);
                            JoinReport report = rows.report();
                            assertEquals(side(report.leftSide()), expectedSide("l", "r", "k1", "k2", "a", "b"), where);
                            assertEquals(side(report.rightSide()), expectedSide("r", "l", "a", "b", "k1", "k2"), where);
                        }
                    }
                }
            }
        }
    }

    @Test
    void quarantinesExactlyTheKeysThatWouldFanOutAndThenAnswersAsDuckDbWithoutThem() throws SQLException {
        long base = Long.getLong("join.seed", System.nanoTime());
        for (int round = 0; round < 2; round++) {
            long seed = base + round;
            for (Cardinality c : Cardinality.values()) {
                SplittableRandom random = new SplittableRandom(seed);
                List<Object[]> left = rows(random, 1 + random.nextInt(1000), true, true);
                List<Object[]> right = rows(random, 1 + random.nextInt(400), true, false);
                load(left, right);
                exec("CREATE OR REPLACE TABLE bad AS SELECT k1, k2 FROM ("
                        + (c.rightUnique() ? "SELECT a AS k1, b AS k2 FROM r WHERE a IS NOT NULL AND b IS NOT NULL "
                        + "GROUP BY ALL HAVING count(*) > 1 INTERSECT SELECT k1, k2 FROM l" : "SELECT NULL::VARCHAR AS k1, "
                        + "NULL::INTEGER AS k2 WHERE false")
                        + " UNION "
                        + (c.leftUnique() ? "SELECT k1, k2 FROM l WHERE k1 IS NOT NULL AND k2 IS NOT NULL GROUP BY ALL "
                        + "HAVING count(*) > 1 INTERSECT SELECT a, b FROM r" : "SELECT NULL, NULL WHERE false") + ")");
                exec("CREATE OR REPLACE TABLE lq AS SELECT * FROM l WHERE NOT EXISTS (SELECT 1 FROM bad WHERE "
                        + "bad.k1 = l.k1 AND bad.k2 = l.k2)");
                exec("CREATE OR REPLACE TABLE rq AS SELECT * FROM r WHERE NOT EXISTS (SELECT 1 FROM bad WHERE "
                        + "bad.k1 = r.a AND bad.k2 = r.b)");
                for (JoinType type : JoinType.values()) {
                    for (HashJoin.BuildSide side : List.of(HashJoin.BuildSide.LEFT, HashJoin.BuildSide.RIGHT)) {
                        String where = "seed " + seed + " (-Djoin.seed=" + base + ", round " + round + "), " + c + " "
                                + type + " build " + side;
                        List<RejectedRow> rejected = new ArrayList<>();
                        HashJoin join = HashJoin.builder(dataset("l", LEFT, left, random),
                                        dataset("r", RIGHT, right, random)).on(PAIR).cardinality(c).type(type)
                                .buildSide(side).onDuplicate(OnDuplicateKey.QUARANTINE).rejects(rejected::add).build();
                        try (JoinedRows rows = join.run(allocator)) {
                            assertEquals(sql(query(type, "lq", "rq")), sorted(rows), where);
                            JoinReport report = rows.report();
                            long lq = count("SELECT count(*) FROM l") - count("SELECT count(*) FROM lq");
                            long rq = count("SELECT count(*) FROM r") - count("SELECT count(*) FROM rq");
                            assertEquals(lq, report.leftSide().quarantined(), where);
                            assertEquals(rq, report.rightSide().quarantined(), where);
                            assertEquals(lq + rq, rejected.size(), where);
                        }
                    }
                }
            }
        }
    }

    static final Schema FACTS = Schema.of(Field.of("k", LogicalType.INT64, false),
            Field.of("v", LogicalType.INT64, false));
    static final Schema DIMENSION = Schema.of(Field.of("id", LogicalType.INT64, false),
            Field.of("s", LogicalType.INT32, false), Field.of("w", LogicalType.STRING, false));

    /**
     * One integer key, the dimension's keys laid out in each way the join reads differently: each key
     * of a range once in ascending order (their ids are their rows: no table), the same keys shuffled
     * (indexed directly by value), spread out (hashed), and with a null key and repeats where the
     * cardinality allows. The facts' keys reach below and above the dimension's; the facts' keys and
     * the dimension's columns hold nulls in some rounds only, so that every way of finding the keys
     * and of gathering the columns runs.
     */
    @Test
    void answersAsDuckDbOnOneIntegerKeyInKeyOrderShuffledSpreadOrRepeated() throws SQLException {
        long base = Long.getLong("join.seed", System.nanoTime());
        for (int round = 0; round < 12; round++) {
            long seed = base + round;
            for (Cardinality c : Cardinality.values()) {
                SplittableRandom random = new SplittableRandom(seed);
                int layout = round % 4;
                boolean factNulls = round % 3 == 0;
                int keys = 1 + random.nextInt(700);
                long first = random.nextInt(2000) - 1000;
                long step = layout == 2 ? 7 : 1;
                List<Long> ids = new ArrayList<>();
                for (int i = 0; i < keys; i++) {
                    ids.add(first + step * i);
                }
                if (layout == 1 || layout == 3) {
                    java.util.Collections.shuffle(ids, new java.util.Random(seed));
                }
                boolean dimensionNulls = round >= 6;
                List<Object[]> dimension = new ArrayList<>();
                for (Long id : ids) {
                    dimension.add(new Object[] {id,
                            dimensionNulls && random.nextInt(8) == 0 ? null : random.nextInt(100),
                            dimensionNulls && random.nextInt(8) == 0 ? null : "w" + random.nextInt(50)});
                }
                if (layout == 3) {
                    dimension.add(new Object[] {null, 1, "null key"});
                    for (int i = 0; !c.rightUnique() && i < 20; i++) {
                        dimension.add(new Object[] {ids.get(random.nextInt(keys)), i, "again"});
                    }
                }
                List<Object[]> facts = new ArrayList<>();
                Set<Long> used = new HashSet<>();
                int n = 1 + random.nextInt(1500);
                for (int i = 0; i < n; i++) {
                    Long k = factNulls && random.nextInt(20) == 0 ? null
                            : first + step * (random.nextInt(keys + 10) - 5);
                    if (k == null || !c.leftUnique() || used.add(k)) {
                        facts.add(new Object[] {k, random.nextInt(10) == 0 ? null : (long) random.nextInt(1000)});
                    }
                }
                exec("CREATE OR REPLACE TABLE f (k BIGINT, v BIGINT)");
                exec("CREATE OR REPLACE TABLE d (id BIGINT, s INTEGER, w VARCHAR)");
                insert("f", facts);
                insert("d", dimension);
                for (JoinType type : JoinType.values()) {
                    for (HashJoin.BuildSide side : HashJoin.BuildSide.values()) {
                        String where = "seed " + seed + " (-Djoin.seed=" + base + ", round " + round + "), layout "
                                + layout + ", " + c + " " + type + " build " + side;
                        HashJoin join = HashJoin.builder(dataset("f", FACTS, facts, random),
                                        dataset("d", DIMENSION, dimension, random))
                                .on(List.of("k"), List.of("id")).cardinality(c).type(type).buildSide(side).build();
                        try (JoinedRows rows = join.run(allocator)) {
                            List<String> ours = new ArrayList<>();
                            rows.forEachRow(r -> ours.add(r.get("k") + "|" + r.get("v") + "|" + r.get("s") + "|"
                                    + r.get("w")));
                            ours.sort(null);
                            assertEquals(sql("SELECT " + (type == JoinType.FULL ? "coalesce(f.k, d.id)" : "f.k")
                                    + ", f.v, d.s, d.w FROM f " + type.name() + " JOIN d ON f.k = d.id"), ours, where);
                            JoinReport report = rows.report();
                            long orphans = count("SELECT count(*) FROM f WHERE NOT EXISTS (SELECT 1 FROM d "
                                    + "WHERE d.id = f.k)");
                            long dimensionOrphans = count("SELECT count(*) FROM d WHERE NOT EXISTS (SELECT 1 FROM f "
                                    + "WHERE d.id = f.k)");
                            assertEquals(List.of((long) facts.size(), facts.size() - orphans, orphans),
                                    side(report.leftSide()).subList(0, 3), where);
                            assertEquals(List.of((long) dimension.size(), dimension.size() - dimensionOrphans,
                                    dimensionOrphans), side(report.rightSide()).subList(0, 3), where);
                        }
                    }
                }
            }
        }
    }

    /** Keys from a small domain so that they meet, repeat and miss; about 6% of key parts null. */
    private static List<Object[]> rows(SplittableRandom random, int n, boolean repeats, boolean left) {
        List<Object[]> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int names = 5 + random.nextInt(60);
        while (rows.size() < n) {
            String k1 = random.nextInt(16) == 0 ? null : "n" + random.nextInt(names);
            Integer k2 = random.nextInt(16) == 0 ? null : random.nextInt(4);
            boolean fresh = seen.add(k1 + "/" + k2);
            if (!repeats && !fresh && k1 != null && k2 != null) {
                if (seen.size() >= names * 4) {
                    break;
                }
                continue;
            }
            Object value = random.nextInt(10) == 0 ? null : left ? (Object) (long) random.nextInt(1000)
                    : "w" + random.nextInt(1000);
            rows.add(new Object[] {k1, k2, value});
        }
        return rows;
    }

    /** The rows in batches of random sizes, so that build and probe sides span several batches. */
    private Dataset dataset(String name, Schema schema, List<Object[]> rows, SplittableRandom random) {
        return RandomBatches.of(name, schema, rows, random, 300, allocator, batches);
    }

    private void load(List<Object[]> left, List<Object[]> right) throws SQLException {
        exec("CREATE OR REPLACE TABLE l (k1 VARCHAR, k2 INTEGER, v BIGINT)");
        exec("CREATE OR REPLACE TABLE r (a VARCHAR, b INTEGER, w VARCHAR)");
        insert("l", left);
        insert("r", right);
    }

    private void insert(String table, List<Object[]> rows) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO " + table + " VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            sql.append(i == 0 ? "(" : ", (");
            for (int c = 0; c < row.length; c++) {
                Object v = row[c];
                sql.append(c == 0 ? "" : ", ").append(v == null ? "NULL" : v instanceof String ? "'" + v + "'" : v);
            }
            sql.append(')');
        }
        exec(sql.toString());
    }

    private static String query(JoinType type, String l, String r) {
        String keys = type == JoinType.FULL ? "coalesce(l.k1, r.a), coalesce(l.k2, r.b)" : "l.k1, l.k2";
        return "SELECT " + keys + ", l.v, r.w FROM " + l + " l " + type.name() + " JOIN " + r
                + " r ON l.k1 = r.a AND l.k2 = r.b";
    }

    /** rows, matched, orphans, null keys of one side, by SQL. */
    private List<Long> expectedSide(String t, String other, String x1, String x2, String y1, String y2)
            throws SQLException {
        long rows = count("SELECT count(*) FROM " + t);
        long orphans = count("SELECT count(*) FROM " + t + " s WHERE NOT EXISTS (SELECT 1 FROM " + other
                + " o WHERE o." + y1 + " = s." + x1 + " AND o." + y2 + " = s." + x2 + ")");
        long nulls = count("SELECT count(*) FROM " + t + " WHERE " + x1 + " IS NULL OR " + x2 + " IS NULL");
        return List.of(rows, rows - orphans, orphans, nulls);
    }

    private static List<Long> side(JoinReport.Side s) {
        return List.of(s.rows(), s.matched(), s.orphans(), s.nullKeys());
    }

    private List<String> sql(String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
            }
        }
        out.sort(null);
        return out;
    }

    private static List<String> sorted(Dataset rows) {
        List<String> out = new ArrayList<>();
        rows.forEachRow(r -> out.add(r.get("k1") + "|" + r.get("k2") + "|" + r.get("v") + "|" + r.get("w")));
        out.sort(null);
        return out;
    }

    private long count(String query) throws SQLException {
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void exec(String sql) throws SQLException {
        try (Statement st = duck.createStatement()) {
            st.execute(sql);
        }
    }
}
