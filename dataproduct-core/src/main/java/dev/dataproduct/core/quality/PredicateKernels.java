package dev.dataproduct.core.quality;

import dev.dataproduct.api.expr.ArithmeticOp;
import dev.dataproduct.api.expr.CompareOp;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.expr.ValueOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The predicates of a plan's {@link dev.dataproduct.api.quality.Metric.Violations predicate checks}
 * compiled into kernels over the batch's columns copied as primitive arrays, with equal
 * subexpressions compiled into one node and computed once per batch (ten predicates on
 * {@code price * quantity} share one product). Truth values are bit words: for each row whether it
 * has a value, and whether that value is true.
 *
 * <p>The kernels cover the usual shapes of data checks: columns of integers, floats, booleans and
 * strings; number, boolean and string literals; comparisons, {@code AND}, {@code OR}, {@code NOT},
 * {@code IS NULL}, {@code IN} and arithmetic on numbers; string columns only with {@code =},
 * {@code <>} and {@code IN} against string literals (compared as UTF-8 bytes). Their results are
 * those of {@link dev.dataproduct.core.expr.ExpressionEvaluator}, which stays the definition: SQL's
 * three-valued logic, numbers compared in {@link ValueOrder} ({@code -0.0 = 0.0}, NaN equal to
 * itself and above every other number) unless both are integers, only integer overflow and
 * division or modulo by zero giving null. A predicate with anything else (dates,
 * decimals, patterns, functions, principal attributes), or a batch whose columns do not have the
 * schema's types, is left to the evaluator. One instance per {@link QualityState}; not thread-safe.
 */
final class PredicateKernels {
    private final Schema schema;
    private final Map<String, ColumnData> columns = new LinkedHashMap<>();
    private final Map<Expr, Node> nodes = new HashMap<>();
    private final Node[] roots;
    private int stamp;
    private int n;
    private int words;
    private long[] ones = new long[0];

    PredicateKernels(Schema schema, List<Expr> predicates) {
        this.schema = schema;
        roots = new Node[predicates.size()];
        java.util.Set<String> read = new java.util.HashSet<>();
        for (int p = 0; p < roots.length; p++) {
            Node root = compile(predicates.get(p));
            roots[p] = root != null && root.type == Type.BOOL ? root : null;
            if (roots[p] != null) {
                read.addAll(predicates.get(p).columns());
            }
        }
        // columns met only in predicates left to the evaluator are not loaded
        columns.keySet().retainAll(read);
    }

    /** @return whether predicate {@code p} runs compiled (when {@link #bind} succeeded) */
    boolean compiled(int p) {
        return roots[p] != null;
    }

    /**
     * Loads the columns the compiled predicates read.
     *
     * @return false if a column is missing or not of the schema's type: the evaluator takes the batch
     */
    boolean bind(VectorSchemaRoot batch) {
        n = batch.getRowCount();
        words = (n + 63) >>> 6;
        stamp++;
        if (ones.length < words) {
            ones = new long[words];
        }
        Arrays.fill(ones, 0, words, -1L);
        if (words > 0 && (n & 63) != 0) {
            ones[words - 1] = (1L << (n & 63)) - 1;
        }
        for (ColumnData d : columns.values()) {
            FieldVector v = batch.getVector(d.name);
            if (v == null) {
                return false;
            }
            try {
                d.load(v, n);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return true;
    }

    /** @return bit words with a bit set for each row where predicate {@code p} is false or unknown */
    long[] notTrue(int p, long[] into) {
        Node root = roots[p];
        root.eval(this);
        long[] out = into.length >= words ? into : new long[words];
        for (int w = 0; w < words; w++) {
            out[w] = ones[w] & ~root.bits[w];
        }
        return out;
    }

    // ---- compilation ----------------------------------------------------------------------------

    private enum Type { LONG, DOUBLE, BOOL, STRING }

    /** @return the node of an expression (shared with equal expressions), or null if not covered */
    private Node compile(Expr e) {
        Node known = nodes.get(e);
        if (known != null) {
            return known;
        }
        Node node = make(e);
        if (node != null) {
            nodes.put(e, node);
        }
        return node;
    }

    private Node make(Expr e) {
        if (e instanceof Expr.Column c) {
            Optional<Field> f = schema.field(c.name());
            if (f.isEmpty()) {
                return null;
            }
            ColumnData.Kind kind = ColumnData.kindOf(f.get().type());
            Type type = kind == ColumnData.Kind.INT ? Type.LONG : kind == ColumnData.Kind.FLOAT ? Type.DOUBLE
                    : kind == ColumnData.Kind.BOOL ? Type.BOOL : kind == ColumnData.Kind.STRING ? Type.STRING : null;
            return type == null ? null
                    : new ColumnNode(type, columns.computeIfAbsent(c.name(), x -> new ColumnData(f.get())));
        } else if (e instanceof Expr.Literal l) {
            return Const.of(l.value());
        } else if (e instanceof Expr.Compare c) {
            return compare(c.op(), compile(c.left()), compile(c.right()));
        } else if (e instanceof Expr.And a) {
            return logic(a.operands(), true);
        } else if (e instanceof Expr.Or o) {
            return logic(o.operands(), false);
        } else if (e instanceof Expr.Not not) {
            Node x = compile(not.operand());
            return x != null && x.type == Type.BOOL ? new NotNode(x) : null;
        } else if (e instanceof Expr.IsNull isNull) {
            Node x = compile(isNull.operand());
            return x == null ? null : new IsNullNode(x);
        } else if (e instanceof Expr.In in) {
            return in(in);
        } else if (e instanceof Expr.Arithmetic a) {
            Node l = compile(a.left());
            Node r = compile(a.right());
            if (l == null || r == null || !l.numeric() || !r.numeric() || l instanceof Const && r instanceof Const) {
                return null;
            }
            boolean longs = l.type == Type.LONG && r.type == Type.LONG && a.op() != ArithmeticOp.DIVIDE;
            return new ArithmeticNode(a.op(), l, r, longs ? Type.LONG : Type.DOUBLE);
        }
        return null;
    }

    private static Node compare(CompareOp op, Node l, Node r) {
        if (l == null || r == null || l instanceof Const && r instanceof Const) {
            return null;  // two literals: rare enough to leave to the evaluator
        }
        if (l.numeric() && r.numeric() || l.type == Type.BOOL && r.type == Type.BOOL) {
            return new CompareNode(op, l, r);
        }
        if (l.type == Type.STRING && r.type == Type.STRING && (op == CompareOp.EQ || op == CompareOp.NE)) {
            if (l instanceof ColumnNode c && r instanceof Const k) {
                return new StringInNode(c, List.of(k.text), op == CompareOp.NE);
            }
            if (r instanceof ColumnNode c && l instanceof Const k) {
                return new StringInNode(c, List.of(k.text), op == CompareOp.NE);
            }
        }
        return null;
    }

    private Node logic(List<Expr> operands, boolean and) {
        Node[] xs = new Node[operands.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = compile(operands.get(i));
            if (xs[i] == null || xs[i].type != Type.BOOL) {
                return null;
            }
        }
        return new LogicNode(xs, and);
    }

    private Node in(Expr.In in) {
        Node x = compile(in.operand());
        if (x == null || x instanceof Const) {
            return null;
        }
        if (x.numeric() && in.values().stream().allMatch(v -> v instanceof Long || v instanceof Double)) {
            Node result = null;
            for (Object v : in.values()) {
                Node eq = new CompareNode(CompareOp.EQ, x, Const.of(v));
                result = result == null ? eq : new LogicNode(new Node[] {result, eq}, false);
            }
            return result;
        }
        if (x instanceof ColumnNode c && x.type == Type.STRING
                && in.values().stream().allMatch(v -> v instanceof String)) {
            return new StringInNode(c, in.values().stream().map(v -> (String) v).toList(), false);
        }
        return null;
    }

    // ---- nodes ----------------------------------------------------------------------------------

    /**
     * A value per row of the current batch: {@link #valid} bits, and values in {@link #longs},
     * {@link #doubles} or (booleans) {@link #bits}; computed at most once per batch.
     */
    private abstract static class Node {
        final Type type;
        private int stamp = -1;
        long[] valid;
        long[] longs;
        double[] doubles;
        long[] bits;
        private double[] converted = new double[0];
        private int convertedStamp = -1;

        Node(Type type) {
            this.type = type;
        }

        boolean numeric() {
            return type == Type.LONG || type == Type.DOUBLE;
        }

        final void eval(PredicateKernels k) {
            if (stamp != k.stamp) {
                compute(k);
                stamp = k.stamp;
            }
        }

        abstract void compute(PredicateKernels k);

        /** @return the values as doubles (integers converted once per batch) */
        double[] asDoubles(PredicateKernels k) {
            if (type == Type.DOUBLE) {
                return doubles;
            }
            if (convertedStamp != k.stamp) {
                if (converted.length < k.n) {
                    converted = new double[k.n];
                }
                for (int i = 0; i < k.n; i++) {
                    converted[i] = longs[i];
                }
                convertedStamp = k.stamp;
            }
            return converted;
        }

        static long[] words(long[] a, int words) {
            return a != null && a.length >= words ? a : new long[Math.max(words, 1)];
        }
    }

    /** A literal: one value for every row. */
    private static final class Const extends Node {
        final long longValue;
        final double doubleValue;
        final boolean boolValue;
        final String text;

        private Const(Type type, long l, double d, boolean b, String text) {
            super(type);
            this.longValue = l;
            this.doubleValue = d;
            this.boolValue = b;
            this.text = text;
        }

        static Const of(Object v) {
            if (v instanceof Long l) {
                return new Const(Type.LONG, l, l, false, null);
            } else if (v instanceof Double d) {
                return new Const(Type.DOUBLE, 0, d, false, null);
            } else if (v instanceof Boolean b) {
                return new Const(Type.BOOL, 0, 0, b, null);
            } else if (v instanceof String s) {
                return new Const(Type.STRING, 0, 0, false, s);
            }
            return null;
        }

        @Override
        void compute(PredicateKernels k) {
            valid = k.ones;
            if (type == Type.BOOL) {
                bits = boolValue ? k.ones : new long[Math.max(k.words, 1)];
            }
        }
    }

    /** A column of the batch, read from its copy. */
    private static final class ColumnNode extends Node {
        final ColumnData data;

        ColumnNode(Type type, ColumnData data) {
            super(type);
            this.data = data;
        }

        @Override
        void compute(PredicateKernels k) {
            valid = data.validity;
            if (type == Type.LONG) {
                longs = data.longs;
            } else if (type == Type.DOUBLE) {
                doubles = data.doubles;
            } else if (type == Type.BOOL) {
                bits = words(bits, k.words);
                for (int w = 0; w < k.words; w++) {
                    bits[w] = data.longs[w] & valid[w];
                }
            }
        }
    }

    /** A comparison of two numbers or two booleans; null where either side is null. */
    private static final class CompareNode extends Node {
        /** Bit {@code c + 1} is set where the operator accepts a comparison result {@code c} of -1, 0, 1. */
        private final int accept;
        private final Node left;
        private final Node right;

        CompareNode(CompareOp op, Node left, Node right) {
            super(Type.BOOL);
            this.accept = (op.test(-1) ? 1 : 0) | (op.test(0) ? 2 : 0) | (op.test(1) ? 4 : 0);
            this.left = left;
            this.right = right;
        }

        @Override
        void compute(PredicateKernels k) {
            left.eval(k);
            right.eval(k);
            int n = k.n;
            valid = words(valid, k.words);
            bits = words(bits, k.words);
            for (int w = 0; w < k.words; w++) {
                valid[w] = left.valid[w] & right.valid[w];
            }
            if (left.type == Type.BOOL) {
                for (int i = 0; i < n; i++) {
                    int c = (int) (left.bits[i >>> 6] >>> i & 1L) - (int) (right.bits[i >>> 6] >>> i & 1L);
                    set(i, c);
                }
            } else if (left.type == Type.LONG && right.type == Type.LONG) {
                if (right instanceof Const c) {
                    compareLongs(left.longs, c.longValue, accept, n);
                } else if (left instanceof Const c) {
                    compareLongs(right.longs, c.longValue, mirror(accept), n);
                } else {
                    for (int i = 0; i < n; i++) {
                        set(i, Long.compare(left.longs[i], right.longs[i]));
                    }
                }
            } else if (right instanceof Const c) {
                compareDoubles(left.asDoubles(k), c.doubleValue, accept, n);
            } else if (left instanceof Const c) {
                compareDoubles(right.asDoubles(k), c.doubleValue, mirror(accept), n);
            } else {
                double[] x = left.asDoubles(k);
                double[] y = right.asDoubles(k);
                for (int i = 0; i < n; i++) {
                    set(i, ValueOrder.compare(x[i], y[i]));
                }
            }
            for (int w = 0; w < k.words; w++) {
                bits[w] &= valid[w];
            }
        }

        private void set(int i, int c) {
            long bit = (long) (accept >>> (c + 1) & 1) << i;
            if ((i & 63) == 0) {
                bits[i >>> 6] = bit;
            } else {
                bits[i >>> 6] |= bit;
            }
        }

        private void compareLongs(long[] x, long c, int acc, int n) {
            for (int w = 0, from = 0; from < n; w++, from += 64) {
                int to = Math.min(n, from + 64);
                long word = 0;
                for (int i = from; i < to; i++) {
                    word |= (long) (acc >>> (Long.compare(x[i], c) + 1) & 1) << i;
                }
                bits[w] = word;
            }
        }

        private void compareDoubles(double[] x, double c, int acc, int n) {
            for (int w = 0, from = 0; from < n; w++, from += 64) {
                int to = Math.min(n, from + 64);
                long word = 0;
                for (int i = from; i < to; i++) {
                    word |= (long) (acc >>> (ValueOrder.compare(x[i], c) + 1) & 1) << i;
                }
                bits[w] = word;
            }
        }

        /** @return the acceptance of the operator with its operands swapped */
        private static int mirror(int acc) {
            return (acc & 1) << 2 | acc & 2 | (acc >>> 2) & 1;
        }
    }

    /** AND or OR of truth values, in three-valued logic. */
    private static final class LogicNode extends Node {
        private final Node[] operands;
        private final boolean and;

        LogicNode(Node[] operands, boolean and) {
            super(Type.BOOL);
            this.operands = operands;
            this.and = and;
        }

        @Override
        void compute(PredicateKernels k) {
            for (Node x : operands) {
                x.eval(k);
            }
            valid = words(valid, k.words);
            bits = words(bits, k.words);
            for (int w = 0; w < k.words; w++) {
                // AND: true if every operand is true, false if any is false; OR the other way round
                long t = and ? -1L : 0L;
                long f = and ? 0L : -1L;
                for (Node x : operands) {
                    long xt = x.bits[w];
                    long xf = x.valid[w] & ~xt;
                    if (and) {
                        t &= xt;
                        f |= xf;
                    } else {
                        t |= xt;
                        f &= xf;
                    }
                }
                t &= k.ones[w];
                f &= k.ones[w];
                bits[w] = t;
                valid[w] = t | f;
            }
        }
    }

    /** NOT: unknown stays unknown. */
    private static final class NotNode extends Node {
        private final Node operand;

        NotNode(Node operand) {
            super(Type.BOOL);
            this.operand = operand;
        }

        @Override
        void compute(PredicateKernels k) {
            operand.eval(k);
            valid = operand.valid;
            bits = words(bits, k.words);
            for (int w = 0; w < k.words; w++) {
                bits[w] = operand.valid[w] & ~operand.bits[w];
            }
        }
    }

    /** IS NULL: never unknown. */
    private static final class IsNullNode extends Node {
        private final Node operand;

        IsNullNode(Node operand) {
            super(Type.BOOL);
            this.operand = operand;
        }

        @Override
        void compute(PredicateKernels k) {
            operand.eval(k);
            valid = k.ones;
            bits = words(bits, k.words);
            for (int w = 0; w < k.words; w++) {
                bits[w] = k.ones[w] & ~operand.valid[w];
            }
        }
    }

    /** A string column equal to one of some strings (or, negated, equal to none): byte for byte. */
    private static final class StringInNode extends Node {
        private final ColumnData data;
        private final byte[][] values;
        private final boolean negate;

        StringInNode(ColumnNode column, List<String> values, boolean negate) {
            super(Type.BOOL);
            this.data = column.data;
            this.values = values.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
            this.negate = negate;
        }

        @Override
        void compute(PredicateKernels k) {
            valid = data.validity;
            bits = words(bits, k.words);
            Arrays.fill(bits, 0, k.words, 0L);
            for (int i = 0; i < k.n; i++) {
                int from = data.offsets[i];
                int to = data.offsets[i + 1];
                boolean found = false;
                for (byte[] v : values) {
                    if (v.length == to - from && Arrays.equals(v, 0, v.length, data.bytes, from, to)) {
                        found = true;
                        break;
                    }
                }
                if (found != negate) {
                    bits[i >>> 6] |= 1L << i;
                }
            }
            for (int w = 0; w < k.words; w++) {
                bits[w] &= valid[w];
            }
        }
    }

    /** Arithmetic on numbers: exact on integers (overflow gives null), doubles otherwise. */
    private static final class ArithmeticNode extends Node {
        private final ArithmeticOp op;
        private final Node left;
        private final Node right;

        ArithmeticNode(ArithmeticOp op, Node left, Node right, Type type) {
            super(type);
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        void compute(PredicateKernels k) {
            left.eval(k);
            right.eval(k);
            int n = k.n;
            valid = words(valid, k.words);
            for (int w = 0, from = 0; from < n; w++, from += 64) {
                int to = Math.min(n, from + 64);
                long ok = type == Type.LONG ? longs(k, from, to) : doubles(k, from, to);
                valid[w] = left.valid[w] & right.valid[w] & ok;
            }
        }

        private double[] doubleValues(PredicateKernels k) {
            if (doubles == null || doubles.length < k.n) {
                doubles = new double[Math.max(k.n, 64)];
            }
            return doubles;
        }

        /** Computes rows [from, to) of one word; @return the bits of the rows with a value */
        private long doubles(PredicateKernels k, int from, int to) {
            double[] out = doubleValues(k);
            boolean lc = left instanceof Const;
            boolean rc = right instanceof Const;
            double[] x = lc ? null : left.asDoubles(k);
            double[] y = rc ? null : right.asDoubles(k);
            double cx = lc ? ((Const) left).doubleValue : 0;
            double cy = rc ? ((Const) right).doubleValue : 0;
            long ok = 0;
            for (int i = from; i < to; i++) {
                double a = lc ? cx : x[i];
                double b = rc ? cy : y[i];
                double r;
                boolean has;
                switch (op) {
                    case ADD: r = a + b; has = true; break;
                    case SUBTRACT: r = a - b; has = true; break;
                    case MULTIPLY: r = a * b; has = true; break;
                    case DIVIDE: r = a / b; has = b != 0; break;
                    default: r = a % b; has = b != 0; break;
                }
                out[i] = r;
                ok |= (has ? 1L : 0L) << i;
            }
            return ok;
        }

        private long longs(PredicateKernels k, int from, int to) {
            if (longs == null || longs.length < k.n) {
                longs = new long[Math.max(k.n, 64)];
            }
            boolean lc = left instanceof Const;
            boolean rc = right instanceof Const;
            long cx = lc ? ((Const) left).longValue : 0;
            long cy = rc ? ((Const) right).longValue : 0;
            long ok = 0;
            for (int i = from; i < to; i++) {
                long a = lc ? cx : left.longs[i];
                long b = rc ? cy : right.longs[i];
                long r;
                boolean has;
                switch (op) {
                    case ADD: r = a + b; has = ((a ^ r) & (b ^ r)) >= 0; break;
                    case SUBTRACT: r = a - b; has = ((a ^ b) & (a ^ r)) >= 0; break;
                    case MULTIPLY: r = a * b; has = Math.multiplyHigh(a, b) == (r >> 63); break;
                    default: has = b != 0; r = has ? a % b : 0; break;
                }
                longs[i] = r;
                ok |= (has ? 1L : 0L) << i;
            }
            return ok;
        }
    }
}
