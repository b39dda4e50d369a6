package dev.dataproduct.api.metric;

import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.schema.LogicalType;
import java.util.Objects;

/**
 * What a metric is grouped by: a categorical value ({@code region}) or a time ({@code ordered_at})
 * that a query groups at a {@link TimeGrain}.
 *
 * <p>A categorical dimension's values are those of its expression; their type is declared
 * ({@code string} unless said otherwise: {@code int64}, {@code boolean} or {@code date}) so that the
 * datasets a metric product publishes have a contract before any run. A time dimension's
 * expression is a {@code date} or a {@code timestamp}; results carry the first day of each bucket
 * as a {@code date}.
 *
 * @param name the name queries use
 * @param type categorical or time
 * @param expr the value, over the model's columns (most often the column of the same name)
 * @param valueType the type of the values in results: {@code date} for a time dimension
 * @param description what it means, for the data sheet; may be empty
 */
public record Dimension(String name, Type type, Expr expr, LogicalType valueType, String description) {

    /** Categorical or time. */
    public enum Type {
        /** A value to group by as it is. */
        CATEGORICAL,
        /** A date or timestamp, grouped at a grain. */
        TIME
    }

    /** Validates the components. */
    public Dimension {
        Names.check(name, "dimension");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(description, "description");
        if (type == Type.TIME && !valueType.equals(LogicalType.DATE)) {
            throw new IllegalArgumentException("the time dimension '" + name + "' has values of type date, not "
                    + valueType);
        }
        if (type == Type.CATEGORICAL && !(valueType.equals(LogicalType.STRING) || valueType.equals(LogicalType.INT64)
                || valueType.equals(LogicalType.BOOLEAN) || valueType.equals(LogicalType.DATE))) {
            throw new IllegalArgumentException("the categorical dimension '" + name + "' cannot have values of type "
                    + valueType + ": use string, int64, boolean or date");
        }
    }

    /**
     * @param column a string column, also the dimension's name
     * @return a categorical dimension of strings
     */
    public static Dimension categorical(String column) {
        return new Dimension(column, Type.CATEGORICAL, Expr.col(column), LogicalType.STRING, "");
    }

    /**
     * @param name the dimension's name
     * @param valueType string, int64 (any integer column), boolean or date
     * @param expr the value
     * @return a categorical dimension
     */
    public static Dimension categorical(String name, LogicalType valueType, Expr expr) {
        return new Dimension(name, Type.CATEGORICAL, expr, valueType, "");
    }

    /**
     * @param column a date or timestamp column, also the dimension's name
     * @return a time dimension
     */
    public static Dimension time(String column) {
        return new Dimension(column, Type.TIME, Expr.col(column), LogicalType.DATE, "");
    }

    /**
     * @param text what the dimension means
     * @return a copy with that description
     */
    public Dimension describedAs(String text) {
        return new Dimension(name, type, expr, valueType, text);
    }
}
