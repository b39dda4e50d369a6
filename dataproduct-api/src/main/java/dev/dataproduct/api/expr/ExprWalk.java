package dev.dataproduct.api.expr;

import java.math.BigDecimal;
import java.time.temporal.Temporal;
import java.util.Set;

/** Structural helpers over expressions. */
final class ExprWalk {
    private ExprWalk() {
    }

    static void collectColumns(Expr e, Set<String> out) {
        if (e instanceof Expr.Column c) {
            out.add(c.name());
        } else if (e instanceof Expr.Compare c) {
            collectColumns(c.left(), out);
            collectColumns(c.right(), out);
        } else if (e instanceof Expr.Arithmetic a) {
            collectColumns(a.left(), out);
            collectColumns(a.right(), out);
        } else if (e instanceof Expr.And a) {
            a.operands().forEach(o -> collectColumns(o, out));
        } else if (e instanceof Expr.Or o) {
            o.operands().forEach(x -> collectColumns(x, out));
        } else if (e instanceof Expr.Not n) {
            collectColumns(n.operand(), out);
        } else if (e instanceof Expr.IsNull n) {
            collectColumns(n.operand(), out);
        } else if (e instanceof Expr.In in) {
            collectColumns(in.operand(), out);
        } else if (e instanceof Expr.Matches m) {
            collectColumns(m.operand(), out);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(a -> collectColumns(a, out));
        }
    }

    static String literalText(Object value) {
        if (value instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Temporal) {
            return "'" + value + "'";
        }
        return String.valueOf(value);
    }
}
