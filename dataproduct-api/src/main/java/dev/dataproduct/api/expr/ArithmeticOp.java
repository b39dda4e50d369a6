package dev.dataproduct.api.expr;

/** An arithmetic operation on two numbers. */
public enum ArithmeticOp {
    /** Addition. */
    ADD("+"),
    /** Subtraction. */
    SUBTRACT("-"),
    /** Multiplication. */
    MULTIPLY("*"),
    /** Division; always yields a floating point or decimal number. */
    DIVIDE("/"),
    /** Remainder of integer division. */
    MODULO("%");

    private final String symbol;

    ArithmeticOp(String symbol) {
        this.symbol = symbol;
    }

    /** @return the SQL symbol */
    public String symbol() {
        return symbol;
    }
}
