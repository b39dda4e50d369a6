package dev.dataproduct.core.io;

import dev.dataproduct.api.error.PortException;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Streams batches into an Arrow IPC file. Each written batch is copied by reference into the
 * writer's own root, so the caller keeps ownership of what it passes in, and memory stays bounded
 * by one batch.
 *
 * <pre>{@code
 * try (ArrowIpcWriter w = ArrowIpcWriter.open(channel, schema, allocator, "purchases.arrow")) {
 *     w.write(batch);
 * }
 * }</pre>
 */
public final class ArrowIpcWriter implements AutoCloseable {
    private final VectorSchemaRoot root;
    private final ArrowFileWriter writer;
    private final VectorLoader loader;
    private final String target;
    private long rows;
    private boolean closed;

    private ArrowIpcWriter(VectorSchemaRoot root, ArrowFileWriter writer, String target) {
        this.root = root;
        this.writer = writer;
        this.loader = new VectorLoader(root);
        this.target = target;
    }

    /**
     * Starts a file.
     *
     * @param channel where the bytes go; closed when the writer is closed
     * @param schema the schema of every batch
     * @param allocator the allocator of the writer's root
     * @param target what is written, for error messages (a path or a name)
     * @return the writer
     * @throws PortException if the file header cannot be written
     */
    public static ArrowIpcWriter open(WritableByteChannel channel, Schema schema, BufferAllocator allocator,
                                      String target) {
        Objects.requireNonNull(channel, "channel");
        ArrowMemory.requireUsable();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        try {
            ArrowFileWriter writer = new ArrowFileWriter(root, null, channel);
            writer.start();
            return new ArrowIpcWriter(root, writer, target);
        } catch (IOException | RuntimeException e) {
            root.close();
            throw new PortException("cannot start Arrow IPC file " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Appends a batch.
     *
     * @param batch a batch with the writer's schema; still owned by the caller afterwards
     * @throws PortException if the batch cannot be written
     */
    public void write(VectorSchemaRoot batch) {
        if (closed) {
            throw new IllegalStateException("the writer of " + target + " is closed");
        }
        if (batch.getRowCount() == 0) {
            return;
        }
        try (ArrowRecordBatch recordBatch = new VectorUnloader(batch).getRecordBatch()) {
            loader.load(recordBatch);
            writer.writeBatch();
            rows += batch.getRowCount();
        } catch (IOException e) {
            throw new PortException("cannot write a batch to Arrow IPC file " + target + ": " + e.getMessage(), e);
        } finally {
            root.clear();
        }
    }

    /** @return the rows written so far */
    public long rows() {
        return rows;
    }

    /**
     * Writes the file footer and releases the writer's memory.
     *
     * @throws PortException if the footer cannot be written
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.end();
            writer.close();
        } catch (IOException | RuntimeException e) {
            throw new PortException("cannot finish Arrow IPC file " + target + ": " + e.getMessage(), e);
        } finally {
            root.close();
        }
    }
}
