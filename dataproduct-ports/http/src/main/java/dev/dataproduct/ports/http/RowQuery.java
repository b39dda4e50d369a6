package dev.dataproduct.ports.http;

import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.SnapshotSelector;
import dev.dataproduct.core.read.SortKey;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rows query of the REST port, parsed from a query string in the PostgREST style: {@code select},
 * filters {@code col=op.value}, {@code order}, {@code limit}, {@code cursor}, {@code snapshot} or
 * {@code asOf}. Every error names the parameter it was found in.
 *
 * @param request the read request for the read path
 * @param canonical the query without its cursor, parameters in the order given (for links and ETags)
 * @param limit the page size asked for
 * @param columns each column the query names, with the parameter it was first named in
 */
record RowQuery(ReadRequest request, String canonical, long limit, Map<String, String> columns) {
    static final Set<String> RESERVED = Set.of("select", "order", "limit", "cursor", "snapshot", "asOf");
    static final List<String> OPERATORS = List.of("eq", "neq", "gt", "gte", "lt", "lte", "in", "is", "like");
    // numbers as JSON writes them, in ASCII: Java's parsers also take other scripts' digits, blanks, hex and suffixes
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern NON_FINITE = Pattern.compile("NaN|[+-]?Infinity");

    /**
     * @param rawQuery the raw (still encoded) query string, or null
     * @param spec the dataset read
     * @param port the port name for the audit
     * @param defaultLimit the page size when none is asked
     * @param maxLimit the largest page size allowed
     * @return the query
     * @throws BadRequest naming the parameter at fault
     */
    static RowQuery parse(String rawQuery, DatasetSpec spec, String port, long defaultLimit, long maxLimit) {
        ReadRequest.Builder b = ReadRequest.of(spec.name()).via(port);
        List<String[]> params = split(rawQuery);
        Set<String> seen = new LinkedHashSet<>();
        List<Expr> filters = new ArrayList<>();
        List<String> canonical = new ArrayList<>();
        Map<String, String> columns = new LinkedHashMap<>();
        long limit = defaultLimit;
        String cursor = null;
        boolean snapshotGiven = false;
        for (String[] p : params) {
            String name = p[0];
            String value = p[1];
            if (RESERVED.contains(name) && !seen.add(name)) {
                throw BadRequest.query(name, "the parameter '" + name + "' is given twice; give it once");
            }
            switch (name) {
                case "select" -> {
                    List<String> cols = new ArrayList<>();
                    for (String c : value.split(",", -1)) {
                        if (c.isBlank()) {
                            throw BadRequest.query(name, "select=" + value + " has an empty column name; "
                                    + "list columns separated by commas, as in select=a,b");
                        }
                        cols.add(c.trim());
                        columns.putIfAbsent(c.trim(), name);
                    }
                    b.columns(cols.toArray(String[]::new));
                }
                case "order" -> {
                    Set<String> keys = new LinkedHashSet<>();
                    for (String k : value.split(",", -1)) {
                        SortKey key = sortKey(k);
                        if (!keys.add(key.column())) {
                            throw BadRequest.query(name, "order names column '" + key.column() + "' twice; name "
                                    + "each column once, as in order=a.desc,b");
                        }
                        columns.putIfAbsent(key.column(), name);
                        b.orderBy(key);
                    }
                }
                case "limit" -> limit = limit(value, maxLimit);
                case "cursor" -> cursor = value;
                case "snapshot", "asOf" -> {
                    if (snapshotGiven) {
                        throw BadRequest.query(name, "give either snapshot or asOf, not both");
                    }
                    snapshotGiven = true;
                    b.snapshot(name.equals("snapshot") ? SnapshotSelector.id(value) : asOf(value));
                }
                default -> {
                    filters.add(filter(name, value, spec));
                    columns.putIfAbsent(name, name);
                }
            }
            if (!name.equals("cursor")) {
                canonical.add(encode(name) + "=" + encode(value));
            }
        }
        if (!filters.isEmpty()) {
            b.where(filters.size() == 1 ? filters.get(0) : Expr.allOf(filters.toArray(Expr[]::new)));
        }
        b.limit(limit);
        if (cursor != null) {
            b.after(cursor);
        }
        // the order of filters is kept: it decides the filter, so a resumed page must repeat it
        return new RowQuery(b.build(), String.join("&", canonical), limit,
                Collections.unmodifiableMap(columns));
    }

    /**
     * @param readable the columns the caller may read
     * @return the parameter that names a column not among them, the first in the query, if any
     */
    Optional<String> parameterNaming(Collection<String> readable) {
        return columns.entrySet().stream().filter(e -> !readable.contains(e.getKey())).map(Map.Entry::getValue)
                .findFirst();
    }

    private static List<String[]> split(String raw) {
        List<String[]> out = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), pair);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            out.add(new String[] {name, value});
        }
        return out;
    }

    private static String decode(String s, String where) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw BadRequest.query(where, "'" + where + "' is not validly percent-encoded: " + e.getMessage());
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static SortKey sortKey(String key) {
        String k = key.trim();
        if (k.isEmpty()) {
            throw BadRequest.query("order", "order has an empty key; write order=col or order=col.desc");
        }
        int dot = k.lastIndexOf('.');
        if (dot > 0) {
            String dir = k.substring(dot + 1);
            if (dir.equals("desc")) {
                return SortKey.desc(k.substring(0, dot));
            }
            if (dir.equals("asc")) {
                return SortKey.asc(k.substring(0, dot));
            }
            throw BadRequest.query("order", "order key '" + k + "' ends in '." + dir
                    + "'; the direction is asc or desc, as in order=col.desc");
        }
        return SortKey.asc(k);
    }

    private static long limit(String value, long max) {
        long n;
        try {
            n = Long.parseLong(ascii(value, INTEGER));
        } catch (NumberFormatException e) {
            throw BadRequest.query("limit", "limit=" + value + " is not a whole number; give 0 to " + max);
        }
        if (n < 0 || n > max) {
            throw BadRequest.query("limit", "limit=" + value + " is out of range; give 0 to " + max
                    + " and follow the Link rel=\"next\" header for more");
        }
        return n;
    }

    private static SnapshotSelector asOf(String value) {
        try {
            return SnapshotSelector.asOf(Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw BadRequest.query("asOf", "asOf=" + value + " is not an instant; write it as in "
                    + "2026-09-01T00:00:00Z");
        }
    }

    private static Expr filter(String column, String value, DatasetSpec spec) {
        return filter(column, value, spec.schema().field(column).map(Field::type));
    }

    /**
     * Parses one filter parameter {@code column=op.value} (optionally {@code not.op.value}), the
     * rows endpoint's syntax, which the metrics endpoint shares.
     *
     * @param column the parameter's name, a column
     * @param value the parameter's value
     * @param declared the column's type where it is known; a value of an unknown column is read as text
     * @return the predicate
     * @throws BadRequest naming the parameter, for an unknown operator or a value not of the column's type
     */
    static Expr filter(String column, String value, Optional<LogicalType> declared) {
        if (column.isBlank()) {
            throw BadRequest.query(column, "a query parameter has no name ('" + column + "=" + value + "'); a filter "
                    + "is written column=op.value, as in grade=gte.5");
        }
        boolean negated = value.startsWith("not.");
        String v = negated ? value.substring(4) : value;
        int dot = v.indexOf('.');
        String op = dot < 0 ? v : v.substring(0, dot);
        if (dot < 0 || !OPERATORS.contains(op)) {
            throw BadRequest.query(column, "filter " + column + "=" + value + " has no operator; write "
                    + column + "=op.value with op one of " + OPERATORS + ", optionally after not.");
        }
        String arg = v.substring(dot + 1);
        // an unknown column is left to the read path, which answers alike for hidden and absent columns
        LogicalType type = declared.orElse(new LogicalType.StringType());
        Expr col = Expr.col(column);
        Expr e = switch (op) {
            case "eq" -> col.eq(literal(column, arg, type));
            case "neq" -> col.ne(literal(column, arg, type));
            case "gt" -> col.gt(literal(column, arg, type));
            case "gte" -> col.ge(literal(column, arg, type));
            case "lt" -> col.lt(literal(column, arg, type));
            case "lte" -> col.le(literal(column, arg, type));
            case "in" -> col.in(list(column, arg, type).toArray());
            case "is" -> is(col, column, arg);
            case "like" -> {
                if (!(type instanceof LogicalType.StringType)) {
                    throw BadRequest.query(column, "like applies to text columns; '" + column + "' is of type "
                            + type.odcsLogicalType());
                }
                yield col.matches(likePattern(arg));
            }
            default -> throw new IllegalStateException(op);
        };
        return negated ? e.not() : e;
    }

    private static Expr is(Expr col, String column, String arg) {
        return switch (arg) {
            case "null" -> col.isNull();
            case "true" -> col.eq(true);
            case "false" -> col.eq(false);
            default -> throw BadRequest.query(column, "is." + arg + " is not a test; write is.null, is.true or "
                    + "is.false (not.is.null for values that are present)");
        };
    }

    static String likePattern(String like) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : like.toCharArray()) {
            if (c == '*' || c == '%') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append("(?s:.*)");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex.toString();
    }

    private static List<Object> list(String column, String arg, LogicalType type) {
        if (!arg.startsWith("(") || !arg.endsWith(")")) {
            throw BadRequest.query(column, "in." + arg + " is not a list; write " + column + "=in.(a,b)");
        }
        String body = arg.substring(1, arg.length() - 1);
        List<Object> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                wasQuoted = true;
            } else if (c == '\\' && quoted && i + 1 < body.length()) {
                cur.append(body.charAt(++i));
            } else if (c == ',' && !quoted) {
                out.add(literal(column, wasQuoted ? cur.toString() : cur.toString().trim(), type));
                cur.setLength(0);
                wasQuoted = false;
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw BadRequest.query(column, "in." + arg + " has an unclosed double quote");
        }
        out.add(literal(column, wasQuoted ? cur.toString() : cur.toString().trim(), type));
        return out;
    }

    static Object literal(String column, String text, LogicalType type) {
        try {
            if (type instanceof LogicalType.IntegerType) {
                return Long.parseLong(ascii(text, INTEGER));
            }
            if (type instanceof LogicalType.FloatingType) {
                return Double.parseDouble(NON_FINITE.matcher(text).matches() ? text : ascii(text, DECIMAL));
            }
            if (type instanceof LogicalType.DecimalType) {
                return new BigDecimal(ascii(text, DECIMAL));
            }
            if (type instanceof LogicalType.BooleanType) {
                if (!text.equals("true") && !text.equals("false")) {
                    throw new IllegalArgumentException();
                }
                return Boolean.parseBoolean(text);
            }
            if (type instanceof LogicalType.DateType) {
                return LocalDate.parse(text);
            }
            if (type instanceof LogicalType.TimeType) {
                return LocalTime.parse(text);
            }
            if (type instanceof LogicalType.TimestampType ts) {
                return ts.withZone() ? Instant.parse(text) : LocalDateTime.parse(text);
            }
            if (type instanceof LogicalType.StringType) {
                return text;
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw BadRequest.query(column, "'" + text + "' is not a valid " + type.odcsLogicalType() + " value for column '"
                    + column + "'" + example(type));
        }
        throw BadRequest.query(column, "column '" + column + "' is of type " + type.odcsLogicalType()
                + " and cannot be filtered on; filter on a column of a simple type");
    }

    /** @return the text if it has the shape, for the parser to read */
    private static String ascii(String text, Pattern shape) {
        if (!shape.matcher(text).matches()) {
            throw new NumberFormatException(text);
        }
        return text;
    }

    private static String example(LogicalType type) {
        if (type instanceof LogicalType.DateType) {
            return "; write dates as 2026-09-01";
        }
        if (type instanceof LogicalType.TimestampType ts) {
            return ts.withZone() ? "; write instants as 2026-09-01T00:00:00Z" : "; write as 2026-09-01T00:00:00";
        }
        return "";
    }

    /** @return whether a request with this query could use the cursor of the given value */
    Optional<String> cursor() {
        return request.cursor();
    }
}
