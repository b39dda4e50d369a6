package dev.dataproduct.api.expr;

/** The built-in functions of the expression model. */
public enum Function {
    /** Characters of a string or elements of an array. */
    LENGTH("length", 1, 1),
    /** A string in lower case. */
    LOWER("lower", 1, 1),
    /** A string in upper case. */
    UPPER("upper", 1, 1),
    /** The absolute value of a number. */
    ABS("abs", 1, 1),
    /** The first argument that holds a value. */
    COALESCE("coalesce", 1, Integer.MAX_VALUE);

    private final String sqlName;
    private final int minArgs;
    private final int maxArgs;

    Function(String sqlName, int minArgs, int maxArgs) {
        this.sqlName = sqlName;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
    }

    /** @return the name in SQL and in {@code toString} */
    public String sqlName() {
        return sqlName;
    }

    /** @return the fewest arguments */
    public int minArgs() {
        return minArgs;
    }

    /** @return the most arguments */
    public int maxArgs() {
        return maxArgs;
    }

    String arity() {
        return minArgs == maxArgs ? minArgs + (minArgs == 1 ? " argument" : " arguments")
                : "at least " + minArgs + " argument" + (minArgs == 1 ? "" : "s");
    }
}
