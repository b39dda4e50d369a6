package dev.dataproduct.benchmarks;

import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.quality.Check;
import dev.dataproduct.api.quality.Metric;
import dev.dataproduct.api.schema.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders the metric of a check as one DuckDB aggregate expression over the orders table, written
 * here from the metric's documented meaning (not from the engine's code), so the two are
 * independent computations of the same definition.
 *
 * <p>Conditional counts are written {@code count_if(cond)} rather than
 * {@code count(*) FILTER (WHERE cond)}: the same value, and in DuckDB 1.5 the faster form by far once
 * a query has dozens of them (measured: 100 range counts over 1M rows take 0.25 s with
 * {@code count_if} and 1.8 s with {@code FILTER}); the comparison gives DuckDB its best form.
 *
 * <p>Two renderings: {@link #timed(Check)} is what DuckDB would do for the same job (HyperLogLog
 * for distinct counts, its own quantile sketch for quantiles) and is the one that is timed;
 * {@link #reference(Check)} is exact and is only used to verify the engine.
 */
final class MetricSql {
    private MetricSql() {
    }

    /** How an engine value is compared with DuckDB's. */
    enum Kind {
        /** Counts, extremes and sums of integers: equal. */
        EXACT,
        /** Floating point aggregates computed in another order: equal to a relative 1e-9. */
        FLOAT,
        /** Seconds from microseconds: equal to a millisecond. */
        SECS,
        /** HyperLogLog: within three standard errors of the exact distinct count. */
        HLL,
        /** KLL: the exact rank of the engine's value is within the sketch's rank error of the rank asked for. */
        KLL
    }

    static Kind kind(Check check) {
        Metric m = check.metric();
        if (m instanceof Metric.ApproxDistinct) {
            return Kind.HLL;
        }
        if (m instanceof Metric.Quantile) {
            return Kind.KLL;
        }
        if (m instanceof Metric.Freshness) {
            return Kind.SECS;
        }
        if (m instanceof Metric.Completeness || check.percent()) {
            return Kind.FLOAT;
        }
        if (m instanceof Metric.Stat s) {
            boolean integers = OrdersGenerator.schema().field(s.column())
                    .map(f -> f.type() instanceof LogicalType.IntegerType).orElse(false);
            return s.statistic() == Metric.Statistic.MIN || s.statistic() == Metric.Statistic.MAX
                    || integers && s.statistic() == Metric.Statistic.SUM ? Kind.EXACT : Kind.FLOAT;
        }
        return Kind.EXACT;
    }

    /**
     * The timed query: one aggregate per check, in check order, except that the quantiles of one
     * column share one {@code approx_quantile(column, [ranks])} (one sketch per column, as the
     * engine may do too: DuckDB's best form, several times faster than one sketch per rank).
     *
     * @param checks the checks
     * @return one query whose single row has one column per check, in order
     */
    static String timedQuery(List<Check> checks) {
        Map<String, List<Integer>> quantiles = new LinkedHashMap<>();
        List<String> inner = new ArrayList<>();
        String[] outer = new String[checks.size()];
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            if (c.metric() instanceof Metric.Quantile q && !c.percent()) {
                quantiles.computeIfAbsent(q.column(), k -> new ArrayList<>()).add(i);
            } else {
                inner.add(timed(c) + " AS m" + i);
                outer[i] = "m" + i;
            }
        }
        int g = 0;
        for (Map.Entry<String, List<Integer>> e : quantiles.entrySet()) {
            String ranks = e.getValue().stream().map(i -> Double.toString(((Metric.Quantile) checks.get(i).metric())
                    .rank())).collect(Collectors.joining(", ", "[", "]"));
            inner.add("approx_quantile(" + id(e.getKey()) + ", " + ranks + ") AS q" + g);
            for (int j = 0; j < e.getValue().size(); j++) {
                outer[e.getValue().get(j)] = "q" + g + "[" + (j + 1) + "]";
            }
            g++;
        }
        return "SELECT " + String.join(", ", outer) + "\nFROM (SELECT\n  " + String.join(",\n  ", inner)
                + "\n  FROM " + DuckDbOrders.TABLE + ")";
    }

    /** @return the aggregate DuckDB computes for the check in the timed query */
    static String timed(Check check) {
        Metric m = check.metric();
        if (m instanceof Metric.ApproxDistinct a) {
            return "approx_count_distinct(" + id(a.column()) + ")";
        }
        if (m instanceof Metric.Quantile q) {
            return "approx_quantile(" + id(q.column()) + ", " + q.rank() + ")";
        }
        return reference(check);
    }

    /** @return the exact aggregate for the check (for a quantile: the exact continuous quantile) */
    static String reference(Check check) {
        String value = exact(check.metric());
        return check.percent() ? "100.0 * (" + value + ") / count(*)" : value;
    }

    private static String exact(Metric metric) {
        if (metric instanceof Metric.RowCount) {
            return "count(*)";
        } else if (metric instanceof Metric.Completeness c) {
            return "count(" + id(c.column()) + ")::DOUBLE / count(*)";
        } else if (metric instanceof Metric.NullCount n) {
            return "count(*) - count(" + id(n.column()) + ")";
        } else if (metric instanceof Metric.MissingCount m) {
            String c = id(m.column());
            String text = isString(m.column()) ? c : "CAST(" + c + " AS VARCHAR)";
            String in = m.missingValues().isEmpty() ? "" : " OR " + text + " IN ("
                    + m.missingValues().stream().map(MetricSql::text).collect(Collectors.joining(", ")) + ")";
            return "count_if(" + c + " IS NULL" + in + ")";
        } else if (metric instanceof Metric.InvalidCount i) {
            return "count_if(" + id(i.column()) + " IS NOT NULL AND NOT (" + valid(i) + "))";
        } else if (metric instanceof Metric.DuplicateCount d) {
            if (d.columns().size() == 1) {
                String c = id(d.columns().get(0));
                return "count(" + c + ") - count(DISTINCT " + c + ")";
            }
            String anyValue = d.columns().stream().map(c -> id(c) + " IS NOT NULL")
                    .collect(Collectors.joining(" OR "));
            String key = d.columns().stream().map(MetricSql::id).collect(Collectors.joining(", ", "row(", ")"));
            return "count_if(" + anyValue + ") - count(DISTINCT " + key + ") FILTER (WHERE " + anyValue + ")";
        } else if (metric instanceof Metric.Stat s) {
            String c = id(s.column());
            switch (s.statistic()) {
                case MIN: return "min(" + c + ")::DOUBLE";
                case MAX: return "max(" + c + ")::DOUBLE";
                case MEAN: return "avg(" + c + ")";
                case SUM: return "sum(" + c + ")::DOUBLE";
                case STDDEV: return "stddev_samp(" + c + ")";
                default: throw new AssertionError(s.statistic());
            }
        } else if (metric instanceof Metric.ApproxDistinct a) {
            return "count(DISTINCT " + id(a.column()) + ")";
        } else if (metric instanceof Metric.Quantile q) {
            return "quantile_cont(" + id(q.column()) + ", " + q.rank() + ")";
        } else if (metric instanceof Metric.Freshness f) {
            long now = OrdersGenerator.NOW.getEpochSecond() * 1_000_000L;
            return "(" + now + " - epoch_us(max(" + id(f.column()) + "))) / 1000000.0";
        } else if (metric instanceof Metric.Violations v) {
            return "count_if((" + expr(v.predicate()) + ") IS NOT TRUE)";
        }
        throw new IllegalArgumentException("no SQL for " + metric.describe());
    }

    private static String valid(Metric.InvalidCount i) {
        String c = id(i.column());
        Metric.Validity v = i.validity();
        List<String> parts = new ArrayList<>();
        if (!v.allowedValues().isEmpty()) {
            String text = isString(i.column()) ? c : "CAST(" + c + " AS VARCHAR)";
            parts.add(text + " IN (" + v.allowedValues().stream().map(MetricSql::text)
                    .collect(Collectors.joining(", ")) + ")");
        }
        v.pattern().ifPresent(p -> parts.add("regexp_full_match(" + c + ", " + text(p) + ")"));
        v.min().ifPresent(min -> parts.add(c + " >= " + min));
        v.max().ifPresent(max -> parts.add(c + " <= " + max));
        v.minLength().ifPresent(min -> parts.add("length(" + c + ") >= " + min));
        v.maxLength().ifPresent(max -> parts.add("length(" + c + ") <= " + max));
        return parts.isEmpty() ? "TRUE" : String.join(" AND ", parts);
    }

    /** Renders a predicate in DuckDB's SQL: the same three-valued logic as the expression model. */
    static String expr(Expr e) {
        if (e instanceof Expr.Column c) {
            return id(c.name());
        } else if (e instanceof Expr.Literal l) {
            return literal(l.value());
        } else if (e instanceof Expr.Compare c) {
            return "(" + expr(c.left()) + " " + c.op().symbol() + " " + expr(c.right()) + ")";
        } else if (e instanceof Expr.And a) {
            return a.operands().stream().map(MetricSql::expr).collect(Collectors.joining(" AND ", "(", ")"));
        } else if (e instanceof Expr.Or o) {
            return o.operands().stream().map(MetricSql::expr).collect(Collectors.joining(" OR ", "(", ")"));
        } else if (e instanceof Expr.Not n) {
            return "(NOT " + expr(n.operand()) + ")";
        } else if (e instanceof Expr.IsNull n) {
            return "(" + expr(n.operand()) + " IS NULL)";
        } else if (e instanceof Expr.In in) {
            return "(" + expr(in.operand()) + " IN (" + in.values().stream().map(MetricSql::literal)
                    .collect(Collectors.joining(", ")) + "))";
        } else if (e instanceof Expr.Matches m) {
            return "regexp_full_match(" + expr(m.operand()) + ", " + text(m.regex()) + ")";
        } else if (e instanceof Expr.Arithmetic a) {
            switch (a.op()) {
                case DIVIDE:
                    return "(CAST(" + expr(a.left()) + " AS DOUBLE) / NULLIF(" + expr(a.right()) + ", 0))";
                case MODULO:
                    return "(" + expr(a.left()) + " % NULLIF(" + expr(a.right()) + ", 0))";
                default:
                    return "(" + expr(a.left()) + " " + a.op().symbol() + " " + expr(a.right()) + ")";
            }
        } else if (e instanceof Expr.Call call) {
            return call.function().sqlName() + call.args().stream().map(MetricSql::expr)
                    .collect(Collectors.joining(", ", "(", ")"));
        }
        throw new IllegalArgumentException("no SQL for expression " + e);
    }

    private static String literal(Object v) {
        if (v instanceof String s) {
            return text(s);
        } else if (v instanceof Long || v instanceof Boolean) {
            return v.toString();
        } else if (v instanceof Double d) {
            return d + "::DOUBLE";
        } else if (v instanceof BigDecimal b) {
            return b.toPlainString();
        } else if (v instanceof Instant i) {
            return "TIMESTAMPTZ " + text(i.toString());
        }
        throw new IllegalArgumentException("no SQL literal for " + v.getClass().getSimpleName());
    }

    private static boolean isString(String column) {
        return OrdersGenerator.schema().field(column).map(f -> f.type() == LogicalType.STRING).orElse(false);
    }

    static String id(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String text(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
