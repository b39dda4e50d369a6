package dev.dataproduct.api.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The one small, typed expression model of the SDK. Row filters, column masks, quality predicates,
 * metric definitions and derived columns are all written in it, evaluated column-at-a-time over
 * Arrow by the core runtime and rendered to SQL by the SQL port, so a rule means the same on every
 * port.
 *
 * <p>Semantics follow SQL: a comparison with {@code null} is unknown, {@code AND} and {@code OR}
 * use three-valued logic, and a predicate selects only rows where it is true. Division always
 * yields a floating point (or decimal) number; division or modulo by zero and integer overflow
 * yield {@code null}.
 *
 * <pre>{@code
 * Expr valid = Expr.col("quantity").between(1, 1000).and(Expr.col("sku").matches("SKU-\\d{6}"));
 * Expr own = Expr.col("region").eq(Expr.principal("region"));
 * System.out.println(valid);  // ((quantity >= 1 AND quantity <= 1000) AND sku MATCHES 'SKU-\d{6}')
 * }</pre>
 */
public sealed interface Expr {

    /**
     * A reference to a column.
     *
     * @param name the column name
     * @return the expression
     */
    static Expr col(String name) {
        return new Column(name);
    }

    /**
     * A constant.
     *
     * @param value a value in the SDK's value model ({@code Integer} and other integer classes are
     *     taken as {@code Long}, {@code Float} as {@code Double})
     * @return the expression
     */
    static Expr lit(Object value) {
        return new Literal(value);
    }

    /**
     * An attribute of the principal on whose behalf the expression is evaluated, such as its
     * region; {@code null} when the principal has no such attribute, so a policy denies by default.
     *
     * @param name the attribute name
     * @return the expression
     */
    static Expr principal(String name) {
        return new PrincipalAttribute(name);
    }

    /**
     * @param operands the operands, at least one
     * @return their conjunction
     */
    static Expr allOf(Expr... operands) {
        return new And(List.of(operands));
    }

    /**
     * @param operands the operands, at least one
     * @return their disjunction
     */
    static Expr anyOf(Expr... operands) {
        return new Or(List.of(operands));
    }

    /**
     * @param fn the function
     * @param args its arguments
     * @return the call
     */
    static Expr call(Function fn, Expr... args) {
        return new Call(fn, List.of(args));
    }

    /** @return the names of every column the expression reads, in order of first use */
    default Set<String> columns() {
        Set<String> out = new LinkedHashSet<>();
        ExprWalk.collectColumns(this, out);
        return out;
    }

    // ---- fluent construction -------------------------------------------------------------------

    /** @param other an expression or a constant @return {@code this = other} */
    default Expr eq(Object other) { return new Compare(CompareOp.EQ, this, wrap(other)); }
    /** @param other an expression or a constant @return {@code this <> other} */
    default Expr ne(Object other) { return new Compare(CompareOp.NE, this, wrap(other)); }
    /** @param other an expression or a constant @return {@code this < other} */
    default Expr lt(Object other) { return new Compare(CompareOp.LT, this, wrap(other)); }
    /** @param other an expression or a constant @return {@code this <= other} */
    default Expr le(Object other) { return new Compare(CompareOp.LE, this, wrap(other)); }
    /** @param other an expression or a constant @return {@code this > other} */
    default Expr gt(Object other) { return new Compare(CompareOp.GT, this, wrap(other)); }
    /** @param other an expression or a constant @return {@code this >= other} */
    default Expr ge(Object other) { return new Compare(CompareOp.GE, this, wrap(other)); }

    /**
     * @param low the smallest value, inclusive
     * @param high the largest value, inclusive
     * @return {@code this >= low AND this <= high}
     */
    default Expr between(Object low, Object high) {
        return new And(List.of(ge(low), le(high)));
    }

    /** @param other a predicate @return {@code this AND other} */
    default Expr and(Expr other) { return new And(List.of(this, other)); }
    /** @param other a predicate @return {@code this OR other} */
    default Expr or(Expr other) { return new Or(List.of(this, other)); }
    /** @return {@code NOT this} */
    default Expr not() { return new Not(this); }
    /** @return {@code this IS NULL} */
    default Expr isNull() { return new IsNull(this); }
    /** @return {@code NOT (this IS NULL)} */
    default Expr isNotNull() { return new Not(new IsNull(this)); }

    /**
     * @param values the allowed constants
     * @return {@code this IN (values)}
     */
    default Expr in(Object... values) {
        return new In(this, Arrays.stream(values).map(Literal::normalize).toList());
    }

    /**
     * @param regex a regular expression the whole string must match
     * @return {@code this MATCHES regex}
     */
    default Expr matches(String regex) { return new Matches(this, regex); }

    /** @param other an expression or a constant @return {@code this + other} */
    default Expr plus(Object other) { return new Arithmetic(ArithmeticOp.ADD, this, wrap(other)); }
    /** @param other an expression or a constant @return {@code this - other} */
    default Expr minus(Object other) { return new Arithmetic(ArithmeticOp.SUBTRACT, this, wrap(other)); }
    /** @param other an expression or a constant @return {@code this * other} */
    default Expr times(Object other) { return new Arithmetic(ArithmeticOp.MULTIPLY, this, wrap(other)); }
    /** @param other an expression or a constant @return {@code this / other} */
    default Expr dividedBy(Object other) { return new Arithmetic(ArithmeticOp.DIVIDE, this, wrap(other)); }
    /** @param other an expression or a constant @return {@code this % other} */
    default Expr modulo(Object other) { return new Arithmetic(ArithmeticOp.MODULO, this, wrap(other)); }
    /** @return the length of a string (characters) or an array (elements) */
    default Expr length() { return new Call(Function.LENGTH, List.of(this)); }

    private static Expr wrap(Object value) {
        return value instanceof Expr e ? e : new Literal(value);
    }

    // ---- the node types ------------------------------------------------------------------------

    /**
     * A reference to a column by name.
     *
     * @param name the column name
     */
    record Column(String name) implements Expr {
        /** Validates the name. */
        public Column {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a column name must not be blank");
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * A constant in the SDK's value model.
     *
     * @param value the constant: a {@code String}, {@code Long}, {@code Double}, {@code BigDecimal},
     *     {@code Boolean}, {@code LocalDate}, {@code LocalTime}, {@code LocalDateTime} or {@code Instant}
     */
    record Literal(Object value) implements Expr {
        /** Validates and normalises the value. */
        public Literal {
            value = normalize(value);
        }

        static Object normalize(Object value) {
            Objects.requireNonNull(value, "a literal must not be null; test for null with isNull()");
            if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return ((Number) value).longValue();
            }
            if (value instanceof BigInteger b) {
                return new BigDecimal(b);
            }
            if (value instanceof Float f) {
                return f.doubleValue();
            }
            if (value instanceof String || value instanceof Long || value instanceof Double
                    || value instanceof BigDecimal || value instanceof Boolean || value instanceof LocalDate
                    || value instanceof LocalTime || value instanceof LocalDateTime || value instanceof Instant) {
                return value;
            }
            throw new IllegalArgumentException("a literal of class " + value.getClass().getName()
                    + " is not supported; use String, Long, Double, BigDecimal, Boolean or a java.time value");
        }

        @Override
        public String toString() {
            return ExprWalk.literalText(value);
        }
    }

    /**
     * A comparison of two values.
     *
     * @param op the comparison
     * @param left the left operand
     * @param right the right operand
     */
    record Compare(CompareOp op, Expr left, Expr right) implements Expr {
        /** Validates the components. */
        public Compare {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public String toString() {
            return left + " " + op.symbol() + " " + right;
        }
    }

    /**
     * True when every operand is true.
     *
     * @param operands at least one predicate
     */
    record And(List<Expr> operands) implements Expr {
        /** Validates and copies the operands. */
        public And {
            operands = List.copyOf(operands);
            if (operands.isEmpty()) {
                throw new IllegalArgumentException("AND needs at least one operand");
            }
        }

        @Override
        public String toString() {
            return operands.stream().map(Object::toString).collect(Collectors.joining(" AND ", "(", ")"));
        }
    }

    /**
     * True when any operand is true.
     *
     * @param operands at least one predicate
     */
    record Or(List<Expr> operands) implements Expr {
        /** Validates and copies the operands. */
        public Or {
            operands = List.copyOf(operands);
            if (operands.isEmpty()) {
                throw new IllegalArgumentException("OR needs at least one operand");
            }
        }

        @Override
        public String toString() {
            return operands.stream().map(Object::toString).collect(Collectors.joining(" OR ", "(", ")"));
        }
    }

    /**
     * The negation of a predicate.
     *
     * @param operand the predicate
     */
    record Not(Expr operand) implements Expr {
        /** Validates the operand. */
        public Not {
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public String toString() {
            return operand instanceof IsNull n ? n.operand() + " IS NOT NULL" : "NOT (" + operand + ")";
        }
    }

    /**
     * Arithmetic on two numbers.
     *
     * @param op the operation
     * @param left the left operand
     * @param right the right operand
     */
    record Arithmetic(ArithmeticOp op, Expr left, Expr right) implements Expr {
        /** Validates the components. */
        public Arithmetic {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override
        public String toString() {
            return "(" + left + " " + op.symbol() + " " + right + ")";
        }
    }

    /**
     * True when the operand holds no value; never unknown.
     *
     * @param operand the value tested
     */
    record IsNull(Expr operand) implements Expr {
        /** Validates the operand. */
        public IsNull {
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public String toString() {
            return operand + " IS NULL";
        }
    }

    /**
     * True when the operand equals one of the constants.
     *
     * @param operand the value tested
     * @param values the constants, at least one
     */
    record In(Expr operand, List<Object> values) implements Expr {
        /** Validates and copies the components. */
        public In {
            Objects.requireNonNull(operand, "operand");
            values = values.stream().map(Literal::normalize).toList();
            if (values.isEmpty()) {
                throw new IllegalArgumentException("IN needs at least one value");
            }
        }

        @Override
        public String toString() {
            return operand + " IN " + values.stream().map(ExprWalk::literalText)
                    .collect(Collectors.joining(", ", "(", ")"));
        }
    }

    /**
     * True when the whole string matches a regular expression.
     *
     * @param operand the string tested
     * @param regex a Java regular expression
     */
    record Matches(Expr operand, String regex) implements Expr {
        /** Validates the components; the pattern must compile. */
        public Matches {
            Objects.requireNonNull(operand, "operand");
            Objects.requireNonNull(regex, "regex");
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'" + regex + "' is not a valid regular expression: "
                        + e.getDescription(), e);
            }
        }

        @Override
        public String toString() {
            return operand + " MATCHES " + ExprWalk.literalText(regex);
        }
    }

    /**
     * An attribute of the principal the expression is evaluated for.
     *
     * @param name the attribute name
     */
    record PrincipalAttribute(String name) implements Expr {
        /** Validates the name. */
        public PrincipalAttribute {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return "principal." + name;
        }
    }

    /**
     * A call of one of the built-in functions.
     *
     * @param function the function
     * @param args its arguments
     */
    record Call(Function function, List<Expr> args) implements Expr {
        /** Validates the arity. */
        public Call {
            Objects.requireNonNull(function, "function");
            args = List.copyOf(args);
            if (args.size() < function.minArgs() || args.size() > function.maxArgs()) {
                throw new IllegalArgumentException(function.sqlName() + " takes " + function.arity() + " but got "
                        + args.size());
            }
        }

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            for (Expr a : args) {
                parts.add(a.toString());
            }
            return function.sqlName() + "(" + String.join(", ", parts) + ")";
        }
    }
}
