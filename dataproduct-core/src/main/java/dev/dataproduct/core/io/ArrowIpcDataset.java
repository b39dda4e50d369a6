package dev.dataproduct.core.io;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.schema.Schema;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.SeekableReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;

/**
 * A dataset read from an Arrow IPC file, on disk or in memory. Each {@link #open()} starts a new
 * reader, so the dataset can be read any number of times; one batch is in memory at a time.
 */
public final class ArrowIpcDataset implements Dataset, IpcBatches.Source {

    /** Opens a channel over the file's bytes, anew for each pass. */
    @FunctionalInterface
    public interface ChannelSource {
        /**
         * @return a fresh channel positioned at the start
         * @throws IOException if the bytes cannot be opened
         */
        SeekableByteChannel open() throws IOException;
    }

    private final String name;
    private final ChannelSource source;
    private final BufferAllocator allocator;
    private final String where;
    private final Schema schema;

    private ArrowIpcDataset(String name, ChannelSource source, BufferAllocator allocator, String where) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = source;
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        this.where = where;
        ArrowMemory.requireUsable();
        this.schema = readSchema();
    }

    /**
     * @param name the dataset name
     * @param file an Arrow IPC file
     * @param allocator the allocator of the batches read
     * @return the dataset
     * @throws PortException if the file cannot be read or holds a type the SDK does not support
     */
    public static ArrowIpcDataset ofFile(String name, Path file, BufferAllocator allocator) {
        return new ArrowIpcDataset(name, () -> FileChannel.open(file, StandardOpenOption.READ), allocator,
                file.toString());
    }

    /**
     * @param name the dataset name
     * @param bytes the bytes of an Arrow IPC file
     * @param allocator the allocator of the batches read
     * @return the dataset
     * @throws PortException if the bytes are not an Arrow IPC file
     */
    public static ArrowIpcDataset ofBytes(String name, byte[] bytes, BufferAllocator allocator) {
        return new ArrowIpcDataset(name, () -> new ByteArrayReadableSeekableByteChannel(bytes), allocator,
                "in-memory dataset '" + name + "'");
    }

    private Schema readSchema() {
        try (SeekableByteChannel channel = source.open()) {
            IpcFraming.checkFile(channel, where);
            try (ArrowFileReader reader = new ArrowFileReader(new SeekableReadChannel(channel), allocator)) {
                return Schema.fromArrow(reader.getVectorSchemaRoot().getSchema());
            }
        } catch (PortException e) {
            throw e;
        } catch (IOException e) {
            throw new PortException("cannot read Arrow IPC file " + where + ": " + e.getMessage()
                    + "; check that the file exists and is an Arrow IPC file (not a stream)", e);
        } catch (IllegalArgumentException e) {
            throw new PortException("Arrow IPC file " + where + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new PortException("cannot read " + where + " as an Arrow IPC file: " + e.getMessage()
                    + "; check that it is an Arrow IPC file (not the stream format, not Parquet)", e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Schema schema() {
        return schema;
    }

    /**
     * {@inheritDoc} Reads the file's footer and the metadata of each batch, not the batches.
     *
     * @throws PortException if the file cannot be read
     */
    @Override
    public Optional<IpcBatches> storedBatches() {
        return IpcBatches.read(source, where, allocator);
    }

    @Override
    public BatchCursor open() {
        SeekableByteChannel channel;
        try {
            channel = source.open();
        } catch (IOException e) {
            throw new PortException("cannot open Arrow IPC file " + where + ": " + e.getMessage(), e);
        }
        List<ArrowBlock> blocks;
        try {
            blocks = IpcFraming.checkFile(channel, where);
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
        ArrowFileReader reader = new ArrowFileReader(new SeekableReadChannel(channel), allocator);
        return new BatchCursor() {
            private boolean onBatch;
            private boolean closed;
            private int index;

            @Override
            public boolean next() {
                onBatch = false;
                if (closed || index >= blocks.size()) {
                    return false;
                }
                ArrowBlock block = blocks.get(index);
                // checked before Arrow reads it: Arrow leaks the buffer of a message it cannot decode
                IpcFraming.checkBlock(channel, "record batch", index, block, where);
                try {
                    if (!reader.loadNextBatch()) {
                        return false;
                    }
                    // a batch whose values point outside its buffers fails here, not in whoever reads a value
                    IpcFraming.checkLoaded(reader.getVectorSchemaRoot());
                } catch (IOException | RuntimeException e) {
                    throw new PortException("Arrow IPC file " + where + " is damaged: record batch " + index
                            + " at byte " + block.getOffset() + " cannot be read (" + e.getMessage()
                            + "); write the file again or restore it from a copy", e);
                }
                index++;
                onBatch = true;
                return true;
            }

            @Override
            public VectorSchemaRoot batch() {
                if (!onBatch) {
                    throw new IllegalStateException("the cursor over " + where + " is not on a batch");
                }
                try {
                    return reader.getVectorSchemaRoot();
                } catch (IOException e) {
                    throw new PortException("cannot read Arrow IPC file " + where + ": " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                onBatch = false;
                try {
                    reader.close();
                } catch (IOException e) {
                    throw new PortException("cannot close Arrow IPC file " + where + ": " + e.getMessage(), e);
                }
            }
        };
    }

    private static void closeQuietly(SeekableByteChannel channel, RuntimeException failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", Arrow IPC " + where + "]";
    }
}
