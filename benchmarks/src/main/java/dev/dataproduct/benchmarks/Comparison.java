package dev.dataproduct.benchmarks;

import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.core.quality.CheckResult;
import dev.dataproduct.core.quality.QualityReport;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllSketch;

/**
 * Checks the engine's value of every check against DuckDB: exact metrics must be equal (floating
 * point aggregates to a relative 1e-9, since the two add up in another order), a HyperLogLog
 * estimate must lie within three standard errors of the exact distinct count, and the exact rank
 * of a KLL quantile must lie within the sketch's rank error of the rank asked for.
 */
public final class Comparison {
    /** KLL with k = 200: the normalized rank error of a single quantile, at 99% confidence. */
    static final double KLL_RANK_ERROR = KllSketch.getNormalizedRankError(200, false);
    /** HLL with lgK = 12, after unions: three standard errors, relative. */
    static final double HLL_RELATIVE_ERROR = Math.max(Math.abs(HllSketch.getRelErr(true, true, 12, 3)),
            Math.abs(HllSketch.getRelErr(false, true, 12, 3)));
    private static final double FLOAT_RELATIVE = 1e-9;

    /**
     * One check compared.
     *
     * @param check the check
     * @param kind how it is compared
     * @param engine the engine's value
     * @param duckdb DuckDB's value in the timed query (approximate for HLL and KLL metrics)
     * @param exact the exact reference: DuckDB's exact value, or for a quantile the exact rank range
     *     of the engine's value
     * @param ok whether the engine's value is right
     */
    public record Row(Check check, MetricSql.Kind kind, double engine, double duckdb, String exact, boolean ok) {
    }

    private Comparison() {
    }

    /**
     * @param checks the checks, in the order of {@code duckdbTimed}
     * @param report the engine's report
     * @param duckdbTimed DuckDB's values from the timed query
     * @param connection the database with the same rows
     * @return one row per check
     * @throws SQLException if a reference query fails
     */
    public static List<Row> compare(List<Check> checks, QualityReport report, double[] duckdbTimed,
                                    Connection connection) throws SQLException {
        double[] engine = new double[checks.size()];
        List<String> items = new ArrayList<>();
        int[] first = new int[checks.size()];
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            CheckResult r = report.result(c.name()).orElseThrow(() ->
                    new IllegalStateException("the report has no result for check '" + c.name() + "'"));
            engine[i] = r.value();
            first[i] = items.size();
            if (c.metric() instanceof Metric.Quantile q) {
                String col = MetricSql.id(q.column());
                String v = Double.isNaN(engine[i]) ? "NULL" : Double.toString(engine[i]) + "::DOUBLE";
                items.add("count_if(" + col + " < " + v + ")");
                items.add("count_if(" + col + " <= " + v + ")");
                items.add("count(" + col + ")");
            } else {
                items.add(MetricSql.reference(c));
            }
        }
        double[] ref = query(connection, items);
        List<Row> rows = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            MetricSql.Kind kind = MetricSql.kind(c);
            double e = engine[i];
            double x = ref[first[i]];
            boolean ok;
            String exact;
            switch (kind) {
                case EXACT:
                    ok = e == x || Double.isNaN(e) && Double.isNaN(x);
                    exact = num(x);
                    break;
                case FLOAT:
                    ok = Math.abs(e - x) <= FLOAT_RELATIVE * Math.max(Math.abs(x), 1e-12)
                            || Double.isNaN(e) && Double.isNaN(x);
                    exact = num(x);
                    break;
                case SECS:
                    ok = Math.abs(e - x) <= 1e-3;
                    exact = num(x);
                    break;
                case HLL:
                    ok = Math.abs(e - x) <= HLL_RELATIVE_ERROR * x;
                    exact = num(x) + String.format(Locale.ROOT, " (%+.2f%%)", 100 * (e - x) / x);
                    break;
                case KLL: {
                    double n = ref[first[i] + 2];
                    double lo = x / n;
                    double hi = ref[first[i] + 1] / n;
                    double rank = ((Metric.Quantile) c.metric()).rank();
                    ok = rank >= lo - KLL_RANK_ERROR && rank <= hi + KLL_RANK_ERROR;
                    exact = String.format(Locale.ROOT, "rank %.4f", (lo + hi) / 2);
                    break;
                }
                default:
                    throw new AssertionError(kind);
            }
            rows.add(new Row(c, kind, e, duckdbTimed[i], exact, ok));
        }
        return rows;
    }

    /**
     * Runs one aggregate query over the orders table.
     *
     * @param connection the database
     * @param aggregates the select items
     * @return their values, NaN for NULL
     * @throws SQLException if the query fails
     */
    static double[] query(Connection connection, List<String> aggregates) throws SQLException {
        return query(connection, select(aggregates), aggregates.size());
    }

    /**
     * @param connection the database
     * @param sql a query of one row
     * @param columns its number of columns
     * @return their values, NaN for NULL
     * @throws SQLException if the query fails
     */
    static double[] query(Connection connection, String sql, int columns) throws SQLException {
        double[] out = new double[columns];
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("an aggregate query returned no row");
            }
            for (int i = 0; i < out.length; i++) {
                double v = rs.getDouble(i + 1);
                out[i] = rs.wasNull() ? Double.NaN : v;
            }
        }
        return out;
    }

    static String select(List<String> aggregates) {
        return "SELECT " + String.join(",\n  ", aggregates) + "\nFROM " + DuckDbOrders.TABLE;
    }

    /**
     * Prints the comparison as a table.
     *
     * @param rows the rows
     * @param onlyFailures whether to print only the rows that are not ok
     * @param out where to print
     */
    public static void print(List<Row> rows, boolean onlyFailures, PrintStream out) {
        out.printf(Locale.ROOT, "%-58s | %-5s | %18s | %18s | %-24s | %s%n", "check (metric)", "kind", "engine",
                "duckdb", "exact reference", "ok");
        out.println("-".repeat(58) + "-+-------+-" + "-".repeat(18) + "-+-" + "-".repeat(18) + "-+-"
                + "-".repeat(24) + "-+---");
        for (Row r : rows) {
            if (onlyFailures && r.ok()) {
                continue;
            }
            String name = r.check().name();
            out.printf(Locale.ROOT, "%-58s | %-5s | %18s | %18s | %-24s | %s%n",
                    name.length() > 58 ? name.substring(0, 55) + "..." : name, r.kind(), num(r.engine()),
                    num(r.duckdb()), r.exact(), r.ok() ? "ok" : "MISMATCH");
        }
        long bad = rows.stream().filter(r -> !r.ok()).count();
        out.printf(Locale.ROOT, "verified %d checks: %d ok, %d mismatched (HLL bound +-%.2f%%, KLL rank error %.4f)%n",
                rows.size(), rows.size() - bad, bad, 100 * HLL_RELATIVE_ERROR, KLL_RANK_ERROR);
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
