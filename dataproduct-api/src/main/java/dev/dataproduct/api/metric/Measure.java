package dev.dataproduct.api.metric;

import dev.dataproduct.api.expr.Expr;
import java.util.Objects;

/**
 * An aggregation of an expression over the model's rows: the building block of metrics.
 *
 * <pre>{@code
 * Measure revenue = Measure.sum("revenue", Expr.col("price").times(Expr.col("quantity")));
 * Measure customers = Measure.of("customers", Aggregation.COUNT_DISTINCT, Expr.col("customer_id"));
 * }</pre>
 *
 * @param name the name metrics use
 * @param aggregation how values are aggregated
 * @param expr the value of each row, over the model's columns: a number except for the counts
 * @param description what it means; may be empty
 */
public record Measure(String name, Aggregation aggregation, Expr expr, String description) {

    /** Validates the components. */
    public Measure {
        Names.check(name, "measure");
        Objects.requireNonNull(aggregation, "aggregation");
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(description, "description");
    }

    /**
     * @param name the measure's name
     * @param aggregation how values are aggregated
     * @param expr the value of each row
     * @return the measure
     */
    public static Measure of(String name, Aggregation aggregation, Expr expr) {
        return new Measure(name, aggregation, expr, "");
    }

    /**
     * @param name the measure's name
     * @param expr the value of each row
     * @return the sum of the expression
     */
    public static Measure sum(String name, Expr expr) {
        return of(name, Aggregation.SUM, expr);
    }

    /**
     * @param name the measure's name
     * @return the number of rows
     */
    public static Measure count(String name) {
        return of(name, Aggregation.COUNT, Expr.lit(1));
    }

    /**
     * @param text what the measure means
     * @return a copy with that description
     */
    public Measure describedAs(String text) {
        return new Measure(name, aggregation, expr, text);
    }
}
