package dev.dataproduct.api.data;

import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One pass over the batches of a {@link Dataset}. The current batch is borrowed: it stays valid
 * until the next call to {@link #next()} or {@link #close()}, and the cursor owns its memory.
 * Copy what must outlive it.
 */
public interface BatchCursor extends AutoCloseable {

    /**
     * Moves to the next batch.
     *
     * @return {@code false} when there are no more batches
     * @throws dev.dataproduct.api.error.PortException if the underlying source cannot be read
     */
    boolean next();

    /**
     * @return the current batch
     * @throws IllegalStateException before the first {@link #next()} or after the last
     */
    VectorSchemaRoot batch();

    /**
     * Where a row of the current batch came from, for the reasons of rows quarantined downstream.
     *
     * @param row the row index within the current batch
     * @return the origin, such as {@code orders.csv:42}, if the source knows it; empty by default
     */
    default Optional<String> origin(int row) {
        return Optional.empty();
    }

    /** Releases what the cursor holds. Closing twice does nothing. */
    @Override
    void close();
}
