package dev.dataproduct.core.io;

import dev.dataproduct.api.error.PortException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flatbuf.Block;
import org.apache.arrow.flatbuf.Buffer;
import org.apache.arrow.flatbuf.DictionaryBatch;
import org.apache.arrow.flatbuf.Footer;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseLargeVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BaseVariableWidthViewVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.util.ValueVectorUtility;
import org.apache.arrow.vector.validate.ValidateVectorDataVisitor;

/**
 * Checks the framing of Arrow IPC bytes the SDK did not write itself before Arrow reads them. Arrow
 * allocates whatever a message's length claims, and a message it cannot decode leaks the buffer it
 * read it into; so every length (of a stream message, of a file's footer block) and every buffer of a
 * batch body is checked against the bytes actually there, and a damaged message is reported with the
 * byte where it starts, not allocated.
 */
public final class IpcFraming {
    private static final int CONTINUATION = 0xFFFFFFFF;
    /** The magic at the start of an IPC file, padded to 8 bytes. */
    private static final int FILE_HEADER = 8;
    /** The footer length and the magic at the end of an IPC file. */
    private static final int FILE_TRAILER = 10;
    /** The size of a block entry in a footer: offset, metadata length and padding, body length. */
    private static final int BLOCK_SIZE = 24;
    private static final byte[] MAGIC = "ARROW1".getBytes(StandardCharsets.US_ASCII);

    private IpcFraming() {
    }

    /**
     * Checks a whole IPC stream held in memory: each message's metadata, body and body buffers lie
     * inside the bytes given.
     *
     * @param value the bytes of an Arrow IPC stream
     * @throws IOException naming the byte where the first damaged message starts
     */
    public static void checkStream(byte[] value) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        while (at < value.length) {
            int start = at;
            if (value.length - at < 4) {
                throw new IOException("it ends inside the length of the message at byte " + start);
            }
            int length = bytes.getInt(at);
            at += 4;
            if (length == CONTINUATION) {  // the continuation marker, then the length
                if (value.length - at < 4) {
                    throw new IOException("it ends inside the length of the message at byte " + start);
                }
                length = bytes.getInt(at);
                at += 4;
            }
            if (length == 0) {
                return;  // the end of the stream
            }
            if (length < 0 || length > value.length - at) {
                throw new IOException("the message at byte " + start + " declares " + Integer.toUnsignedString(length)
                        + " bytes of metadata, but the value holds " + (value.length - at) + " more");
            }
            ByteBuffer metadata = bytes.duplicate().position(at).limit(at + length).slice();
            at += length;
            String problem = problem(metadata, value.length - at);
            if (problem != null) {
                throw new IOException("the message at byte " + start + " " + problem);
            }
            at += (int) Message.getRootAsMessage(metadata.order(ByteOrder.LITTLE_ENDIAN)).bodyLength();
        }
    }

    /**
     * Reads the footer of an IPC file and checks it before Arrow does: the magic at both ends, the
     * footer inside the file, every block the footer lists inside the file, and every dictionary
     * batch's message (Arrow reads those as soon as it opens the file).
     *
     * @param channel the file; its position is moved
     * @param where the file, for the message
     * @return the record batch blocks, in order, for {@link #checkBlock} before each is read
     * @throws PortException naming the file and the byte where it is damaged
     */
    public static List<ArrowBlock> checkFile(SeekableByteChannel channel, String where) {
        long size;
        ByteBuffer head = ByteBuffer.allocate(FILE_HEADER);
        ByteBuffer tail = ByteBuffer.allocate(FILE_TRAILER).order(ByteOrder.LITTLE_ENDIAN);
        try {
            size = channel.size();
            if (size < FILE_HEADER + FILE_TRAILER) {
                throw notArrow(where, "it holds " + size + " bytes, fewer than the " + (FILE_HEADER + FILE_TRAILER)
                        + " of an empty Arrow IPC file");
            }
            readFully(channel, 0, head);
            readFully(channel, size - FILE_TRAILER, tail);
        } catch (IOException e) {
            throw new PortException("cannot read Arrow IPC file " + where + ": " + e.getMessage()
                    + "; check that the file exists and is readable", e);
        }
        if (!magic(head, 0) || !magic(tail, 4)) {
            throw notArrow(where, "it does not start and end with the Arrow IPC file magic 'ARROW1'");
        }
        int footerLength = tail.getInt(0);
        long footerStart = size - FILE_TRAILER - footerLength;
        if (footerLength <= 0 || footerStart < FILE_HEADER) {
            throw new PortException("Arrow IPC file " + where + " is damaged: its footer length at byte "
                    + (size - FILE_TRAILER) + " is " + footerLength + ", but the file holds " + (size - FILE_TRAILER
                    - FILE_HEADER) + " bytes between its magic numbers; write the file again or restore it");
        }
        Footer footer;
        try {
            ByteBuffer bytes = ByteBuffer.allocate(footerLength).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, footerStart, bytes);
            footer = Footer.getRootAsFooter(bytes.flip().order(ByteOrder.LITTLE_ENDIAN));
            List<ArrowBlock> dictionaries = blocks(footer, true);
            List<ArrowBlock> records = blocks(footer, false);
            checkBlocks(dictionaries, "dictionary batch", footerStart, where);
            checkBlocks(records, "record batch", footerStart, where);
            for (int i = 0; i < dictionaries.size(); i++) {
                checkBlock(channel, "dictionary batch", i, dictionaries.get(i), where);
            }
            return records;
        } catch (IOException e) {
            throw new PortException("cannot read Arrow IPC file " + where + ": " + e.getMessage(), e);
        } catch (PortException e) {
            throw e;
        } catch (RuntimeException e) {
            // a footer of garbage points outside itself
            throw new PortException("Arrow IPC file " + where + " is damaged: its footer at byte " + footerStart
                    + " cannot be decoded (" + e + "); write the file again or restore it from a copy", e);
        }
    }

    private static List<ArrowBlock> blocks(Footer footer, boolean dictionaries) {
        int n = dictionaries ? footer.dictionariesLength() : footer.recordBatchesLength();
        if (n < 0 || n > footer.getByteBuffer().capacity() / BLOCK_SIZE) {
            throw new IllegalArgumentException("it lists " + n + " blocks, more than it can hold");
        }
        List<ArrowBlock> blocks = new ArrayList<>(n);
        Block block = new Block();
        for (int i = 0; i < n; i++) {
            Block b = dictionaries ? footer.dictionaries(block, i) : footer.recordBatches(block, i);
            blocks.add(new ArrowBlock(b.offset(), b.metaDataLength(), b.bodyLength()));
        }
        return blocks;
    }

    private static boolean magic(ByteBuffer bytes, int at) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes.get(at + i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static PortException notArrow(String where, String why) {
        return new PortException("cannot read " + where + " as an Arrow IPC file: " + why + "; check that it is "
                + "an uncompressed Arrow IPC file (not the stream format, not Parquet) and that it was written "
                + "completely");
    }

    private static void readFully(SeekableByteChannel channel, long at, ByteBuffer into) throws IOException {
        channel.position(at);
        while (into.hasRemaining()) {
            if (channel.read(into) < 0) {
                throw new IOException("it ends at byte " + channel.position() + ", before " + into.remaining()
                        + " more bytes");
            }
        }
    }

    /** Checks that the blocks a footer lists lie between the file's leading magic and its footer. */
    private static void checkBlocks(List<ArrowBlock> blocks, String kind, long end, String where) {
        for (int i = 0; i < blocks.size(); i++) {
            ArrowBlock b = blocks.get(i);
            if (b.getOffset() < FILE_HEADER || b.getMetadataLength() < 8 || b.getBodyLength() < 0
                    || b.getOffset() > end || b.getMetadataLength() > end - b.getOffset()
                    || b.getBodyLength() > end - b.getOffset() - b.getMetadataLength()) {
                throw damaged(where, kind, i, b, "its footer entry declares " + b.getMetadataLength()
                        + " bytes of metadata and " + b.getBodyLength() + " bytes of body, but the file holds "
                        + Math.max(0, end - b.getOffset()) + " bytes from there to its footer");
            }
        }
    }

    /**
     * Reads the metadata of one block of a file and checks that Arrow can read it: an encapsulated
     * batch message whose body buffers lie inside the block. Call {@link #checkFile} first.
     *
     * @param channel the file; its position is moved
     * @param kind what the block is, for the message
     * @param index the block's index, for the message
     * @param block the block
     * @param where the file, for the message
     * @return the decoded message
     * @throws PortException naming the file, the block and its byte offset
     */
    public static Message checkBlock(SeekableByteChannel channel, String kind, int index, ArrowBlock block,
                                     String where) {
        ByteBuffer meta = ByteBuffer.allocate(block.getMetadataLength()).order(ByteOrder.LITTLE_ENDIAN);
        try {
            channel.position(block.getOffset());
            while (meta.hasRemaining() && channel.read(meta) >= 0) {
                // read the whole prefix and metadata
            }
        } catch (IOException e) {
            throw damaged(where, kind, index, block, "it cannot be read (" + e.getMessage() + ")");
        }
        if (meta.hasRemaining()) {
            throw damaged(where, kind, index, block, "the file ends inside its metadata");
        }
        int prefix = meta.getInt(0) == CONTINUATION ? 8 : 4;
        int length = meta.getInt(prefix - 4);
        if (length < 0 || length > block.getMetadataLength() - prefix) {
            throw damaged(where, kind, index, block, "it declares " + Integer.toUnsignedString(length)
                    + " bytes of metadata, but its footer entry gives " + (block.getMetadataLength() - prefix));
        }
        ByteBuffer metadata = meta.position(prefix).limit(prefix + length).slice().order(ByteOrder.LITTLE_ENDIAN);
        String problem = problem(metadata, block.getBodyLength());
        if (problem != null) {
            throw damaged(where, kind, index, block, problem);
        }
        return Message.getRootAsMessage(metadata);
    }

    private static PortException damaged(String where, String kind, int index, ArrowBlock block, String problem) {
        return new PortException("Arrow IPC file " + where + " is damaged: " + kind + " " + index + " at byte "
                + block.getOffset() + ": " + problem + "; write the file again or restore it from a copy");
    }

    /**
     * @param metadata the flatbuffer of a message, without its length prefix
     * @param available the bytes there are for its body
     * @return what is wrong with the message, or null if Arrow can read it
     */
    private static String problem(ByteBuffer metadata, long available) {
        try {
            Message message = Message.getRootAsMessage(metadata.duplicate().order(ByteOrder.LITTLE_ENDIAN));
            long body = message.bodyLength();
            if (body < 0 || body > available) {
                return "declares " + body + " bytes of body, but " + available + " are there";
            }
            RecordBatch batch = switch (message.headerType()) {
                case MessageHeader.RecordBatch -> (RecordBatch) message.header(new RecordBatch());
                case MessageHeader.DictionaryBatch -> {
                    DictionaryBatch d = (DictionaryBatch) message.header(new DictionaryBatch());
                    yield d == null ? null : d.data();
                }
                case MessageHeader.Schema -> null;
                default -> throw new IllegalArgumentException("header type " + message.headerType());
            };
            if (batch == null) {
                return message.headerType() == MessageHeader.Schema ? null : "has no batch in its header";
            }
            if (batch.length() < 0 || batch.length() > Integer.MAX_VALUE) {
                return "declares " + batch.length() + " rows";
            }
            if (batch.compression() != null) {
                return "has compressed buffers, which are not supported";
            }
            Buffer buffer = new Buffer();
            for (int i = 0; i < batch.buffersLength(); i++) {
                batch.buffers(buffer, i);
                if (buffer.offset() < 0 || buffer.length() < 0 || buffer.offset() > body
                        || buffer.length() > body - buffer.offset()) {
                    return "declares a buffer of " + buffer.length() + " bytes at " + buffer.offset()
                            + " in a body of " + body + " bytes";
                }
            }
            for (int i = 0; i < batch.nodesLength(); i++) {
                long length = batch.nodes(i).length();
                long nulls = batch.nodes(i).nullCount();
                if (length < 0 || length > Integer.MAX_VALUE || nulls < 0 || nulls > Integer.MAX_VALUE) {
                    return "declares " + length + " values and " + nulls + " nulls for column node " + i;
                }
            }
            return null;
        } catch (RuntimeException e) {
            // a flatbuffer of garbage points outside itself
            return "is not an Arrow IPC message (" + e + ")";
        }
    }

    /**
     * Checks a batch Arrow has loaded from bytes the SDK did not write: buffers large enough for
     * its row count, and offsets of text, binary and list columns that rise and stay inside their
     * data. Values themselves (a decimal wider than its precision, text that is not UTF-8) are left
     * to the contract gate, which quarantines the row rather than failing the file.
     *
     * @param batch a loaded batch
     * @throws IllegalArgumentException saying what is out of bounds
     */
    public static void checkLoaded(VectorSchemaRoot batch) {
        ValueVectorUtility.validate(batch);
        for (FieldVector v : batch.getFieldVectors()) {
            v.accept(OFFSETS, null);
        }
    }

    /** Arrow's data checks without its value checks: offsets only. */
    private static final ValidateVectorDataVisitor OFFSETS = new ValidateVectorDataVisitor() {
        @Override
        public Void visit(BaseFixedWidthVector vector, Void value) {
            return null;
        }

        @Override
        public Void visit(BaseVariableWidthVector vector, Void value) {
            checkOffsets(vector.getOffsetBuffer(), vector.getValueCount(), false, vector.getDataBuffer().capacity(),
                    vector.getName());
            return null;
        }

        @Override
        public Void visit(BaseLargeVariableWidthVector vector, Void value) {
            checkOffsets(vector.getOffsetBuffer(), vector.getValueCount(), true, vector.getDataBuffer().capacity(),
                    vector.getName());
            return null;
        }

        @Override
        public Void visit(BaseVariableWidthViewVector vector, Void value) {
            return null;
        }
    };

    private static void checkOffsets(ArrowBuf offsets, int count, boolean large, long data, String column) {
        if (count == 0) {
            return;
        }
        long previous = 0;
        for (int i = 0; i <= count; i++) {
            long offset = large ? offsets.getLong((long) i * 8) : offsets.getInt((long) i * 4);
            if (offset < previous || offset > data) {
                throw new IllegalArgumentException("column '" + column + "' has offset " + offset + " at value " + i
                        + ", outside 0.." + data + " or below the one before");
            }
            previous = offset;
        }
    }
}
