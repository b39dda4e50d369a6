package dev.dataproduct.core.metric;

import dev.dataproduct.api.expr.ArithmeticOp;
import dev.dataproduct.api.expr.CompareOp;
import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.expr.Function;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an expression written as the expression model prints it ({@code (amount * quantity)},
 * {@code region = 'north' AND quantity >= 8}, {@code customer IS NOT NULL}, {@code channel IN (1, 2)},
 * {@code lower(region)}, {@code principal.region}), so that metric definitions exported as YAML read
 * back. Keywords are case-insensitive; a column whose name is not a plain identifier is written in
 * double quotes; {@code DATE '2024-01-31'} and {@code TIMESTAMP '2024-01-31T10:00'} are typed
 * literals (a quoted text alone is a string). Whole numbers are int64, others float64.
 */
final class ExprText {
    /** Nesting beyond this is no one's metric, and would exhaust the stack of a recursive reader. */
    private static final int MAX_DEPTH = 200;
    private final String text;
    private int at;
    private int depth;

    private ExprText(String text) {
        this.text = text;
    }

    /**
     * @param text an expression
     * @return the expression
     * @throws IllegalArgumentException saying what was expected at which character
     */
    static Expr parse(String text) {
        ExprText p = new ExprText(text);
        Expr e = p.or();
        p.space();
        if (p.at < text.length()) {
            throw p.error("an operator or the end");
        }
        return e;
    }

    private Expr or() {
        List<Expr> parts = new ArrayList<>(List.of(and()));
        while (keyword("OR")) {
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.Or(parts);
    }

    private Expr and() {
        List<Expr> parts = new ArrayList<>(List.of(not()));
        while (keyword("AND")) {
            parts.add(not());
        }
        return parts.size() == 1 ? parts.get(0) : new Expr.And(parts);
    }

    private Expr not() {
        if (++depth > MAX_DEPTH) {
            throw error("an expression nested at most " + MAX_DEPTH + " deep");
        }
        try {
            return keyword("NOT") ? new Expr.Not(not()) : predicate();
        } finally {
            depth--;
        }
    }

    private Expr predicate() {
        Expr left = additive();
        if (keyword("IS")) {
            boolean negated = keyword("NOT");
            if (!keyword("NULL")) {
                throw error("NULL after IS");
            }
            return negated ? new Expr.Not(new Expr.IsNull(left)) : new Expr.IsNull(left);
        }
        if (keyword("IN")) {
            expect('(');
            List<Object> values = new ArrayList<>();
            do {
                Expr v = unary();
                if (!(v instanceof Expr.Literal lit)) {
                    throw error("a constant in the IN list");
                }
                values.add(lit.value());
            } while (symbol(","));
            expect(')');
            return new Expr.In(left, values);
        }
        if (keyword("MATCHES")) {
            Expr regex = unary();
            if (!(regex instanceof Expr.Literal lit) || !(lit.value() instanceof String s)) {
                throw error("a quoted regular expression after MATCHES");
            }
            return new Expr.Matches(left, s);
        }
        for (CompareOp op : List.of(CompareOp.LE, CompareOp.GE, CompareOp.NE, CompareOp.EQ, CompareOp.LT,
                CompareOp.GT)) {
            if (symbol(op.symbol()) || op == CompareOp.NE && symbol("!=")) {
                return new Expr.Compare(op, left, additive());
            }
        }
        return left;
    }

    private Expr additive() {
        Expr e = multiplicative();
        while (true) {
            if (symbol("+")) {
                e = new Expr.Arithmetic(ArithmeticOp.ADD, e, multiplicative());
            } else if (symbol("-")) {
                e = new Expr.Arithmetic(ArithmeticOp.SUBTRACT, e, multiplicative());
            } else {
                return e;
            }
        }
    }

    private Expr multiplicative() {
        Expr e = unary();
        while (true) {
            if (symbol("*")) {
                e = new Expr.Arithmetic(ArithmeticOp.MULTIPLY, e, unary());
            } else if (symbol("/")) {
                e = new Expr.Arithmetic(ArithmeticOp.DIVIDE, e, unary());
            } else if (symbol("%")) {
                e = new Expr.Arithmetic(ArithmeticOp.MODULO, e, unary());
            } else {
                return e;
            }
        }
    }

    private Expr unary() {
        space();
        if (at < text.length() && text.charAt(at) == '-' && at + 1 < text.length()
                && Character.isDigit(text.charAt(at + 1))) {
            at++;
            return number(true);
        }
        return primary();
    }

    private Expr primary() {
        space();
        if (at >= text.length()) {
            throw error("a value");
        }
        char c = text.charAt(at);
        if (c == '(') {
            at++;
            Expr e = or();
            expect(')');
            return e;
        }
        if (c == '\'') {
            return Expr.lit(quoted('\''));
        }
        if (c == '"') {
            return Expr.col(quoted('"'));
        }
        if (Character.isDigit(c)) {
            return number(false);
        }
        if (!Character.isLetter(c) && c != '_') {
            throw error("a value");
        }
        String word = identifier();
        String upper = word.toUpperCase(Locale.ROOT);
        switch (upper) {
            case "TRUE":
                return Expr.lit(true);
            case "FALSE":
                return Expr.lit(false);
            case "DATE":
            case "TIMESTAMP":
                if (peek('\'')) {
                    int start = at;
                    String value = quoted('\'');
                    try {
                        return Expr.lit(upper.equals("DATE") ? LocalDate.parse(value) : timestamp(value));
                    } catch (DateTimeParseException e) {
                        at = start;
                        throw error(upper.equals("DATE") ? "a date such as '2024-01-31'"
                                : "a timestamp such as '2024-01-31T10:00:00'");
                    }
                }
                break;
            case "PRINCIPAL":
                if (symbol(".")) {
                    return new Expr.PrincipalAttribute(identifier());
                }
                break;
            default:
                break;
        }
        if (peek('(')) {
            Function f = function(word);
            expect('(');
            List<Expr> args = new ArrayList<>();
            if (!symbol(")")) {
                do {
                    args.add(or());
                } while (symbol(","));
                expect(')');
            }
            try {
                return new Expr.Call(f, args);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + " at character " + (at + 1) + " of '" + text + "'");
            }
        }
        return Expr.col(word);
    }

    /** A timestamp with an offset or {@code Z} is an instant; without, a local date-time. */
    private static Object timestamp(String value) {
        String iso = value.replace(' ', 'T');
        if (iso.endsWith("Z") || iso.matches(".*T.*[+-]\\d\\d:?\\d\\d$")) {
            return java.time.OffsetDateTime.parse(iso.replaceAll("([+-]\\d\\d)(\\d\\d)$", "$1:$2")).toInstant();
        }
        return LocalDateTime.parse(iso);
    }

    private Function function(String name) {
        for (Function f : Function.values()) {
            if (f.sqlName().equalsIgnoreCase(name)) {
                return f;
            }
        }
        List<String> known = new ArrayList<>();
        for (Function f : Function.values()) {
            known.add(f.sqlName());
        }
        throw new IllegalArgumentException("unknown function '" + name + "' in '" + text + "'; functions: " + known);
    }

    private Expr number(boolean negative) {
        int start = at;
        while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.'
                || text.charAt(at) == 'E' || text.charAt(at) == 'e'
                || (text.charAt(at) == '-' || text.charAt(at) == '+') && (text.charAt(at - 1) == 'E'
                || text.charAt(at - 1) == 'e'))) {
            at++;
        }
        String digits = (negative ? "-" : "") + text.substring(start, at);
        try {
            if (digits.contains(".") || digits.contains("E") || digits.contains("e")) {
                return Expr.lit(Double.parseDouble(digits));
            }
            try {
                return Expr.lit(Long.parseLong(digits));
            } catch (NumberFormatException e) {
                return Expr.lit(new BigDecimal(digits));
            }
        } catch (NumberFormatException e) {
            at = start;
            throw error("a number");
        }
    }

    private String identifier() {
        space();
        int start = at;
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
            at++;
        }
        if (start == at) {
            throw error("a name");
        }
        return text.substring(start, at);
    }

    /** A text in quotes, a doubled quote standing for one. */
    private String quoted(char quote) {
        int start = at;
        at++;
        StringBuilder sb = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == quote) {
                if (at < text.length() && text.charAt(at) == quote) {
                    sb.append(quote);
                    at++;
                } else {
                    return sb.toString();
                }
            } else {
                sb.append(c);
            }
        }
        at = start;
        throw error("the closing " + quote + " of the text starting here");
    }

    private boolean keyword(String word) {
        space();
        int end = at + word.length();
        if (end <= text.length() && text.regionMatches(true, at, word, 0, word.length())
                && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)) && text.charAt(end) != '_')) {
            at = end;
            return true;
        }
        return false;
    }

    private boolean symbol(String s) {
        space();
        if (text.startsWith(s, at)) {
            // "<" is not the start of "<=" or "<>"; those are tried first
            at += s.length();
            return true;
        }
        return false;
    }

    private boolean peek(char c) {
        space();
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!symbol(String.valueOf(c))) {
            throw error("'" + c + "'");
        }
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String expected) {
        String found = at >= text.length() ? "the end" : "'" + text.substring(at, Math.min(text.length(), at + 12)) + "'";
        return new IllegalArgumentException("expected " + expected + " at character " + (at + 1) + " of '" + text
                + "' but found " + found);
    }
}
