package dev.dataproduct.core.io;

import dev.dataproduct.api.error.DataProductException;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The one place where the SDK checks that this JVM can run Apache Arrow, and creates a root
 * allocator when the caller gave none. Arrow needs two things that a build can easily miss: the JVM
 * option {@value #JVM_FLAG} (on Java 17 and later, to reach direct buffers when it reads or writes
 * Arrow IPC), and one memory implementation on the class path ({@code arrow-memory-netty} or
 * {@code arrow-memory-unsafe}). Without them Arrow fails late and obscurely
 * ({@code UnsupportedOperationException: sun.misc.Unsafe ... not available},
 * {@code ExceptionInInitializerError}); the SDK fails early instead, with a message that says what to
 * add. The runtime, the Arrow IPC reader and writer and every port built on them call
 * {@link #requireUsable()}.
 *
 * <pre>{@code
 * try (BufferAllocator allocator = ArrowMemory.rootAllocator()) {
 *     // read or write Arrow batches, with or without a ProductRuntime
 * }
 * }</pre>
 */
public final class ArrowMemory {
    /** The JVM option Arrow needs on Java 17 and later. */
    public static final String JVM_FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private static final String[] MEMORY_FACTORIES = {
        "org.apache.arrow.memory.netty.DefaultAllocationManagerFactory",
        "org.apache.arrow.memory.unsafe.DefaultAllocationManagerFactory",
    };

    private ArrowMemory() {
    }

    /**
     * Checks that Arrow can work in this JVM. The answer is computed once per JVM.
     *
     * @throws DataProductException naming the missing JVM option or dependency and where to add it
     */
    public static void requireUsable() {
        Problem.FOUND.ifPresent(message -> {
            throw new DataProductException(message);
        });
    }

    /**
     * Creates a root allocator after {@link #requireUsable() checking} the JVM. Whoever calls it
     * closes the allocator.
     *
     * @return a new root allocator without a limit
     * @throws DataProductException if Arrow cannot work in this JVM, saying what to add
     */
    public static BufferAllocator rootAllocator() {
        requireUsable();
        try {
            return new RootAllocator();
        } catch (LinkageError | RuntimeException e) {
            throw new DataProductException("cannot create an Arrow allocator: " + e
                    + "; check that exactly one Arrow memory implementation (arrow-memory-netty or "
                    + "arrow-memory-unsafe) of the same version as arrow-vector is on the class path", e);
        }
    }

    /** Holds the result of the check, computed when first needed (initialization-on-demand). */
    private static final class Problem {
        static final Optional<String> FOUND = find();

        private static Optional<String> find() {
            Module arrow = BufferAllocator.class.getModule();
            if (!java.nio.Buffer.class.getModule().isOpen("java.nio", arrow)) {
                return Optional.of("Apache Arrow needs the JVM option " + JVM_FLAG + " on Java 17 and later, and "
                        + "this JVM was started without it. Add it to the java command line (or to the argLine "
                        + "of Surefire, MAVEN_OPTS for exec:java, or the JVM options of your application server).");
            }
            ClassLoader loader = ArrowMemory.class.getClassLoader();
            for (String factory : MEMORY_FACTORIES) {
                try {
                    Class.forName(factory, false, loader);
                    return Optional.empty();
                } catch (ClassNotFoundException | LinkageError e) {
                    // try the next implementation
                }
            }
            return Optional.of("Apache Arrow has no memory implementation on the class path. Add one dependency, "
                    + "at runtime scope: org.apache.arrow:arrow-memory-netty (or arrow-memory-unsafe where "
                    + "your Arrow version has it), of the same version as arrow-vector.");
        }
    }
}
