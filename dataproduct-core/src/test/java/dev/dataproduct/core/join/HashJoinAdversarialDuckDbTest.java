package dev.dataproduct.core.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.join.Cardinality;
import dev.dataproduct.api.join.JoinReport;
import dev.dataproduct.api.join.JoinType;
import dev.dataproduct.api.join.OnDuplicateKey;
import dev.dataproduct.api.quarantine.RejectedRow;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hash join against DuckDB on the inputs an audit would try first: empty sides (no batch, or
 * batches of no rows), sides whose keys all miss, unicode keys that differ only in normalisation or
 * case, a one-to-one declaration broken on either side or both (refused, or quarantined with every
 * row accounted for), and key columns of integer types of different widths. The seed is printed;
 * rerun with {@code -Djoin.seed=...}.
 */
class HashJoinAdversarialDuckDbTest {
    private static final long SEED = Long.getLong("join.seed", System.nanoTime());
    /** "é" composed and decomposed, case variants, the empty string, emoji, CJK, a quote. */
    private static final String[] KEYS = {"\u00e9", "e\u0301", "E\u0301", "Zürich", "zürich", "", "😀", "日本",
        "l'œuf", "a", "A", " a"};

    private BufferAllocator allocator;
    private Connection duck;
    private final List<VectorSchemaRoot> batches = new ArrayList<>();

    @BeforeEach
    void open() throws SQLException {
        System.out.println("HashJoinAdversarialDuckDbTest seed: " + SEED + " (rerun with -Djoin.seed=" + SEED + ")");
        allocator = new RootAllocator();
        duck = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterEach
    void close() throws SQLException {
        batches.forEach(VectorSchemaRoot::close);
        duck.close();
        allocator.close();
    }

    private static Schema left(LogicalType key) {
        return Schema.of(Field.of("k", key, false), Field.of("v", LogicalType.INT64, false));
    }

    private static Schema right(LogicalType key) {
        return Schema.of(Field.of("id", key, false), Field.of("w", LogicalType.STRING, false));
    }

    @Test
    void emptySidesJoinAsInDuckDbForEveryTypeCardinalityAndBuildSide() throws SQLException {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Object[]> some = unicodeRows(random, 50, true, true);
        for (int shape = 0; shape < 3; shape++) {
            List<Object[]> l = shape == 1 ? List.of() : some;
            List<Object[]> r = shape == 0 ? List.of() : shape == 1 ? unicodeRows(random, 30, false, false) : List.of();
            compareAll(l, r, LogicalType.STRING, LogicalType.STRING, "empty shape " + shape, random, true);
        }
    }

    @Test
    void sidesWhoseKeysAllMissAreAllOrphans() throws SQLException {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Object[]> l = new ArrayList<>();
        List<Object[]> r = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            l.add(new Object[] {"left-" + random.nextInt(50), (long) i});
            r.add(new Object[] {random.nextInt(10) == 0 ? null : "right-" + i, "w" + i});
        }
        compareAll(l, r, LogicalType.STRING, LogicalType.STRING, "all orphans", random, false);
        Dataset ld = dataset("l", left(LogicalType.STRING), l, random);
        Dataset rd = dataset("r", right(LogicalType.STRING), r, random);
        try (JoinedRows rows = HashJoin.builder(ld, rd).on(List.of("k"), List.of("id"))
                .cardinality(Cardinality.MANY_TO_ONE).type(JoinType.FULL).build().run(allocator)) {
            assertEquals(400, sorted(rows).size());
            JoinReport report = rows.report();
            assertEquals(200, report.leftSide().orphans());
            assertEquals(200, report.rightSide().orphans());
            assertEquals(0, report.leftSide().matched() + report.rightSide().matched());
        }
    }

    @Test
    void unicodeKeysMatchByTheirExactCharactersAsInDuckDb() throws SQLException {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int round = 0; round < 3; round++) {
            compareAll(unicodeRows(random, 1 + random.nextInt(400), true, true),
                    unicodeRows(random, 1 + random.nextInt(12), false, false), LogicalType.STRING,
                    LogicalType.STRING, "unicode round " + round, random, false);
        }
    }

    @Test
    void aBrokenOneToOneIsRefusedWithoutValuesOrQuarantinedWithEveryRowAccountedFor() throws SQLException {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int broken = 0; broken < 3; broken++) {
            // 0: the left side repeats a key the right side has; 1: the right side; 2: both
            List<Object[]> l = unicodeRows(random, 60, false, true);
            List<Object[]> r = unicodeRows(random, 60, false, false);
            String secret = "secret-" + random.nextInt(1000);
            if (broken != 1) {
                l.add(new Object[] {secret, 1L});
                l.add(new Object[] {secret, 2L});
            }
            if (broken != 0) {
                r.add(new Object[] {secret, "x"});
                r.add(new Object[] {secret, "y"});
            } else {
                r.add(new Object[] {secret, "x"});
            }
            if (broken == 1) {
                l.add(new Object[] {secret, 1L});
            }
            Dataset ld = dataset("l", left(LogicalType.STRING), l, random);
            Dataset rd = dataset("r", right(LogicalType.STRING), r, random);
            JoinRefusedException refused = assertThrows(JoinRefusedException.class, () -> HashJoin.builder(ld, rd)
                    .on(List.of("k"), List.of("id")).cardinality(Cardinality.ONE_TO_ONE).type(JoinType.FULL).build()
                    .run(allocator).close(), "broken " + broken);
            assertFalse(refused.getMessage().contains(secret), refused.getMessage());
            for (JoinType type : JoinType.values()) {
                List<RejectedRow> rejected = new ArrayList<>();
                try (JoinedRows rows = HashJoin.builder(ld, rd).on(List.of("k"), List.of("id"))
                        .cardinality(Cardinality.ONE_TO_ONE).type(type).onDuplicate(OnDuplicateKey.QUARANTINE)
                        .rejects(rejected::add).build().run(allocator)) {
                    List<String> out = sorted(rows);
                    JoinReport report = rows.report();
                    String where = "broken " + broken + " " + type + " (seed " + SEED + ")";
                    assertEquals(l.size(), report.leftSide().rows(), where);
                    assertEquals(r.size(), report.rightSide().rows(), where);
                    long quarantinedLeft = l.stream().filter(x -> secret.equals(x[0])).count();
                    long quarantinedRight = r.stream().filter(x -> secret.equals(x[0])).count();
                    assertEquals(quarantinedLeft, report.leftSide().quarantined(), where);
                    assertEquals(quarantinedRight, report.rightSide().quarantined(), where);
                    assertEquals(quarantinedLeft + quarantinedRight, rejected.size(), where);
                    assertTrue(out.stream().noneMatch(x -> x.startsWith(secret + "|")), where);
                    List<Object[]> lq = l.stream().filter(x -> !secret.equals(x[0])).toList();
                    List<Object[]> rq = r.stream().filter(x -> !secret.equals(x[0])).toList();
                    load(lq, rq, "VARCHAR", "VARCHAR");
                    assertEquals(sql(query(type)), out, where);
                }
            }
        }
    }

    @Test
    void integerKeysOfDifferentWidthsJoinByValueAsInDuckDb() throws SQLException {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Object[]> l = new ArrayList<>();
        List<Object[]> r = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            l.add(new Object[] {random.nextInt(12) == 0 ? null : random.nextInt(-40, 40), (long) i});
        }
        for (int i = -30; i < 30; i++) {
            r.add(new Object[] {i == 7 ? null : i * 1L, "w" + i});
        }
        r.add(new Object[] {(long) Integer.MAX_VALUE + 1, "beyond int32"});
        compareAll(l, r, LogicalType.INT32, LogicalType.INT64, "int32 x int64", random, false);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private void compareAll(List<Object[]> l, List<Object[]> r, LogicalType lt, LogicalType rt, String what,
                            SplittableRandom random, boolean emptyBatches) throws SQLException {
        load(l, r, sqlType(lt), sqlType(rt));
        for (Cardinality c : List.of(Cardinality.MANY_TO_ONE)) {
            for (JoinType type : JoinType.values()) {
                for (HashJoin.BuildSide side : HashJoin.BuildSide.values()) {
                    String where = what + ", " + c + " " + type + " build " + side + " (seed " + SEED + ")";
                    Dataset ld = emptyBatches && l.isEmpty() ? emptyBatch("l", left(lt)) : dataset("l", left(lt), l,
                            random);
                    Dataset rd = emptyBatches && r.isEmpty() && side == HashJoin.BuildSide.LEFT
                            ? emptyBatch("r", right(rt)) : dataset("r", right(rt), r, random);
                    try (JoinedRows rows = HashJoin.builder(ld, rd).on(List.of("k"), List.of("id")).cardinality(c)
                            .type(type).buildSide(side).build().run(allocator)) {
                        assertEquals(sql(query(type)), sorted(rows), where);
                        JoinReport report = rows.report();
                        assertEquals(l.size(), report.leftSide().rows(), where);
                        assertEquals(r.size(), report.rightSide().rows(), where);
                        assertEquals(count("SELECT count(*) FROM l WHERE EXISTS (SELECT 1 FROM r WHERE r.id = l.k)"),
                                report.leftSide().matched(), where);
                        assertEquals(count("SELECT count(*) FROM r WHERE EXISTS (SELECT 1 FROM l WHERE r.id = l.k)"),
                                report.rightSide().matched(), where);
                    }
                }
            }
        }
    }

    private static String sqlType(LogicalType t) {
        return t.equals(LogicalType.STRING) ? "VARCHAR" : t.equals(LogicalType.INT32) ? "INTEGER" : "BIGINT";
    }

    /** Unicode keys from a small domain; the right side has each key once unless {@code repeats}. */
    private static List<Object[]> unicodeRows(SplittableRandom random, int n, boolean repeats, boolean leftSide) {
        List<Object[]> rows = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            String k = random.nextInt(15) == 0 ? null : KEYS[random.nextInt(KEYS.length)];
            if (!repeats && k != null && !seen.add(k)) {
                continue;
            }
            rows.add(new Object[] {k, leftSide ? (Object) (long) i : "w" + i});
        }
        return rows;
    }

    private Dataset emptyBatch(String name, Schema schema) {
        VectorSchemaRoot root = BatchBuilder.fromRows(schema, List.of(), allocator);
        batches.add(root);
        return Dataset.of(name, schema, List.of(root));
    }

    private Dataset dataset(String name, Schema schema, List<Object[]> rows, SplittableRandom random) {
        return RandomBatches.of(name, schema, rows, random, 120, allocator, batches);
    }

    private void load(List<Object[]> l, List<Object[]> r, String lt, String rt) throws SQLException {
        exec("CREATE OR REPLACE TABLE l (k " + lt + ", v BIGINT)");
        exec("CREATE OR REPLACE TABLE r (id " + rt + ", w VARCHAR)");
        insert("l", l);
        insert("r", r);
    }

    private void insert(String table, List<Object[]> rows) throws SQLException {
        try (PreparedStatement p = duck.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
            for (Object[] row : rows) {
                p.setObject(1, row[0]);
                p.setObject(2, row[1]);
                p.addBatch();
            }
            if (!rows.isEmpty()) {
                p.executeBatch();
            }
        }
    }

    private static String query(JoinType type) {
        String key = type == JoinType.FULL ? "coalesce(l.k, r.id)" : "l.k";
        return "SELECT " + key + ", l.v, r.w FROM l " + type.name() + " JOIN r ON l.k = r.id";
    }

    private List<String> sql(String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3));
            }
        }
        out.sort(null);
        return out;
    }

    private static List<String> sorted(Dataset rows) {
        List<String> out = new ArrayList<>();
        rows.forEachRow(r -> out.add(r.get("k") + "|" + r.get("v") + "|" + r.get("w")));
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
