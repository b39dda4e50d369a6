package dev.dataproduct.api.expr;

/** A comparison between two values. */
public enum CompareOp {
    /** Equal. */
    EQ("="),
    /** Not equal. */
    NE("<>"),
    /** Less than. */
    LT("<"),
    /** Less than or equal. */
    LE("<="),
    /** Greater than. */
    GT(">"),
    /** Greater than or equal. */
    GE(">=");

    private final String symbol;

    CompareOp(String symbol) {
        this.symbol = symbol;
    }

    /** @return the SQL symbol */
    public String symbol() {
        return symbol;
    }

    /**
     * @param cmp the sign of a comparison of the left operand with the right one
     * @return whether this operation holds for it
     */
    public boolean test(int cmp) {
        switch (this) {
            case EQ: return cmp == 0;
            case NE: return cmp != 0;
            case LT: return cmp < 0;
            case LE: return cmp <= 0;
            case GT: return cmp > 0;
            case GE: return cmp >= 0;
            default: throw new AssertionError(this);
        }
    }
}
