package dev.dataproduct.core.io;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.PortException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.SeekableReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowBlock;

/**
 * The record batches of an Arrow IPC file as the encapsulated messages it stores, to be passed on
 * unchanged: the messages of the IPC file and stream formats are the same, so a stream is the
 * schema message, these bytes and the end-of-stream marker, with nothing decoded or encoded again.
 * Only files whose batches can travel like this have them: no dictionaries, no compressed bodies,
 * the current message framing (a continuation marker before each message).
 */
public final class IpcBatches {
    /** A dataset that can hand out its stored record batches. */
    public interface Source {
        /**
         * @return the dataset's record batches as stored, or empty if they cannot be passed on unchanged
         */
        Optional<IpcBatches> storedBatches();
    }

    private static final int CONTINUATION = 0xFFFFFFFF;

    private final ArrowIpcDataset.ChannelSource channels;
    private final String where;
    private final long[] offsets;
    private final long[] lengths;
    private final long rows;

    private IpcBatches(ArrowIpcDataset.ChannelSource channels, String where, long[] offsets, long[] lengths,
                       long rows) {
        this.channels = channels;
        this.where = where;
        this.offsets = offsets;
        this.lengths = lengths;
        this.rows = rows;
    }

    /**
     * @param dataset a dataset
     * @return its stored record batches, if it is an Arrow IPC file (or made of one) whose batches can
     *     be passed on unchanged
     */
    public static Optional<IpcBatches> of(Dataset dataset) {
        return dataset instanceof Source s ? s.storedBatches() : Optional.empty();
    }

    /** Reads the file's footer and each batch's metadata (not its body). */
    static Optional<IpcBatches> read(ArrowIpcDataset.ChannelSource channels, String where,
                                     BufferAllocator allocator) {
        try (SeekableByteChannel channel = channels.open()) {
            IpcFraming.checkFile(channel, where);
            return read(channels, channel, where, allocator);
        } catch (IOException e) {
            throw new PortException("cannot read the record batches of Arrow IPC file " + where + ": "
                    + e.getMessage() + "; check that it is an Arrow IPC file", e);
        }
    }

    private static Optional<IpcBatches> read(ArrowIpcDataset.ChannelSource channels, SeekableByteChannel channel,
                                             String where, BufferAllocator allocator) {
        try (ArrowFileReader reader = new ArrowFileReader(new SeekableReadChannel(channel), allocator)) {
            if (!reader.getDictionaryBlocks().isEmpty()) {
                return Optional.empty();
            }
            List<ArrowBlock> blocks = reader.getRecordBlocks();
            long[] offsets = new long[blocks.size()];
            long[] lengths = new long[blocks.size()];
            long rows = 0;
            for (int i = 0; i < blocks.size(); i++) {
                ArrowBlock b = blocks.get(i);
                long batchRows = rowsOf(channel, b);
                if (batchRows < 0) {
                    return Optional.empty();
                }
                offsets[i] = b.getOffset();
                lengths[i] = b.getMetadataLength() + b.getBodyLength();
                rows += batchRows;
            }
            return Optional.of(new IpcBatches(channels, where, offsets, lengths, rows));
        } catch (IOException | RuntimeException e) {
            throw new PortException("cannot read the record batches of Arrow IPC file " + where + ": "
                    + e.getMessage() + "; check that it is an Arrow IPC file", e);
        }
    }

    /** @return the rows of a batch, or -1 if its message cannot be passed on as stored */
    private static long rowsOf(SeekableByteChannel channel, ArrowBlock block) throws IOException {
        if (block.getMetadataLength() < 8 || block.getMetadataLength() > Integer.MAX_VALUE) {
            return -1;
        }
        ByteBuffer meta = ByteBuffer.allocate(block.getMetadataLength()).order(ByteOrder.LITTLE_ENDIAN);
        channel.position(block.getOffset());
        while (meta.hasRemaining() && channel.read(meta) >= 0) {
            // read the whole prefix and metadata
        }
        if (meta.hasRemaining() || meta.getInt(0) != CONTINUATION) {
            return -1;
        }
        meta.position(8);
        Message message = Message.getRootAsMessage(meta.slice().order(ByteOrder.LITTLE_ENDIAN));
        if (message.headerType() != MessageHeader.RecordBatch) {
            return -1;
        }
        RecordBatch batch = (RecordBatch) message.header(new RecordBatch());
        // an empty batch is left out by the read path; a compressed body is not what a port writes
        return batch == null || batch.compression() != null || batch.length() == 0 ? -1 : batch.length();
    }

    /** @return the rows of all the batches */
    public long rows() {
        return rows;
    }

    /** @return the number of record batches */
    public int count() {
        return offsets.length;
    }

    /**
     * Writes the batches' messages, as stored, in writes of at most {@code chunk} bytes.
     *
     * @param out where the messages go, after a schema message of the same columns and types
     * @param chunk the largest write
     * @throws IOException if {@code out} fails
     * @throws PortException if the stored file cannot be read
     */
    public void writeTo(OutputStream out, int chunk) throws IOException {
        byte[] buffer = new byte[chunk];
        SeekableByteChannel channel;
        try {
            channel = channels.open();
        } catch (IOException e) {
            throw new PortException("cannot open Arrow IPC file " + where + ": " + e.getMessage(), e);
        }
        try (channel) {
            for (int i = 0; i < offsets.length; i++) {
                channel.position(offsets[i]);
                long left = lengths[i];
                while (left > 0) {
                    int n = read(channel, ByteBuffer.wrap(buffer, 0, (int) Math.min(chunk, left)));
                    if (n < 0) {
                        throw new PortException("Arrow IPC file " + where + " ended inside record batch " + i
                                + " at byte " + channel.position() + "; the stored file is damaged");
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
            }
        }
    }

    /** A failure to read the store is the store's, not the client's: it is not an {@link IOException}. */
    private int read(SeekableByteChannel channel, ByteBuffer into) {
        try {
            return channel.read(into);
        } catch (IOException e) {
            throw new PortException("cannot read Arrow IPC file " + where + ": " + e.getMessage(), e);
        }
    }
}
