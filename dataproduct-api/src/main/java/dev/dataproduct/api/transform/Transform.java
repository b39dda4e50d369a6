package dev.dataproduct.api.transform;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import java.util.Objects;

/**
 * User code that builds one output dataset of a product: it reads input datasets from the
 * context and emits Arrow batches to the sink. Every emitted row then passes the contract gate.
 *
 * <pre>{@code
 * Transform uppercaseSku = (ctx, out) -> ctx.input("orders").forEachBatch(out::accept);
 * Transform passThrough = Transform.of(ctx -> ctx.input("orders"));
 * }</pre>
 */
@FunctionalInterface
public interface Transform {

    /**
     * Builds the output.
     *
     * @param context the inputs, allocator and clock of the run
     * @param out where output batches go
     * @throws Exception anything the user code throws fails the run, which publishes nothing
     */
    void apply(TransformContext context, BatchSink out) throws Exception;

    /**
     * A transform that returns a dataset whose batches are the output, such as an input as it is.
     *
     * @param function returns the output dataset
     * @return the transform
     */
    static Transform of(java.util.function.Function<TransformContext, Dataset> function) {
        Objects.requireNonNull(function, "function");
        return (context, out) -> {
            try (BatchCursor cursor = function.apply(context).open()) {
                while (cursor.next()) {
                    out.accept(cursor.batch());
                }
            }
        };
    }
}
