package dev.dataproduct.api.port;

import dev.dataproduct.api.data.Dataset;
import java.util.Map;
import java.util.Optional;

/**
 * A source of data for a product: files, another product's output, a stream, memory. The runtime
 * opens each input port once per run, reads the dataset it returns (possibly more than once) and
 * closes the port in the end.
 *
 * <p>Rows the port can read but not convert to the schema (a cell that is not a number, a line
 * with too few cells) are sent to {@link InputContext#rejects()}, never dropped and never turned
 * into nulls.
 *
 * <pre>{@code
 * public final class MyInput implements InputPort {
 *     public PortDescriptor descriptor() { return new PortDescriptor("orders", "memory", "arrow", ""); }
 *     public Dataset open(InputContext context) { return Dataset.of("orders", schema, batches); }
 * }
 * }</pre>
 */
public interface InputPort extends AutoCloseable {

    /** @return what the port is; its name is the name transforms read the input by */
    PortDescriptor descriptor();

    /**
     * Opens the port for a run.
     *
     * @param context the allocator, clock and reject sink of the run
     * @return the data the port provides
     * @throws dev.dataproduct.api.error.PortException if the source cannot be opened
     */
    Dataset open(InputContext context);

    /**
     * The product this port reads, for a port that reads another data product; the product's
     * descriptor records it with the input port. The default is none (files, memory, streams).
     *
     * @return the product and contract read, if the port reads another product
     */
    default Optional<Upstream> upstream() {
        return Optional.empty();
    }

    /**
     * Where the run's read of this port ends, for a port that reads a source with positions (a
     * stream's offsets per partition): the runtime asks after the run has read its inputs and
     * stores the answer in the manifest of the snapshot it commits, and the next run gets it back
     * as {@link InputContext#committedPosition()}. The default is none.
     *
     * @return the position after the rows the last {@link #open} provided, as text by key; empty
     *     for a port that keeps no position
     */
    default Map<String, String> position() {
        return Map.of();
    }

    /** Releases what {@link #open(InputContext)} acquired. The default does nothing. */
    @Override
    default void close() {
    }
}
