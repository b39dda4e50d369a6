package dev.dataproduct.core.io;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.api.error.PortException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.SeekableReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged Arrow IPC files (truncated, garbage, lengths that claim more than the file holds) end as a
 * {@link PortException} naming the file, never as an allocation of what a length claims, a bare
 * index exception or leaked Arrow memory: each test closes its allocator, so a leak fails it.
 */
class ArrowIpcDatasetFaultsTest {
    /** Small enough that a claimed gigabyte cannot be allocated quietly. */
    private static final long LIMIT = 16L << 20;

    @TempDir
    Path dir;

    private static byte[] validFile(BufferAllocator allocator, int batches) throws IOException {
        Path tmp = Files.createTempFile("valid", ".arrow");
        try (IntVector id = new IntVector("id", allocator);
             VarCharVector name = new VarCharVector("name", allocator);
             VectorSchemaRoot root = VectorSchemaRoot.of(id, name);
             FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
             ArrowFileWriter writer = new ArrowFileWriter(root, new org.apache.arrow.vector.dictionary.DictionaryProvider.MapDictionaryProvider(), channel)) {
            writer.start();
            for (int b = 0; b < batches; b++) {
                root.allocateNew();
                for (int i = 0; i < 5; i++) {
                    id.setSafe(i, b * 5 + i);
                    name.setSafe(i, ("row-" + (b * 5 + i)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                root.setRowCount(5);
                writer.writeBatch();
            }
            writer.end();
        }
        byte[] bytes = Files.readAllBytes(tmp);
        Files.delete(tmp);
        return bytes;
    }

    private static List<ArrowBlock> blocks(byte[] file, BufferAllocator allocator) throws IOException {
        try (ArrowFileReader reader = new ArrowFileReader(
                new SeekableReadChannel(new ByteArrayReadableSeekableByteChannel(file)), allocator)) {
            return reader.getRecordBlocks();
        }
    }

    /** @return the position in the footer of the block struct (offset, metadata length, pad, body length) */
    private static int footerBlock(byte[] file, ArrowBlock block) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = file.length - 24; at >= 8; at--) {
            if (b.getLong(at) == block.getOffset() && b.getInt(at + 8) == block.getMetadataLength()
                    && b.getLong(at + 16) == block.getBodyLength()) {
                return at;
            }
        }
        throw new AssertionError("block " + block + " not found in the footer");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** Opens and reads every value, as a consumer of the dataset would. */
    private static long readAll(ArrowIpcDataset dataset) {
        long rows = 0;
        try (BatchCursor cursor = dataset.open()) {
            while (cursor.next()) {
                VectorSchemaRoot batch = cursor.batch();
                for (FieldVector v : batch.getFieldVectors()) {
                    for (int i = 0; i < batch.getRowCount(); i++) {
                        VectorValues.get(v, i);
                    }
                }
                rows += batch.getRowCount();
            }
        }
        return rows;
    }

    private static void assertNamesFile(PortException e, Path file) {
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void refusesAZeroByteFileNamingIt() throws IOException {
        Path file = write("empty.arrow", new byte[0]);
        try (RootAllocator allocator = new RootAllocator(LIMIT)) {
            assertNamesFile(assertThrows(PortException.class,
                    () -> ArrowIpcDataset.ofFile("orders", file, allocator)), file);
        }
    }

    @Test
    void refusesGarbageAndATruncatedFileNamingThem() throws IOException {
        try (RootAllocator allocator = new RootAllocator(LIMIT)) {
            byte[] valid = validFile(allocator, 2);
            byte[] garbage = new byte[valid.length];
            new SplittableRandom(7).nextBytes(garbage);
            for (Path file : List.of(write("garbage.arrow", garbage),
                    write("truncated.arrow", Arrays.copyOf(valid, valid.length / 2)))) {
                assertNamesFile(assertThrows(PortException.class,
                        () -> ArrowIpcDataset.ofFile("orders", file, allocator)), file);
            }
        }
    }

    @Test
    void refusesAFooterBlockClaimingGigabytesOfBodyBeforeAllocatingIt() throws IOException {
        try (RootAllocator allocator = new RootAllocator(LIMIT)) {
            byte[] bytes = validFile(allocator, 2);
            ArrowBlock second = blocks(bytes, allocator).get(1);
            int at = footerBlock(bytes, second);
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(at + 16, 2L << 30);
            Path file = write("huge-body.arrow", bytes);

            PortException e = assertThrows(PortException.class, () -> ArrowIpcDataset.ofFile("orders", file, allocator));

            assertNamesFile(e, file);
            assertTrue(e.getMessage().contains("byte " + second.getOffset()), e.getMessage());
            assertTrue(e.getMessage().contains("record batch 1"), e.getMessage());
        }
    }

    @Test
    void refusesAFooterBlockClaimingGigabytesOfMetadataBeforeAllocatingIt() throws IOException {
        try (RootAllocator allocator = new RootAllocator(LIMIT)) {
            byte[] bytes = validFile(allocator, 1);
            ArrowBlock first = blocks(bytes, allocator).get(0);
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(footerBlock(bytes, first) + 8, 0x7FFF_FFF0);
            Path file = write("huge-metadata.arrow", bytes);

            PortException e = assertThrows(PortException.class, () -> ArrowIpcDataset.ofFile("orders", file, allocator));

            assertNamesFile(e, file);
            assertTrue(e.getMessage().contains("byte " + first.getOffset()), e.getMessage());
        }
    }

    @Test
    void refusesAValidHeaderAndFooterAroundAGarbageBatchNamingTheFileAndTheByte() throws IOException {
        try (RootAllocator allocator = new RootAllocator(LIMIT)) {
            byte[] bytes = validFile(allocator, 1);
            ArrowBlock block = blocks(bytes, allocator).get(0);
            byte[] noise = new byte[block.getMetadataLength() - 8];
            new SplittableRandom(11).nextBytes(noise);
            System.arraycopy(noise, 0, bytes, (int) block.getOffset() + 8, noise.length);
            Path file = write("garbage-batch.arrow", bytes);

            ArrowIpcDataset dataset = ArrowIpcDataset.ofFile("orders", file, allocator);
            PortException e = assertThrows(PortException.class, () -> readAll(dataset));

            assertNamesFile(e, file);
            assertTrue(e.getMessage().contains("byte " + block.getOffset()), e.getMessage());
        }
    }

    /**
     * Random damage of a valid file: every outcome is either the rows or a {@link PortException}
     * naming the file, and the allocator closes without a leak.
     */
    @Test
    void randomlyDamagedFilesReadOrFailNamingTheFileWithoutLeaking() throws IOException {
        long seed = Long.getLong("faults.seed", new SplittableRandom().nextLong());
        SplittableRandom random = new SplittableRandom(seed);
        byte[] valid;
        try (RootAllocator allocator = new RootAllocator(LIMIT)) {
            valid = validFile(allocator, 3);
        }
        Path file = dir.resolve("damaged.arrow");
        for (int round = 0; round < 300; round++) {
            byte[] bytes = valid.clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(8) == 0) {
                bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            }
            Files.write(file, bytes);
            String outcome = "read";
            try (RootAllocator allocator = new RootAllocator(LIMIT)) {
                try {
                    ArrowIpcDataset dataset = ArrowIpcDataset.ofFile("orders", file, allocator);
                    readAll(dataset);
                    dataset.storedBatches();
                } catch (PortException e) {
                    outcome = e.toString() + " caused by " + e.getCause();
                    assertTrue(e.getMessage().contains(file.toString()), "seed " + seed + ", round " + round
                            + ": " + e.getMessage());
                } catch (RuntimeException | OutOfMemoryError e) {
                    throw new AssertionError("seed " + seed + ", round " + round + ": " + e, e);
                }
            } catch (IllegalStateException leak) {
                fail("seed " + seed + ", round " + round + ": Arrow memory leaked after " + outcome + ": "
                        + leak.getMessage());
            }
        }
    }
}
