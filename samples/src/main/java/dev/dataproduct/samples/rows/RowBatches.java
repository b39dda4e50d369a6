package dev.dataproduct.samples.rows;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.transform.BatchSink;
import dev.dataproduct.api.transform.Transform;
import dev.dataproduct.api.transform.TransformContext;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Hands rows a sample's transform makes one by one to the run in batches of a bounded size, so a
 * generated year of records never sits in one batch.
 *
 * {@snippet :
 * try (RowBatches rows = RowBatches.of(ctx, out)) {
 *     rows.add("att-20250825-S00001", "S00001", ...);
 * }                                        // the last, partial batch leaves on close
 * }
 */
public final class RowBatches implements AutoCloseable {
    /** The rows of one batch unless a sample asks otherwise. */
    public static final int DEFAULT_SIZE = 8192;

    private final TransformContext ctx;
    private final BatchSink out;
    private final int size;
    private BatchBuilder builder;

    private RowBatches(TransformContext ctx, BatchSink out, int size) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.out = Objects.requireNonNull(out, "out");
        if (size < 1) {
            throw new IllegalArgumentException("a batch holds at least one row, not " + size);
        }
        this.size = size;
    }

    /**
     * @param ctx the transform's context, whose batch builders quarantine values their column cannot hold
     * @param out where the batches go
     * @return batches of {@link #DEFAULT_SIZE} rows
     */
    public static RowBatches of(TransformContext ctx, BatchSink out) {
        return new RowBatches(ctx, out, DEFAULT_SIZE);
    }

    /**
     * @param ctx the transform's context
     * @param out where the batches go
     * @param size the rows of one batch, at least 1
     * @return batches of that many rows
     */
    public static RowBatches of(TransformContext ctx, BatchSink out, int size) {
        return new RowBatches(ctx, out, size);
    }

    /**
     * A transform that writes the rows a generator makes, in batches of {@link #DEFAULT_SIZE}.
     *
     * @param generator makes the rows, one value per column of the output each, and hands them on
     * @return the transform
     */
    public static Transform writing(Consumer<Consumer<Object[]>> generator) {
        Objects.requireNonNull(generator, "generator");
        return (ctx, out) -> {
            try (RowBatches rows = of(ctx, out)) {
                generator.accept(rows::add);
            }
        };
    }

    /**
     * @param values one value per column of the output, in order
     * @return this
     */
    public RowBatches add(Object... values) {
        if (builder == null) {
            builder = ctx.batchBuilder();
        }
        builder.addRow(values);
        if (builder.rowCount() >= size) {
            flush();
        }
        return this;
    }

    private void flush() {
        try (BatchBuilder b = builder; VectorSchemaRoot batch = b.build()) {
            builder = null;
            out.accept(batch);
        }
    }

    /** Sends the last, partial batch. */
    @Override
    public void close() {
        if (builder != null) {
            flush();
        }
    }
}
