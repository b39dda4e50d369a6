package dev.dataproduct.core.io;

import dev.dataproduct.core.runtime.ProductRuntime;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Run in a JVM of its own by {@link ArrowMemoryTest}: uses Arrow the way a user would, and prints
 * the class and message of what was thrown, or {@code ok}.
 */
final class ArrowMemoryProbe {
    private ArrowMemoryProbe() {
    }

    public static void main(String[] args) {
        try {
            switch (args[0]) {
                case "write" -> writeWithOwnAllocator();
                case "runtime" -> ProductRuntime.builder().build().close();
                default -> throw new IllegalArgumentException(args[0]);
            }
            System.out.println("ok");
        } catch (Throwable t) {
            System.out.println(t.getClass().getName() + ": " + t.getMessage());
        }
    }

    /** Arrow IPC written before any runtime exists, with an allocator the user made. */
    private static void writeWithOwnAllocator() {
        try (BufferAllocator allocator = new RootAllocator();
             VarCharVector v = new VarCharVector("x", allocator)) {
            v.allocateNew();
            v.setSafe(0, "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            v.setValueCount(1);
            try (VectorSchemaRoot root = VectorSchemaRoot.of(v);
                 ArrowIpcWriter w = ArrowIpcWriter.open(Channels.newChannel(new ByteArrayOutputStream()),
                         root.getSchema(), allocator, "probe.arrow")) {
                root.setRowCount(1);
                w.write(root);
            }
        }
    }
}
