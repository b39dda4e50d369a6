package dev.dataproduct.ports.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.port.InputContext;
import dev.dataproduct.api.port.PortDescriptor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrowFileInputTest {
    @TempDir
    Path dir;

    private static InputContext context(BufferAllocator allocator) {
        return new InputContext(allocator, Clock.systemUTC(), r -> { });
    }

    /** Writes a file with a supported int32 column and an unsigned column the SDK refuses. */
    private static void writeUnsignedFile(Path file, BufferAllocator allocator) throws IOException {
        try (IntVector id = new IntVector("id", allocator);
             UInt4Vector counter = new UInt4Vector("counter", allocator)) {
            id.allocateNew(1);
            id.set(0, 7);
            id.setValueCount(1);
            counter.allocateNew(1);
            counter.set(0, 3);
            counter.setValueCount(1);
            try (VectorSchemaRoot root = VectorSchemaRoot.of(id, counter);
                 FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 ArrowFileWriter writer = new ArrowFileWriter(root, new DictionaryProvider.MapDictionaryProvider(),
                         channel)) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
        }
    }

    /** Writes a file of one int32 column {@code id} holding 0, 1 and 2. */
    private static void writeInts(Path file, BufferAllocator allocator) throws IOException {
        try (IntVector id = new IntVector("id", allocator)) {
            id.allocateNew(3);
            for (int i = 0; i < 3; i++) {
                id.set(i, i);
            }
            id.setValueCount(3);
            try (VectorSchemaRoot root = VectorSchemaRoot.of(id);
                 FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                         StandardOpenOption.WRITE);
                 ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
        }
    }

    @Test
    void refusesAFileWithAnUnsupportedArrowTypeNamingTheFileAndTheField() throws IOException {
        Path file = dir.resolve("unsigned.arrow");
        try (RootAllocator allocator = new RootAllocator()) {
            writeUnsignedFile(file, allocator);

            PortException e = assertThrows(PortException.class,
                    () -> ArrowFileInput.of("counters", file).open(context(allocator)));

            assertTrue(e.getMessage().contains("'counters'"), e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("'counter'"), e.getMessage());
            assertTrue(e.getMessage().contains("unsigned"), e.getMessage());
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
        }
    }

    @Test
    void failsOnAMissingFileNamingThePortAndThePath() {
        Path missing = dir.resolve("missing.arrow");
        try (RootAllocator allocator = new RootAllocator()) {
            PortException e = assertThrows(PortException.class,
                    () -> ArrowFileInput.of("orders", missing).open(context(allocator)));

            assertTrue(e.getMessage().contains("'orders'"), e.getMessage());
            assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        }
    }

    @Test
    void failsOnAFileThatIsNotArrowSayingWhatItExpected() throws IOException {
        Path file = Files.writeString(dir.resolve("orders.arrow"), "id,quantity\n1,2\n");
        try (RootAllocator allocator = new RootAllocator()) {
            PortException e = assertThrows(PortException.class,
                    () -> ArrowFileInput.of("orders", file).open(context(allocator)));

            assertTrue(e.getMessage().contains("Arrow IPC file"), e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
    }

    @Test
    void readsTheFileAgainOnEveryPassAndReleasesItsMemoryWhenTheCursorCloses() throws IOException {
        Path file = dir.resolve("ints.arrow");
        try (RootAllocator allocator = new RootAllocator()) {
            writeInts(file, allocator);
            var dataset = ArrowFileInput.of("ints", file).open(context(allocator));

            assertEquals(3, dataset.countRows());
            assertEquals(3, dataset.countRows());
            assertEquals(0, allocator.getAllocatedMemory());
            assertEquals(List.of("id"), dataset.schema().fieldNames());
        }
    }

    @Test
    void refusesAnEmptyFileNamingThePortAndTheFile() throws IOException {
        Path file = Files.write(dir.resolve("empty.arrow"), new byte[0]);
        try (RootAllocator allocator = new RootAllocator()) {
            PortException e = assertThrows(PortException.class,
                    () -> ArrowFileInput.of("orders", file).open(context(allocator)));

            assertTrue(e.getMessage().contains("'orders'"), e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("holds 0 bytes"), e.getMessage());
        }
    }

    @Test
    void refusesAFooterClaimingGigabytesBeforeAllocatingThemNamingThePortTheFileAndTheByte() throws IOException {
        Path file = dir.resolve("claims.arrow");
        // a limit far below the claim: before the check, Arrow asked this allocator for 2 GB
        try (RootAllocator allocator = new RootAllocator(16L << 20)) {
            writeUnsignedFile(file, allocator);
            byte[] bytes = Files.readAllBytes(file);
            org.apache.arrow.vector.ipc.message.ArrowBlock block;
            try (FileChannel channel = FileChannel.open(file);
                 org.apache.arrow.vector.ipc.ArrowFileReader reader = new org.apache.arrow.vector.ipc.ArrowFileReader(
                         channel, allocator)) {
                block = reader.getRecordBlocks().get(0);
            }
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            int patched = 0;
            for (int at = bytes.length - 24; at >= 8; at--) {
                if (b.getLong(at) == block.getOffset() && b.getInt(at + 8) == block.getMetadataLength()
                        && b.getLong(at + 16) == block.getBodyLength()) {
                    b.putLong(at + 16, 2L << 30);
                    patched++;
                }
            }
            assertEquals(1, patched);
            Files.write(file, bytes);

            PortException e = assertThrows(PortException.class,
                    () -> ArrowFileInput.of("counters", file).open(context(allocator)));

            assertTrue(e.getMessage().contains("'counters'"), e.getMessage());
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("record batch 0 at byte " + block.getOffset()), e.getMessage());
            assertTrue(e.getMessage().contains((2L << 30) + " bytes of body"), e.getMessage());
        }
    }

    @Test
    void aFileWhoseColumnTypeDoesNotMatchTheContractIsRefusedNamingTheFieldAndBothTypes() throws IOException {
        Path file = dir.resolve("ints-as-text.arrow");
        try (RootAllocator allocator = new RootAllocator()) {
            writeInts(file, allocator);
            var out = dev.dataproduct.api.schema.DatasetSpec.named("out").maxQuarantinedShare(1)
                    .field(dev.dataproduct.api.schema.Field.of("id", dev.dataproduct.api.schema.LogicalType.DATE, false))
                    .field(dev.dataproduct.api.schema.Field.of("name", dev.dataproduct.api.schema.LogicalType.STRING,
                            false));
            var product = dev.dataproduct.api.product.DataProduct.builder("mismatch")
                    .domain("test")
                    .version("1.0.0")
                    .owner(dev.dataproduct.api.product.Owner.person("Ana Ruiz", "ana@example.com"))
                    .purpose("Reads an Arrow file whose columns are not the contract's.")
                    .input(ArrowFileInput.of("in", file))
                    .output(out)
                    .transform(ctx -> ctx.input("in"))
                    .build();
            try (var runtime = dev.dataproduct.core.runtime.ProductRuntime.builder().allocator(allocator)
                    .store(new dev.dataproduct.core.snapshot.InMemorySnapshotStore()).build()) {
                var e = assertThrows(dev.dataproduct.api.error.InvalidDefinitionException.class,
                        () -> runtime.run(product));
                assertTrue(e.getMessage().contains("field 'id' is declared date"), e.getMessage());
                assertTrue(e.getMessage().contains("int32"), e.getMessage());
            }
        }
    }

    @Test
    void describesItselfAsAnArrowIpcFile() {
        Path file = dir.resolve("x.arrow");

        assertEquals(new PortDescriptor("x", "file", "arrow-ipc", file.toString()),
                ArrowFileInput.of("x", file).descriptor());
    }
}
