package dev.dataproduct.core.expr;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.api.expr.ArithmeticOp;
import dev.dataproduct.api.expr.CompareOp;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.schema.LogicalType;
import dev.dataproduct.api.schema.TextValues;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Evaluates {@link Expr expressions} over Arrow batches, one column at a time: a predicate yields
 * a {@link Selection}, any expression yields a vector. Semantics are SQL's (see {@link Expr}).
 * Timestamps are compared at microsecond precision (nanoseconds floored; a timestamp beyond the
 * range of microseconds saturates, see {@link TimestampUnits}, and still sorts after or before
 * every other).
 *
 * <pre>{@code
 * ExpressionEvaluator evaluator = new ExpressionEvaluator(principal);
 * Selection valid = evaluator.select(Expr.col("quantity").between(1, 1000), batch);
 * }</pre>
 *
 * <p>Comparisons follow {@link ValueOrder} ({@code -0.0 = 0.0}, NaN equal to itself and above every
 * number, strings by code point). In arithmetic only integer overflow and division or modulo by
 * zero give null; a decimal with a double gives a double, as in DuckDB. A pattern match that runs
 * past its budget ({@link BoundedMatcher}) is unknown (null) and is reported by
 * {@link #undecidedPattern()}.
 *
 * <p>An evaluator caches compiled patterns; it is not safe for use by several threads at once.
 */
public final class ExpressionEvaluator {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final Principal principal;
    private final Map<String, BoundedMatcher> patterns = new HashMap<>();
    /** Why the last evaluation left a pattern match unknown, or null; and on which rows. */
    private String undecided;
    private final BitSet undecidedRows = new BitSet();

    /** An evaluator for expressions that read no principal attributes (they evaluate to null). */
    public ExpressionEvaluator() {
        this(new Principal("anonymous", java.util.Set.of(), Map.of()));
    }

    /** @param principal the principal whose attributes {@link Expr#principal(String)} reads */
    public ExpressionEvaluator(Principal principal) {
        this.principal = Objects.requireNonNull(principal, "principal");
    }

    /**
     * Finds the rows where a predicate is true.
     *
     * @param predicate a boolean expression
     * @param batch the rows
     * @return the rows where the predicate is true; unknown (null) counts as not selected
     * @throws IllegalArgumentException if the expression reads a column the batch lacks, is not
     *     boolean, or compares values of incompatible types
     */
    public Selection select(Expr predicate, VectorSchemaRoot batch) {
        undecided = null;
        undecidedRows.clear();
        Column c = eval(predicate, batch);
        int n = batch.getRowCount();
        if (c.kind == Kind.NULL) {
            return new Selection(new BitSet(n), n);
        }
        if (c.kind != Kind.BOOL) {
            throw new IllegalArgumentException("'" + predicate + "' is a " + c.kind.label()
                    + " expression, not a predicate");
        }
        BitSet bits = new BitSet(n);
        for (int i = 0; i < n; i++) {
            if (!c.isNull(i) && c.boolAt(i)) {
                bits.set(i);
            }
        }
        return new Selection(bits, n);
    }

    /**
     * Computes an expression for every row into a new vector.
     *
     * @param expr the expression
     * @param batch the rows
     * @param name the name of the vector
     * @param allocator where the vector's memory comes from
     * @return a vector of {@code batch.getRowCount()} values; the caller closes it. Integers come
     *     as int64, floats as float64, decimals as decimal(38, s), strings as utf8, timestamps in
     *     microseconds.
     * @throws IllegalArgumentException as {@link #select}
     */
    public FieldVector evaluate(Expr expr, VectorSchemaRoot batch, String name, BufferAllocator allocator) {
        undecided = null;
        undecidedRows.clear();
        Column c = eval(expr, batch);
        int n = batch.getRowCount();
        FieldVector v = newVector(c, name, allocator, n);
        try {
            if (c.kind == Kind.DOUBLE || c.kind == Kind.LONG) {
                // numbers are written straight from the evaluated arrays: a boxed value per row was most
                // of the cost of a computed measure
                writeNumbers(c, v, n);
                return v;
            }
            for (int i = 0; i < n; i++) {
                VectorValues.set(v, i, c.isNull(i) ? null : value(c, i, v));
            }
            v.setValueCount(n);
            return v;
        } catch (RuntimeException e) {
            v.close();
            throw e;
        }
    }

    /**
     * @return why the last {@link #select} or {@link #evaluate} left the match of a pattern unknown
     *     (null) on some row, its pattern running past its budget ({@link BoundedMatcher}); empty if
     *     every match was decided. The reason names the pattern, never the value.
     */
    public java.util.Optional<String> undecidedPattern() {
        return java.util.Optional.ofNullable(undecided);
    }

    /**
     * @param row a row of the batch of the last {@link #select} or {@link #evaluate}
     * @return whether a pattern match was left unknown on that row (see {@link #undecidedPattern()})
     */
    public boolean undecided(int row) {
        return undecidedRows.get(row);
    }

    // ---- evaluation ------------------------------------------------------------------------------

    private Column eval(Expr e, VectorSchemaRoot batch) {
        int n = batch.getRowCount();
        if (e instanceof Expr.Column c) {
            FieldVector v = batch.getVector(c.name());
            if (v == null) {
                throw new IllegalArgumentException("expression reads column '" + c.name()
                        + "', which the batch does not have; columns are "
                        + batch.getSchema().getFields().stream().map(f -> f.getName()).toList());
            }
            return read(v, n);
        } else if (e instanceof Expr.Literal l) {
            return constant(l.value(), n);
        } else if (e instanceof Expr.PrincipalAttribute p) {
            Object value = principal.attribute(p.name()).orElse(null);
            if (value instanceof Collection<?>) {
                throw new IllegalArgumentException("principal attribute '" + p.name()
                        + "' holds several values; compare it with IN over a column instead");
            }
            return value == null ? new Column(Kind.NULL, n, true) : constant(Expr.lit(value) instanceof Expr.Literal lit
                    ? lit.value() : value, n);
        } else if (e instanceof Expr.Compare c) {
            return compare(c, batch);
        } else if (e instanceof Expr.And a) {
            return logic(a.operands(), batch, true, e);
        } else if (e instanceof Expr.Or o) {
            return logic(o.operands(), batch, false, e);
        } else if (e instanceof Expr.Not not) {
            Column x = predicate(not.operand(), batch);
            Column out = new Column(Kind.BOOL, n, false);
            for (int i = 0; i < n; i++) {
                if (x.isNull(i)) {
                    out.nulls.set(i);
                } else {
                    out.bools[i] = !x.boolAt(i);
                }
            }
            return out;
        } else if (e instanceof Expr.IsNull isNull) {
            Column x = eval(isNull.operand(), batch);
            Column out = new Column(Kind.BOOL, n, false);
            for (int i = 0; i < n; i++) {
                out.bools[i] = x.isNull(i);
            }
            return out;
        } else if (e instanceof Expr.In in) {
            return in(in, batch);
        } else if (e instanceof Expr.Matches m) {
            return matches(m, batch);
        } else if (e instanceof Expr.Arithmetic a) {
            return arithmetic(a, batch);
        } else if (e instanceof Expr.Call call) {
            return call(call, batch);
        }
        throw new AssertionError("unhandled expression " + e);
    }

    private Column predicate(Expr e, VectorSchemaRoot batch) {
        Column c = eval(e, batch);
        if (c.kind != Kind.BOOL && c.kind != Kind.NULL) {
            throw new IllegalArgumentException("'" + e + "' is a " + c.kind.label() + " expression, not a predicate");
        }
        return c;
    }

    private Column logic(List<Expr> operands, VectorSchemaRoot batch, boolean isAnd, Expr whole) {
        int n = batch.getRowCount();
        Column out = new Column(Kind.BOOL, n, false);
        // start from the identity: true for AND, false for OR
        java.util.Arrays.fill(out.bools, isAnd);
        for (Expr operand : operands) {
            Column x = predicate(operand, batch);
            for (int i = 0; i < n; i++) {
                boolean decided = isAnd ? (!out.nulls.get(i) && !out.bools[i]) : (!out.nulls.get(i) && out.bools[i]);
                if (decided) {
                    continue;
                }
                if (x.isNull(i)) {
                    out.nulls.set(i);
                } else if (x.boolAt(i) != isAnd) {
                    // false decides AND, true decides OR, whatever was unknown before
                    out.nulls.clear(i);
                    out.bools[i] = !isAnd;
                }
            }
        }
        return out;
    }

    private Column compare(Expr.Compare c, VectorSchemaRoot batch) {
        Column[] sides = coerce(c.left(), c.right(), batch, c);
        return compareColumns(c.op(), sides[0], sides[1], batch.getRowCount(), c);
    }

    private Column compareColumns(CompareOp op, Column l, Column r, int n, Expr where) {
        Column out = new Column(Kind.BOOL, n, false);
        if (l.kind == Kind.NULL || r.kind == Kind.NULL) {
            out.nulls.set(0, n);
            return out;
        }
        Kind k = common(l.kind, r.kind, where);
        for (int i = 0; i < n; i++) {
            if (l.isNull(i) || r.isNull(i)) {
                out.nulls.set(i);
                continue;
            }
            int cmp;
            switch (k) {
                case LONG: case DATE: case TIME: case TIMESTAMP: case TIMESTAMP_TZ:
                    cmp = Long.compare(temporalOrLong(l, i, k), temporalOrLong(r, i, k));
                    break;
                case DOUBLE:
                    cmp = ValueOrder.compare(l.doubleAt(i), r.doubleAt(i));
                    break;
                case DECIMAL:
                    cmp = l.decimalAt(i).compareTo(r.decimalAt(i));
                    break;
                case STRING:
                    cmp = ValueOrder.compare((String) l.objectAt(i), (String) r.objectAt(i));
                    break;
                case BOOL:
                    cmp = Boolean.compare(l.boolAt(i), r.boolAt(i));
                    break;
                default:
                    if (op != CompareOp.EQ && op != CompareOp.NE) {
                        throw new IllegalArgumentException("'" + where + "': " + k.label()
                                + " values can only be compared with = and <>");
                    }
                    cmp = l.objectAt(i).equals(r.objectAt(i)) ? 0 : 1;
            }
            out.bools[i] = op.test(cmp);
        }
        return out;
    }

    /** A long in the unit of kind {@code k}: a date promoted to a timestamp becomes microseconds. */
    private static long temporalOrLong(Column c, int row, Kind k) {
        long v = c.longAt(row);
        if (c.kind == Kind.DATE && (k == Kind.TIMESTAMP || k == Kind.TIMESTAMP_TZ)) {
            return TimestampUnits.saturatedMultiply(v, MICROS_PER_DAY);
        }
        return v;
    }

    private static Kind common(Kind a, Kind b, Expr where) {
        if (a == b) {
            return a;
        }
        if (a.numeric() && b.numeric()) {
            // as in DuckDB: a double with anything gives a double (a decimal has no NaN or infinity)
            if (a == Kind.DOUBLE || b == Kind.DOUBLE) {
                return Kind.DOUBLE;
            }
            return Kind.DECIMAL;
        }
        if ((a == Kind.TIMESTAMP || a == Kind.TIMESTAMP_TZ) && (b == Kind.TIMESTAMP || b == Kind.TIMESTAMP_TZ)) {
            return Kind.TIMESTAMP;
        }
        if (a == Kind.DATE && (b == Kind.TIMESTAMP || b == Kind.TIMESTAMP_TZ)) {
            return b;
        }
        if (b == Kind.DATE && (a == Kind.TIMESTAMP || a == Kind.TIMESTAMP_TZ)) {
            return a;
        }
        throw new IllegalArgumentException("'" + where + "' compares a " + a.label() + " with a " + b.label());
    }

    /**
     * Evaluates two operands; a string constant on one side is read as the type of the other side
     * (so {@code col("day").ge("2024-01-01")} compares dates).
     */
    private Column[] coerce(Expr left, Expr right, VectorSchemaRoot batch, Expr where) {
        int n = batch.getRowCount();
        Column l = eval(left, batch);
        Column r = eval(right, batch);
        if (r.constant && r.kind == Kind.STRING && l.kind.temporal()) {
            r = parseConstant((String) r.objectAt(0), l.kind, n, where);
        } else if (l.constant && l.kind == Kind.STRING && r.kind.temporal()) {
            l = parseConstant((String) l.objectAt(0), r.kind, n, where);
        }
        return new Column[] {l, r};
    }

    private Column parseConstant(String text, Kind kind, int n, Expr where) {
        LogicalType type;
        switch (kind) {
            case DATE: type = LogicalType.DATE; break;
            case TIME: type = LogicalType.TIME; break;
            case TIMESTAMP_TZ: type = LogicalType.TIMESTAMP_TZ; break;
            default: type = LogicalType.TIMESTAMP; break;
        }
        try {
            return constant(TextValues.parse(type, text), n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + where + "': " + e.getMessage(), e);
        }
    }

    private Column in(Expr.In in, VectorSchemaRoot batch) {
        int n = batch.getRowCount();
        Column x = eval(in.operand(), batch);
        Column out = new Column(Kind.BOOL, n, false);
        if (x.kind == Kind.NULL) {
            out.nulls.set(0, n);
            return out;
        }
        for (Object value : in.values()) {
            Column v = constant(value, n);
            if (v.kind == Kind.STRING && x.kind.temporal()) {
                v = parseConstant((String) value, x.kind, n, in);
            }
            Column eq = compareColumns(CompareOp.EQ, x, v, n, in);
            for (int i = 0; i < n; i++) {
                if (!eq.isNull(i) && eq.boolAt(i)) {
                    out.bools[i] = true;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (x.isNull(i)) {
                out.nulls.set(i);
            }
        }
        return out;
    }

    private Column matches(Expr.Matches m, VectorSchemaRoot batch) {
        int n = batch.getRowCount();
        Column x = eval(m.operand(), batch);
        Column out = new Column(Kind.BOOL, n, false);
        if (x.kind == Kind.NULL) {
            out.nulls.set(0, n);
            return out;
        }
        if (x.kind != Kind.STRING) {
            throw new IllegalArgumentException("'" + m + "' matches a pattern against a " + x.kind.label()
                    + "; patterns apply to strings");
        }
        BoundedMatcher p = patterns.computeIfAbsent(m.regex(), r -> new BoundedMatcher(Pattern.compile(r)));
        for (int i = 0; i < n; i++) {
            if (x.isNull(i)) {
                out.nulls.set(i);
            } else {
                String text = (String) x.objectAt(i);
                int found = p.matches(text);
                if (found == BoundedMatcher.UNDECIDED) {
                    out.nulls.set(i);
                    undecidedRows.set(i);
                    if (undecided == null) {
                        undecided = BoundedMatcher.reason(m.regex(), text.length());
                    }
                } else {
                    out.bools[i] = found == 1;
                }
            }
        }
        return out;
    }

    private Column arithmetic(Expr.Arithmetic a, VectorSchemaRoot batch) {
        int n = batch.getRowCount();
        Column l = eval(a.left(), batch);
        Column r = eval(a.right(), batch);
        if (l.kind == Kind.NULL || r.kind == Kind.NULL) {
            return new Column(Kind.NULL, n, true);
        }
        if (!l.kind.numeric() || !r.kind.numeric()) {
            throw new IllegalArgumentException("'" + a + "' does arithmetic on a " + l.kind.label() + " and a "
                    + r.kind.label() + "; arithmetic applies to numbers");
        }
        Kind k = common(l.kind, r.kind, a);
        if (a.op() == ArithmeticOp.DIVIDE && k == Kind.LONG) {
            k = Kind.DOUBLE;
        }
        if (l.kind == Kind.LONG && r.kind == Kind.LONG && a.op() != ArithmeticOp.DIVIDE) {
            k = Kind.LONG;
        }
        Column out = new Column(k, n, false);
        for (int i = 0; i < n; i++) {
            if (l.isNull(i) || r.isNull(i)) {
                out.nulls.set(i);
                continue;
            }
            try {
                switch (k) {
                    case LONG: out.longs[i] = longOp(a.op(), l.longAt(i), r.longAt(i)); break;
                    case DOUBLE: out.doubles[i] = doubleOp(a.op(), l.doubleAt(i), r.doubleAt(i)); break;
                    default: out.objects[i] = decimalOp(a.op(), l.decimalAt(i), r.decimalAt(i)); break;
                }
            } catch (ArithmeticException overflowOrZero) {
                out.nulls.set(i);
            }
        }
        return out;
    }

    private static long longOp(ArithmeticOp op, long x, long y) {
        switch (op) {
            case ADD: return Math.addExact(x, y);
            case SUBTRACT: return Math.subtractExact(x, y);
            case MULTIPLY: return Math.multiplyExact(x, y);
            case MODULO: return x % y;
            default: throw new AssertionError(op);
        }
    }

    private static double doubleOp(ArithmeticOp op, double x, double y) {
        switch (op) {
            case ADD: return x + y;
            case SUBTRACT: return x - y;
            case MULTIPLY: return x * y;
            case DIVIDE:
                if (y == 0) {
                    throw new ArithmeticException("division by zero");
                }
                return x / y;
            case MODULO:
                if (y == 0) {
                    throw new ArithmeticException("modulo by zero");
                }
                return x % y;
            default: throw new AssertionError(op);
        }
    }

    private static BigDecimal decimalOp(ArithmeticOp op, BigDecimal x, BigDecimal y) {
        switch (op) {
            case ADD: return x.add(y);
            case SUBTRACT: return x.subtract(y);
            case MULTIPLY: return x.multiply(y);
            case DIVIDE: return x.divide(y, MathContext.DECIMAL128);
            case MODULO: return x.remainder(y);
            default: throw new AssertionError(op);
        }
    }

    private Column call(Expr.Call call, VectorSchemaRoot batch) {
        int n = batch.getRowCount();
        List<Expr> args = call.args();
        switch (call.function()) {
            case LENGTH: {
                Column x = eval(args.get(0), batch);
                Column out = new Column(Kind.LONG, n, false);
                for (int i = 0; i < n; i++) {
                    if (x.isNull(i)) {
                        out.nulls.set(i);
                    } else if (x.kind == Kind.STRING) {
                        String s = (String) x.objectAt(i);
                        out.longs[i] = s.codePointCount(0, s.length());
                    } else if (x.kind == Kind.LIST) {
                        out.longs[i] = ((List<?>) x.objectAt(i)).size();
                    } else {
                        throw new IllegalArgumentException("'" + call + "': length applies to strings and arrays, not "
                                + x.kind.label());
                    }
                }
                return out;
            }
            case LOWER:
            case UPPER: {
                Column x = eval(args.get(0), batch);
                if (x.kind == Kind.NULL) {
                    return x;
                }
                if (x.kind != Kind.STRING) {
                    throw new IllegalArgumentException("'" + call + "' applies to strings, not " + x.kind.label());
                }
                Column out = new Column(Kind.STRING, n, false);
                boolean lower = call.function() == dev.dataproduct.api.expr.Function.LOWER;
                for (int i = 0; i < n; i++) {
                    if (x.isNull(i)) {
                        out.nulls.set(i);
                    } else {
                        String s = (String) x.objectAt(i);
                        out.objects[i] = lower ? s.toLowerCase(Locale.ROOT) : s.toUpperCase(Locale.ROOT);
                    }
                }
                return out;
            }
            case ABS: {
                Column x = eval(args.get(0), batch);
                if (x.kind == Kind.NULL) {
                    return x;
                }
                if (!x.kind.numeric()) {
                    throw new IllegalArgumentException("'" + call + "' applies to numbers, not " + x.kind.label());
                }
                Column out = new Column(x.kind, n, false);
                for (int i = 0; i < n; i++) {
                    if (x.isNull(i)) {
                        out.nulls.set(i);
                        continue;
                    }
                    switch (x.kind) {
                        case LONG:
                            if (x.longAt(i) == Long.MIN_VALUE) {
                                out.nulls.set(i);
                            } else {
                                out.longs[i] = Math.abs(x.longAt(i));
                            }
                            break;
                        case DOUBLE: out.doubles[i] = Math.abs(x.doubleAt(i)); break;
                        default: out.objects[i] = x.decimalAt(i).abs(); break;
                    }
                }
                return out;
            }
            case COALESCE: {
                Column[] cols = new Column[args.size()];
                Kind k = null;
                for (int a = 0; a < cols.length; a++) {
                    cols[a] = eval(args.get(a), batch);
                    if (cols[a].kind != Kind.NULL) {
                        k = k == null ? cols[a].kind : common(k, cols[a].kind, call);
                    }
                }
                if (k == null) {
                    return new Column(Kind.NULL, n, true);
                }
                Column out = new Column(k, n, false);
                for (int i = 0; i < n; i++) {
                    out.nulls.set(i);
                    for (Column c : cols) {
                        if (!c.isNull(i)) {
                            out.nulls.clear(i);
                            store(out, i, c, k);
                            break;
                        }
                    }
                }
                return out;
            }
            default:
                throw new AssertionError(call.function());
        }
    }

    private static void store(Column out, int row, Column from, Kind k) {
        switch (k) {
            case LONG: case DATE: case TIME: case TIMESTAMP: case TIMESTAMP_TZ:
                out.longs[row] = temporalOrLong(from, row, k);
                break;
            case DOUBLE: out.doubles[row] = from.doubleAt(row); break;
            case DECIMAL: out.objects[row] = from.decimalAt(row); break;
            case BOOL: out.bools[row] = from.boolAt(row); break;
            default: out.objects[row] = from.objectAt(row); break;
        }
    }

    // ---- reading Arrow and constants -------------------------------------------------------------

    /** Reads one value of a fixed-width vector as a long, after a null check. */
    @FunctionalInterface
    private interface LongAt {
        long get(int row);
    }

    private static Column readLongs(FieldVector v, int n, Kind kind, LongAt at) {
        Column c = new Column(kind, n, false);
        for (int i = 0; i < n; i++) {
            if (v.isNull(i)) {
                c.nulls.set(i);
            } else {
                c.longs[i] = at.get(i);
            }
        }
        return c;
    }

    private static Column read(FieldVector v, int n) {
        if (v instanceof BigIntVector x) {
            return readLongs(v, n, Kind.LONG, x::get);
        } else if (v instanceof IntVector x) {
            return readLongs(v, n, Kind.LONG, x::get);
        } else if (v instanceof SmallIntVector x) {
            return readLongs(v, n, Kind.LONG, x::get);
        } else if (v instanceof TinyIntVector x) {
            return readLongs(v, n, Kind.LONG, x::get);
        } else if (v instanceof DateDayVector x) {
            return readLongs(v, n, Kind.DATE, x::get);
        } else if (v instanceof TimeMicroVector x) {
            return readLongs(v, n, Kind.TIME, x::get);
        } else if (v instanceof TimeStampVector x) {
            ArrowType.Timestamp t = (ArrowType.Timestamp) x.getField().getType();
            return readLongs(v, n, t.getTimezone() == null ? Kind.TIMESTAMP : Kind.TIMESTAMP_TZ,
                    i -> TimestampUnits.toMicros(x.get(i), t.getUnit()));
        } else if (v instanceof Float8Vector || v instanceof Float4Vector) {
            Column c = new Column(Kind.DOUBLE, n, false);
            for (int i = 0; i < n; i++) {
                if (v.isNull(i)) {
                    c.nulls.set(i);
                } else {
                    c.doubles[i] = v instanceof Float8Vector f8 ? f8.get(i) : ((Float4Vector) v).get(i);
                }
            }
            return c;
        } else if (v instanceof BitVector x) {
            Column c = new Column(Kind.BOOL, n, false);
            for (int i = 0; i < n; i++) {
                if (x.isNull(i)) {
                    c.nulls.set(i);
                } else {
                    c.bools[i] = x.get(i) != 0;
                }
            }
            return c;
        }
        Kind kind;
        if (v instanceof VarCharVector) {
            kind = Kind.STRING;
        } else if (v instanceof DecimalVector) {
            kind = Kind.DECIMAL;
        } else if (v instanceof ListVector) {
            kind = Kind.LIST;
        } else if (v instanceof StructVector) {
            kind = Kind.STRUCT;
        } else {
            throw new IllegalArgumentException("column '" + v.getName() + "' has Arrow type " + v.getField().getType()
                    + ", which expressions do not support");
        }
        Column c = new Column(kind, n, false);
        for (int i = 0; i < n; i++) {
            Object o = VectorValues.get(v, i);
            if (o == null) {
                c.nulls.set(i);
            } else {
                c.objects[i] = o;
            }
        }
        return c;
    }

    private static Column constant(Object value, int n) {
        Column c;
        if (value instanceof Long l) {
            c = new Column(Kind.LONG, n, true);
            c.longs[0] = l;
        } else if (value instanceof Double d) {
            c = new Column(Kind.DOUBLE, n, true);
            c.doubles[0] = d;
        } else if (value instanceof BigDecimal d) {
            c = new Column(Kind.DECIMAL, n, true);
            c.objects[0] = d;
        } else if (value instanceof String s) {
            c = new Column(Kind.STRING, n, true);
            c.objects[0] = s;
        } else if (value instanceof Boolean b) {
            c = new Column(Kind.BOOL, n, true);
            c.bools[0] = b;
        } else if (value instanceof LocalDate d) {
            c = new Column(Kind.DATE, n, true);
            c.longs[0] = d.toEpochDay();
        } else if (value instanceof LocalTime t) {
            c = new Column(Kind.TIME, n, true);
            c.longs[0] = t.toNanoOfDay() / 1000L;
        } else if (value instanceof LocalDateTime t) {
            c = new Column(Kind.TIMESTAMP, n, true);
            c.longs[0] = ChronoUnit.MICROS.between(Instant.EPOCH, t.toInstant(ZoneOffset.UTC));
        } else if (value instanceof Instant t) {
            c = new Column(Kind.TIMESTAMP_TZ, n, true);
            c.longs[0] = ChronoUnit.MICROS.between(Instant.EPOCH, t);
        } else {
            throw new IllegalArgumentException("a constant of class " + value.getClass().getName()
                    + " is not supported");
        }
        return c;
    }

    // ---- writing vectors -------------------------------------------------------------------------

    private static FieldVector newVector(Column c, String name, BufferAllocator allocator, int n) {
        FieldVector v;
        switch (c.kind) {
            case LONG: v = new BigIntVector(name, allocator); break;
            case DOUBLE: v = new Float8Vector(name, allocator); break;
            case DECIMAL: {
                // the widest scale that still leaves room for the largest integer part
                int scale = 0;
                int integerDigits = 1;
                for (int i = 0; i < n; i++) {
                    if (!c.isNull(i)) {
                        BigDecimal d = c.decimalAt(i);
                        scale = Math.max(scale, Math.max(d.scale(), 0));
                        integerDigits = Math.max(integerDigits, d.precision() - d.scale());
                    }
                }
                v = new DecimalVector(name, allocator, 38, Math.max(0, Math.min(scale, 38 - integerDigits)));
                break;
            }
            case BOOL: v = new BitVector(name, allocator); break;
            case DATE: v = new DateDayVector(name, allocator); break;
            case TIME: v = new TimeMicroVector(name, allocator); break;
            case TIMESTAMP: v = new TimeStampMicroVector(name, allocator); break;
            case TIMESTAMP_TZ: v = new TimeStampMicroTZVector(name, allocator, "UTC"); break;
            case NULL: v = new VarCharVector(name, allocator); break;
            case STRING: v = new VarCharVector(name, allocator); break;
            default:
                throw new IllegalArgumentException("expressions yielding " + c.kind.label()
                        + " values cannot be written to a vector");
        }
        v.allocateNew();
        return v;
    }

    private static void writeNumbers(Column c, FieldVector v, int n) {
        while (v.getValueCapacity() < n) {
            v.reAlloc();
        }
        if (v instanceof Float8Vector f) {
            for (int i = 0; i < n; i++) {
                if (c.isNull(i)) {
                    f.setNull(i);
                } else {
                    f.set(i, c.doubleAt(i));
                }
            }
        } else {
            BigIntVector b = (BigIntVector) v;
            for (int i = 0; i < n; i++) {
                if (c.isNull(i)) {
                    b.setNull(i);
                } else {
                    b.set(i, c.longAt(i));
                }
            }
        }
        v.setValueCount(n);
    }

    private static Object value(Column c, int i, FieldVector target) {
        switch (c.kind) {
            case LONG: return c.longAt(i);
            case DOUBLE: return c.doubleAt(i);
            case BOOL: return c.boolAt(i);
            case DATE: return LocalDate.ofEpochDay(c.longAt(i));
            case TIME: return LocalTime.ofNanoOfDay(c.longAt(i) * 1000L);
            case TIMESTAMP: return LocalDateTime.ofInstant(VectorValues.toInstant(c.longAt(i), TimeUnit.MICROSECOND),
                    ZoneOffset.UTC);
            case TIMESTAMP_TZ: return VectorValues.toInstant(c.longAt(i), TimeUnit.MICROSECOND);
            case DECIMAL: return c.decimalAt(i).setScale(((DecimalVector) target).getScale(), RoundingMode.HALF_UP);
            default: return c.objectAt(i);
        }
    }
}
