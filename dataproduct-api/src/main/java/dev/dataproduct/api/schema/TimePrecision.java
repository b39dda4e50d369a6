package dev.dataproduct.api.schema;

import java.time.temporal.ChronoUnit;

/** The resolution of a {@link LogicalType.TimestampType timestamp}. */
public enum TimePrecision {
    /** Whole seconds. */
    SECONDS("s", ChronoUnit.SECONDS),
    /** Milliseconds. */
    MILLIS("ms", ChronoUnit.MILLIS),
    /** Microseconds, the default: what Spark, DuckDB and Parquet use. */
    MICROS("us", ChronoUnit.MICROS),
    /** Nanoseconds, what pandas uses. */
    NANOS("ns", ChronoUnit.NANOS);

    private final String symbol;
    private final ChronoUnit unit;

    TimePrecision(String symbol, ChronoUnit unit) {
        this.symbol = symbol;
        this.unit = unit;
    }

    /** @return the short symbol used in type names, such as {@code us} */
    public String symbol() {
        return symbol;
    }

    /** @return the matching {@link ChronoUnit} */
    public ChronoUnit unit() {
        return unit;
    }

    /**
     * Finds a precision by its symbol.
     *
     * @param symbol {@code s}, {@code ms}, {@code us} or {@code ns}
     * @return the precision
     * @throws IllegalArgumentException if the symbol names none
     */
    public static TimePrecision ofSymbol(String symbol) {
        for (TimePrecision p : values()) {
            if (p.symbol.equals(symbol)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown time precision '" + symbol + "': expected s, ms, us or ns");
    }
}
