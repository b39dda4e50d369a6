package dev.dataproduct.api.feature;

import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.schema.LogicalType;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One feature of a {@link FeatureView}: a column of the source dataset, an expression over its
 * columns, or a rolling aggregate of an expression over a trailing window of the entity's rows.
 *
 * <pre>{@code
 * Feature.column("minutes_late", LogicalType.INT32);
 * Feature.of("late", LogicalType.BOOLEAN, Expr.col("minutes_late").gt(0));
 * Feature.rolling("absence_rate_10d", Aggregation.MEAN, Expr.col("status").eq("ABSENT"), Duration.ofDays(10));
 * }</pre>
 *
 * <p>A rolling feature's window trails each row's event time {@code e}: it holds the rows of the
 * same entity with {@code e - window < event_time <= e} (start exclusive, end inclusive).
 *
 * @param name the feature's column in the feature table
 * @param type the feature's type; for a rolling feature, its aggregation's
 *     {@linkplain Aggregation#resultType() result type}
 * @param value the column or expression computed for each source row
 * @param aggregation for a rolling feature, how the window's values are aggregated
 * @param window for a rolling feature, the length of the trailing window
 */
public record Feature(String name, LogicalType type, Expr value, Optional<Aggregation> aggregation,
                      Optional<Duration> window) {

    /** Validates the components: a rolling feature has both an aggregation and a positive window. */
    public Feature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(window, "window");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a feature needs a name");
        }
        if (aggregation.isPresent() != window.isPresent()) {
            throw new IllegalArgumentException("feature '" + name + "': a rolling feature needs both an aggregation "
                    + "and a window");
        }
        if (window.isPresent() && (window.get().isZero() || window.get().isNegative())) {
            throw new IllegalArgumentException("feature '" + name + "': the window must be positive, not "
                    + window.get());
        }
        if (aggregation.isPresent() && !aggregation.get().resultType().equals(type)) {
            throw new IllegalArgumentException("feature '" + name + "': a " + aggregation.get() + " is a "
                    + aggregation.get().resultType().typeName() + ", not a " + type.typeName());
        }
    }

    /**
     * @param column a column of the source dataset, which becomes a feature of the same name
     * @param type its type
     * @return the feature
     */
    public static Feature column(String column, LogicalType type) {
        return new Feature(column, type, Expr.col(column), Optional.empty(), Optional.empty());
    }

    /**
     * @param name the feature's name
     * @param type the type of the expression's values
     * @param expression an expression over the source dataset's columns
     * @return the feature
     */
    public static Feature of(String name, LogicalType type, Expr expression) {
        return new Feature(name, type, expression, Optional.empty(), Optional.empty());
    }

    /**
     * @param name the feature's name
     * @param aggregation how the window's values are aggregated
     * @param expression the value aggregated, computed for each source row (a boolean counts as 0 or 1)
     * @param window the length of the trailing window, start exclusive, end inclusive
     * @return the rolling feature
     */
    public static Feature rolling(String name, Aggregation aggregation, Expr expression, Duration window) {
        Objects.requireNonNull(aggregation, "aggregation");
        return new Feature(name, aggregation.resultType(), expression, Optional.of(aggregation),
                Optional.of(window));
    }

    /** @return whether the feature is a rolling aggregate */
    public boolean isRolling() {
        return aggregation.isPresent();
    }
}
