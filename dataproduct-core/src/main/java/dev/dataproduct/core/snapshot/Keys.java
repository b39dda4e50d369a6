package dev.dataproduct.core.snapshot;

import dev.dataproduct.api.error.PortException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Primary keys as 64-bit hashes, and the files that hold them: a key index (one hash per row of a
 * data file, in row order) and a deletion vector (sorted row positions). Both are plain big-endian
 * longs, so that an upsert scans an index sequentially without reading the data file. A key is
 * hashed from the UTF-8 text of each of its values, so {@code "A-1"} given to a delete and the
 * same string in a batch hash alike. Two distinct keys sharing a 64-bit hash would be taken for
 * one: with ten million keys the chance is about one in three hundred thousand million.
 */
final class Keys {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Keys() {
    }

    /** The hash of a key given as values, each taken as its text. */
    static long hash(List<?> values) {
        long h = FNV_OFFSET;
        for (Object v : values) {
            h = mixValue(h, v == null ? null : String.valueOf(v).getBytes(StandardCharsets.UTF_8));
        }
        return finish(h);
    }

    /** The hash of the key of one row of a batch. */
    static long hash(VectorSchemaRoot batch, List<FieldVector> keyColumns, int row) {
        long h = FNV_OFFSET;
        for (FieldVector v : keyColumns) {
            byte[] bytes;
            if (v.isNull(row)) {
                bytes = null;
            } else if (v instanceof VarCharVector text) {
                bytes = text.get(row);
            } else {
                bytes = String.valueOf(v.getObject(row)).getBytes(StandardCharsets.UTF_8);
            }
            h = mixValue(h, bytes);
        }
        return finish(h);
    }

    /** @return the key columns of a batch, in key order */
    static List<FieldVector> columns(VectorSchemaRoot batch, List<String> keyColumns, String where) {
        return keyColumns.stream().map(c -> {
            FieldVector v = batch.getVector(c);
            if (v == null) {
                throw new IllegalArgumentException(where + " has no key column '" + c + "'; its columns are "
                        + batch.getSchema().getFields().stream().map(f -> f.getName()).toList());
            }
            return v;
        }).toList();
    }

    private static long mixValue(long h, byte[] bytes) {
        if (bytes == null) {
            h = (h ^ 0xff) * FNV_PRIME;  // null differs from every text, the empty one included
        } else {
            for (byte b : bytes) {
                h = (h ^ (b & 0xff)) * FNV_PRIME;
            }
        }
        return (h ^ 0x1f) * FNV_PRIME;  // a separator, so ("ab","c") and ("a","bc") differ
    }

    /** Murmur3's finaliser, so that near keys spread over the whole range. */
    private static long finish(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Writes longs to a new file and syncs it. */
    static void write(Path file, long[] values, int count) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            for (int i = 0; i < count; i++) {
                if (!buf.hasRemaining()) {
                    flush(ch, buf);
                }
                buf.putLong(values[i]);
            }
            flush(ch, buf);
            ch.force(true);
        } catch (IOException e) {
            throw new PortException("cannot write " + file + ": " + e.getMessage() + "; check the disk", e);
        }
    }

    private static void flush(FileChannel ch, ByteBuffer buf) throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        buf.clear();
    }

    /** Reads a file of longs whole. */
    static long[] read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size % Long.BYTES != 0 || size / Long.BYTES > Integer.MAX_VALUE) {
                throw new PortException(file + " is " + size + " bytes long, not a whole number of 8-byte entries;"
                        + " the snapshot is damaged: roll back to an earlier one");
            }
            LongBuffer longs = ch.map(FileChannel.MapMode.READ_ONLY, 0, size).asLongBuffer();
            long[] out = new long[longs.remaining()];
            longs.get(out);
            return out;
        } catch (IOException e) {
            throw new PortException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
