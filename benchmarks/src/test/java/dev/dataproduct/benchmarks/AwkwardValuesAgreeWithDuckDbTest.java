package dev.dataproduct.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.api.schema.TimePrecision;
import dev.dataproduct.core.quality.CheckResult;
import dev.dataproduct.core.quality.EvaluationContext;
import dev.dataproduct.core.quality.QualityEngine;
import dev.dataproduct.core.quality.QualityPlan;
import dev.dataproduct.core.quality.QualityReport;
import dev.dataproduct.core.quality.QualityState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Differential test of the quality engine on the values where numerics go wrong: signed zeros, NaN
 * and infinities, the extreme longs, doubles near {@code Double.MAX_VALUE}, decimals with more
 * digits than a double, strings beyond the BMP, and timestamps of every unit, each metric computed
 * by the engine through a state round trip (every batch's state written to bytes, read back and
 * merged into a fresh state) and by DuckDB over the same rows. The seed is printed and can be set
 * with {@code -Dawkward.seed=...}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwkwardValuesAgreeWithDuckDbTest {
    private static final int ROWS = 100_000;
    private static final int BATCH = 16_384;
    private static final long SEED = Long.getLong("awkward.seed", 20261201L);
    private static final Instant NOW = Instant.parse("2100-01-01T00:00:00Z");
    private static final double HLL = 3 * 0.0163;
    private static final double KLL = 0.02;
    private static final TimePrecision[] UNITS = TimePrecision.values();
    private static final String[] PIECES = {"a", "b", "m", "z", "A", "é", "ÿ", "中", "\uFFFD", "\uE000", "\uFFFF",
        "\uD83D\uDE00", "\uD834\uDD1E", "~", " "};
    private static final Schema SCHEMA = schema();

    private BufferAllocator allocator;
    private final List<VectorSchemaRoot> batches = new ArrayList<>();
    private DuckDBConnection duck;

    private static Schema schema() {
        List<Field> fields = new ArrayList<>(List.of(
                Field.of("i64", LogicalType.INT64, true),
                Field.of("f_any", LogicalType.FLOAT64, true),
                Field.of("f_fin", LogicalType.FLOAT64, true),
                Field.of("f_mid", LogicalType.FLOAT64, true),
                Field.of("s", LogicalType.STRING, true),
                Field.of("dec", LogicalType.decimal(38, 10), true)));
        for (TimePrecision p : UNITS) {
            fields.add(Field.of("t_" + p.symbol(), LogicalType.timestamp(p, false), true));
        }
        return Schema.of(fields.toArray(Field[]::new));
    }

    @BeforeAll
    void generateAndLoad() throws SQLException {
        System.out.println("AwkwardValuesAgreeWithDuckDbTest: seed " + SEED + " (-Dawkward.seed=" + SEED + ")");
        allocator = new RootAllocator();
        SplittableRandom rnd = new SplittableRandom(SEED);
        duck = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        try (Statement st = duck.createStatement()) {
            st.execute("SET threads = 2");
            st.execute("SET TimeZone = 'UTC'");
            st.execute("CREATE TABLE raw (i64 BIGINT, f_any DOUBLE, f_fin DOUBLE, f_mid DOUBLE, s VARCHAR, "
                    + "dec VARCHAR, t_s BIGINT, t_ms BIGINT, t_us BIGINT, t_ns BIGINT)");
        }
        try (DuckDBAppender a = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "raw")) {
            for (int from = 0; from < ROWS; from += BATCH) {
                int n = Math.min(BATCH, ROWS - from);
                try (BatchBuilder b = BatchBuilder.create(SCHEMA, allocator)) {
                    for (int i = 0; i < n; i++) {
                        Object[] row = row(rnd);
                        b.addRow(row);
                        append(a, row);
                    }
                    batches.add(b.build());
                }
            }
            a.flush();
        }
        try (Statement st = duck.createStatement()) {
            st.execute("CREATE TABLE t AS SELECT i64, f_any, f_fin, f_mid, s, dec::DECIMAL(38, 10) AS dec, "
                    + "to_timestamp(t_s)::TIMESTAMP_S AS t_s, epoch_ms(t_ms)::TIMESTAMP_MS AS t_ms, "
                    + "make_timestamp(t_us) AS t_us, make_timestamp_ns(t_ns) AS t_ns FROM raw");
        }
    }

    private static Object[] row(SplittableRandom rnd) {
        Object[] row = new Object[6 + UNITS.length];
        row[0] = nullOr(rnd, () -> awkwardLong(rnd));
        row[1] = nullOr(rnd, () -> awkwardDouble(rnd, true));
        row[2] = nullOr(rnd, () -> awkwardDouble(rnd, false));
        row[3] = nullOr(rnd, () -> moderateDouble(rnd));
        row[4] = nullOr(rnd, () -> text(rnd));
        row[5] = nullOr(rnd, () -> new BigDecimal(new BigInteger(125, new java.util.Random(rnd.nextLong()))
                .multiply(BigInteger.valueOf(rnd.nextBoolean() ? 1 : -1)), 10));
        long seconds = 1_600_000_000L + rnd.nextLong(2_000_000_000L);
        int nanos = rnd.nextInt(1_000_000_000);
        for (int u = 0; u < UNITS.length; u++) {
            int truncated = UNITS[u] == TimePrecision.SECONDS ? 0 : UNITS[u] == TimePrecision.MILLIS
                    ? nanos / 1_000_000 * 1_000_000 : UNITS[u] == TimePrecision.MICROS ? nanos / 1000 * 1000 : nanos;
            long s = seconds + rnd.nextInt(1000);
            row[6 + u] = rnd.nextInt(20) == 0 ? null : LocalDateTime.ofEpochSecond(s, truncated, ZoneOffset.UTC);
        }
        return row;
    }

    private static Object nullOr(SplittableRandom rnd, java.util.function.Supplier<Object> value) {
        return rnd.nextInt(20) == 0 ? null : value.get();
    }

    private static long awkwardLong(SplittableRandom rnd) {
        switch (rnd.nextInt(8)) {
            case 0: return Long.MAX_VALUE - rnd.nextInt(3);
            case 1: return Long.MIN_VALUE + rnd.nextInt(3);
            case 2: return (1L << 53) + rnd.nextInt(-3, 4);
            case 3: return rnd.nextInt(-2, 3);
            default: return rnd.nextLong();
        }
    }

    private static double awkwardDouble(SplittableRandom rnd, boolean nonFinite) {
        int k = rnd.nextInt(nonFinite ? 14 : 11);
        switch (k) {
            case 0: return 0.0;
            case 1: return -0.0;
            case 2: return Double.MAX_VALUE * (rnd.nextBoolean() ? 1 : -1);
            case 3: return (1 + rnd.nextDouble()) * 1e307 * (rnd.nextBoolean() ? 1 : -1);
            case 4: return Double.MIN_VALUE * rnd.nextInt(1, 100) * (rnd.nextBoolean() ? 1 : -1);
            case 5: return rnd.nextInt(-3, 4);
            case 11: return Double.NaN;
            case 12: return Double.POSITIVE_INFINITY;
            case 13: return Double.NEGATIVE_INFINITY;
            default: return (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(-20, 20));
        }
    }

    private static double moderateDouble(SplittableRandom rnd) {
        switch (rnd.nextInt(6)) {
            case 0: return rnd.nextBoolean() ? 0.0 : -0.0;
            case 1: return (rnd.nextDouble() - 0.5) * 1e150;
            case 2: return Double.MIN_VALUE * rnd.nextInt(1, 100);
            default: return (rnd.nextDouble() - 0.5) * 2000;
        }
    }

    private static String text(SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder();
        for (int k = rnd.nextInt(5); k > 0; k--) {
            sb.append(PIECES[rnd.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private static void append(DuckDBAppender a, Object[] row) throws SQLException {
        a.beginRow();
        for (int c = 0; c < row.length; c++) {
            Object v = row[c];
            if (v == null) {
                a.appendNull();
            } else if (v instanceof Long l) {
                a.append(l.longValue());
            } else if (v instanceof Double d) {
                a.append(d.doubleValue());
            } else if (v instanceof BigDecimal d) {
                a.append(d.toPlainString());
            } else if (v instanceof String s) {
                a.append(s);
            } else {
                Instant at = ((LocalDateTime) v).toInstant(ZoneOffset.UTC);
                TimePrecision p = UNITS[c - 6];
                long raw = p == TimePrecision.SECONDS ? at.getEpochSecond() : p == TimePrecision.MILLIS ? at.toEpochMilli()
                        : p == TimePrecision.MICROS ? at.getEpochSecond() * 1_000_000 + at.getNano() / 1000
                        : at.getEpochSecond() * 1_000_000_000 + at.getNano();
                a.append(raw);
            }
        }
        a.endRow();
    }

    @AfterAll
    void close() throws SQLException {
        if (duck != null) {
            duck.close();
        }
        batches.forEach(VectorSchemaRoot::close);
        if (allocator != null) {
            allocator.close();
        }
    }

    // ---- cases -------------------------------------------------------------------------------------

    private enum Cmp { EXACT, RELATIVE, HLL, KLL }

    /**
     * @param sql DuckDB's value of the metric; for {@link Cmp#RELATIVE} also the scale of the allowed
     *     error ({@code tolerance}): |engine - duckdb| <= tolerance
     */
    private record Case(Check check, String sql, Cmp cmp, String tolerance) {
        static Case exact(Check check, String sql) {
            return new Case(check, sql, Cmp.EXACT, "0");
        }
    }

    private static Check rec(Metric m) {
        return Check.of(m).recorded();
    }

    private static String violations(String predicate) {
        return "count_if((" + predicate + ") IS NOT TRUE)";
    }

    private static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // extreme integers: exact sums (HUGEINT in DuckDB), means and spreads that do not wrap
        c.add(Case.exact(rec(new Metric.Stat("i64", Metric.Statistic.SUM)), "sum(i64)::VARCHAR"));
        c.add(Case.exact(rec(new Metric.Stat("i64", Metric.Statistic.MIN)), "min(i64)::VARCHAR"));
        c.add(Case.exact(rec(new Metric.Stat("i64", Metric.Statistic.MAX)), "max(i64)::VARCHAR"));
        c.add(Case.exact(Check.duplicates("i64").recorded(), "count(i64) - count(DISTINCT i64)"));
        c.add(new Case(rec(new Metric.Stat("i64", Metric.Statistic.MEAN)), "avg(i64)", Cmp.RELATIVE,
                "1e-12 * abs(avg(i64)) + 1e-12 * avg(abs(i64::DOUBLE))"));
        c.add(new Case(rec(new Metric.Stat("i64", Metric.Statistic.STDDEV)), "stddev_samp(i64)", Cmp.RELATIVE,
                "1e-9 * stddev_samp(i64)"));
        c.add(new Case(Check.approxDistinct("i64").recorded(), "count(DISTINCT i64)", Cmp.HLL, "0"));
        c.add(Case.exact(Check.predicate(Expr.col("i64").gt(0L)).recorded(), violations("i64 > 0")));
        c.add(Case.exact(Check.predicate(Expr.col("i64").ge(9.007199254740992E15)).recorded(),
                violations("i64 >= 9.007199254740992E15")));
        c.add(Case.exact(Check.range("i64", -1e18, 1e18).recorded(),
                "count_if(i64 IS NOT NULL AND NOT (i64 >= -1e18 AND i64 <= 1e18))"));
        // signed zeros, NaN and infinities: min, max, quantiles, distinct counts, comparisons
        c.add(Case.exact(rec(new Metric.Stat("f_any", Metric.Statistic.MIN)), "min(f_any)"));
        c.add(Case.exact(rec(new Metric.Stat("f_any", Metric.Statistic.MAX)), "max(f_any)"));
        c.add(new Case(Check.approxDistinct("f_any").recorded(), "count(DISTINCT f_any)", Cmp.HLL, "0"));
        for (double rank : new double[] {0.0, 0.25, 0.5, 0.75, 0.99, 1.0}) {
            c.add(new Case(Check.quantile("f_any", rank).recorded(), "f_any", Cmp.KLL, Double.toString(rank)));
        }
        c.add(Case.exact(Check.predicate(Expr.col("f_any").ge(0.0)).recorded(), violations("f_any >= 0.0")));
        c.add(Case.exact(Check.predicate(Expr.col("f_any").ge(0L)).recorded(), violations("f_any >= 0")));
        c.add(Case.exact(Check.predicate(Expr.col("f_any").eq(0.0)).recorded(), violations("f_any = 0.0")));
        c.add(Case.exact(Check.predicate(Expr.col("f_any").le(-0.0)).recorded(), violations("f_any <= -0.0")));
        c.add(Case.exact(Check.predicate(Expr.col("f_any").in(0.0, 1.0)).recorded(), violations("f_any IN (0.0, 1.0)")));
        c.add(Case.exact(Check.predicate(Expr.col("f_any").eq(Double.NaN)).recorded(),
                violations("f_any = 'nan'::DOUBLE")));
        c.add(Case.exact(Check.predicate(Expr.col("f_any").gt(Double.POSITIVE_INFINITY)).recorded(),
                violations("f_any > 'inf'::DOUBLE")));
        c.add(Case.exact(Check.predicate(Expr.col("f_any").lt(Double.NEGATIVE_INFINITY).not()).recorded(),
                violations("NOT (f_any < '-inf'::DOUBLE)")));
        c.add(Case.exact(Check.predicate(Expr.col("f_any").ne(Expr.col("f_any"))).recorded(),
                violations("f_any <> f_any")));
        c.add(Case.exact(Check.predicate(Expr.col("f_any").times(0.0).isNotNull()).recorded(),
                violations("(f_any * 0.0) IS NOT NULL")));
        c.add(Case.exact(Check.predicate(Expr.col("f_any").minus(0.0).ge(Expr.col("f_fin"))).recorded(),
                violations("f_any - 0.0 >= f_fin")));
        c.add(Case.exact(Check.range("f_any", 0, 0).recorded(),
                "count_if(f_any IS NOT NULL AND NOT (f_any >= 0 AND f_any <= 0))"));
        c.add(Case.exact(Check.range("f_any", -1, Double.MAX_VALUE).recorded(),
                "count_if(f_any IS NOT NULL AND NOT (f_any >= -1 AND f_any <= 1.7976931348623157e308))"));
        c.add(Case.exact(Check.allowedValues("f_any", "0.0", "NaN", "1").recorded(),
                "count_if(f_any IS NOT NULL AND NOT (f_any IN (0.0, 'nan'::DOUBLE, 1.0)))"));
        c.add(Case.exact(Check.duplicates("f_any").recorded(), "count(f_any) - count(DISTINCT f_any)"));
        c.add(Case.exact(Check.missing("f_any", "0.0", "NaN").recorded(),
                "count_if(f_any IS NULL OR f_any IN (0.0, 'nan'::DOUBLE))"));
        // finite doubles up to Double.MAX_VALUE: the exact sum is finite; DuckDB sums them scaled by 2^-64
        c.add(new Case(rec(new Metric.Stat("f_fin", Metric.Statistic.SUM)),
                "sum(f_fin * 5.421010862427522e-20) * 1.8446744073709552e19", Cmp.RELATIVE,
                "1e-12 * sum(abs(f_fin) * 5.421010862427522e-20) * 1.8446744073709552e19"));
        c.add(new Case(rec(new Metric.Stat("f_fin", Metric.Statistic.MEAN)),
                "avg(f_fin * 5.421010862427522e-20) * 1.8446744073709552e19", Cmp.RELATIVE,
                "1e-12 * avg(abs(f_fin) * 5.421010862427522e-20) * 1.8446744073709552e19"));
        c.add(Case.exact(rec(new Metric.Stat("f_fin", Metric.Statistic.MIN)), "min(f_fin)"));
        c.add(Case.exact(rec(new Metric.Stat("f_fin", Metric.Statistic.MAX)), "max(f_fin)"));
        c.add(new Case(rec(new Metric.Stat("f_mid", Metric.Statistic.STDDEV)), "stddev_samp(f_mid)", Cmp.RELATIVE,
                "1e-9 * stddev_samp(f_mid)"));
        c.add(new Case(rec(new Metric.Stat("f_mid", Metric.Statistic.MEAN)), "avg(f_mid)", Cmp.RELATIVE,
                "1e-12 * avg(abs(f_mid))"));
        // strings: code point order, including characters beyond U+FFFF
        for (String lit : new String[] {"m", "\uFFFF", "\uD83D\uDE00", "é", "\uE000", ""}) {
            String sqlLit = "'" + lit + "'";
            c.add(Case.exact(Check.predicate(Expr.col("s").lt(lit)).recorded(), violations("s < " + sqlLit)));
            c.add(Case.exact(Check.predicate(Expr.col("s").ge(lit)).recorded(), violations("s >= " + sqlLit)));
        }
        c.add(Case.exact(Check.predicate(Expr.col("s").eq("\uD83D\uDE00")).recorded(), violations("s = '\uD83D\uDE00'")));
        c.add(Case.exact(Check.length("s", 0, 2).recorded(),
                "count_if(s IS NOT NULL AND NOT (length(s) BETWEEN 0 AND 2))"));
        c.add(Case.exact(Check.pattern("s", "[a-z]*").recorded(),
                "count_if(s IS NOT NULL AND NOT regexp_full_match(s, '[a-z]*'))"));
        c.add(new Case(Check.approxDistinct("s").recorded(), "count(DISTINCT s)", Cmp.HLL, "0"));
        c.add(Case.exact(Check.duplicates("s").recorded(), "count(s) - count(DISTINCT s)"));
        c.add(Case.exact(Check.allowedValues("s", "\uD83D\uDE00", "é", "").recorded(),
                "count_if(s IS NOT NULL AND s NOT IN ('\uD83D\uDE00', 'é', ''))"));
        // decimals with more digits than a double: converted in one correctly rounded step
        c.add(Case.exact(rec(new Metric.Stat("dec", Metric.Statistic.MIN)), "min(dec)::VARCHAR"));
        c.add(Case.exact(rec(new Metric.Stat("dec", Metric.Statistic.MAX)), "max(dec)::VARCHAR"));
        c.add(Case.exact(Check.range("dec", -1e37, 1e37).recorded(),
                "count_if(dec IS NOT NULL AND NOT (dec::DOUBLE >= -1e37 AND dec::DOUBLE <= 1e37))"));
        c.add(new Case(rec(new Metric.Stat("dec", Metric.Statistic.SUM)), "sum(dec::DOUBLE)", Cmp.RELATIVE,
                "1e-12 * sum(abs(dec::DOUBLE))"));
        // every timestamp unit, through the state's bytes and merges
        for (TimePrecision p : UNITS) {
            String col = "t_" + p.symbol();
            c.add(Case.exact(Check.min(col).recorded(), "epoch_us(min(" + col + "))"));
            c.add(Case.exact(Check.max(col).recorded(), "epoch_us(max(" + col + "))"));
            long nowMicros = NOW.getEpochSecond() * 1_000_000L;
            c.add(new Case(Check.freshness(col).recorded(), "(" + nowMicros + " - epoch_us(max(" + col + "))) / 1e6",
                    Cmp.RELATIVE, "1e-6"));
        }
        List<Case> named = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            Case x = c.get(i);
            named.add(new Case(x.check().named("#" + i + " " + x.check().name()), x.sql(), x.cmp(), x.tolerance()));
        }
        return named;
    }

    /** Every batch folded into its own state, written to bytes, read back and merged into a fresh state. */
    private QualityReport engine(List<Check> checks) {
        QualityPlan plan = QualityPlan.compile("t", SCHEMA, checks);
        QualityState total = plan.newState();
        for (VectorSchemaRoot b : batches) {
            QualityState s = plan.newState();
            s.update(b);
            total.merge(QualityState.fromBytes(plan, s.toBytes()));
        }
        return QualityEngine.report(plan, QualityState.fromBytes(plan, total.toBytes()),
                EvaluationContext.of(Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @Test
    void everyMetricOfAwkwardValuesMatchesDuckDb() throws SQLException {
        List<Case> cases = cases();
        QualityReport report = engine(cases.stream().map(Case::check).toList());
        List<String> bad = new ArrayList<>();
        for (Case c : cases) {
            CheckResult r = report.result(c.check().name()).orElseThrow();
            double engine = r.metricValue();
            String problem = compare(c, engine);
            if (problem != null) {
                bad.add(c.check().name() + ": engine " + engine + ", " + problem + " [" + r.message() + "]");
            }
        }
        assertEquals(List.of(), bad, bad.size() + " of " + cases.size() + " metrics differ from DuckDB (seed " + SEED
                + ", " + ROWS + " rows; rerun with -Dawkward.seed=" + SEED + ")");
    }

    private String compare(Case c, double engine) throws SQLException {
        switch (c.cmp()) {
            case EXACT: {
                double duckdb = number(one("SELECT " + c.sql() + " FROM t"));
                return same(engine, duckdb) ? null : "DuckDB " + duckdb;
            }
            case RELATIVE: {
                double duckdb = number(one("SELECT " + c.sql() + " FROM t"));
                double tolerance = number(one("SELECT " + c.tolerance() + " FROM t"));
                return same(engine, duckdb) || Math.abs(engine - duckdb) <= tolerance ? null
                        : "DuckDB " + duckdb + " (tolerance " + tolerance + ")";
            }
            case HLL: {
                double duckdb = number(one("SELECT " + c.sql() + " FROM t"));
                return Math.abs(engine - duckdb) <= HLL * duckdb + 1 ? null : "DuckDB exactly " + duckdb;
            }
            default: {
                String col = c.sql();
                double rank = Double.parseDouble(c.tolerance());
                double exact = number(one("SELECT quantile_cont(" + col + ", " + rank + ") FROM t"));
                if (Double.isNaN(exact) || Double.isNaN(engine)) {
                    return same(engine, exact) ? null : "DuckDB quantile_cont " + exact;
                }
                String literal = Double.isInfinite(engine) ? (engine > 0 ? "'inf'::DOUBLE" : "'-inf'::DOUBLE")
                        : Double.toString(engine);
                double below = number(one("SELECT count_if(" + col + " < " + literal + ")::DOUBLE / count(" + col
                        + ") FROM t"));
                double atOrBelow = number(one("SELECT count_if(" + col + " <= " + literal + ")::DOUBLE / count("
                        + col + ") FROM t"));
                return below <= rank + KLL && atOrBelow >= rank - KLL ? null
                        : "DuckDB ranks it " + below + " to " + atOrBelow + " (quantile_cont " + exact + ")";
            }
        }
    }

    /** Equal in SQL's order: -0.0 equals 0.0 and NaN equals NaN. */
    private static boolean same(double a, double b) {
        return a == b || Double.isNaN(a) && Double.isNaN(b);
    }

    private String one(String sql) throws SQLException {
        try (Statement st = duck.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            String s = rs.getString(1);
            return s == null ? "NaN" : s;
        }
    }

    /** @return the correctly rounded double of DuckDB's text of a number (exact integers and decimals included) */
    private static double number(String text) {
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "nan": return Double.NaN;
            case "inf": case "infinity": return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
            default: return new BigDecimal(text).doubleValue();
        }
    }
}
