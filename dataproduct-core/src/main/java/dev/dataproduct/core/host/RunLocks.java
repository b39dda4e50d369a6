package dev.dataproduct.core.host;

import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may run a product now: one run per product and store at a time, in this JVM and, for a
 * {@link DirectorySnapshotStore}, across processes too, through a file lock held for the whole run
 * ({@code .run.lock} in the product's directory, beside the store's commit lock, which is held only
 * while committing). A file lock belongs to the whole JVM, so threads and hosts of one JVM take
 * turns on a map first; the file lock is only ever opened by the holder of the map's entry, because
 * closing any channel on a locked file may release the process's lock on it.
 */
final class RunLocks {
    private static final Map<Object, Boolean> HELD = new ConcurrentHashMap<>();

    private RunLocks() {
    }

    /** A run lock held; close to let the next run in. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** The outcome of asking for the lock: held, or who has it. */
    record Attempt(Held held, String holder) {
        boolean acquired() {
            return held != null;
        }
    }

    /** The file whose lock a run of a product in a directory store holds. */
    static Path lockFile(DirectorySnapshotStore store, ProductAddress product) {
        return store.productDirectory(product).resolve(".run.lock");
    }

    /**
     * @param store the store the product commits to
     * @param product the product to run
     * @return the lock, or who holds it (this process or another)
     */
    static Attempt tryLock(SnapshotStore store, ProductAddress product) {
        Objects.requireNonNull(product, "product");
        if (!(store instanceof DirectorySnapshotStore directory)) {
            // a store of another kind lives in this JVM: the map alone is enough
            Object key = java.util.List.of(store, product.urn());
            if (HELD.putIfAbsent(key, Boolean.TRUE) != null) {
                return new Attempt(null, "this process");
            }
            return new Attempt(() -> HELD.remove(key), "");
        }
        Path file = lockFile(directory, product);
        Path dir = file.getParent();
        if (HELD.putIfAbsent(file, Boolean.TRUE) != null) {
            return new Attempt(null, "this process");
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                HELD.remove(file);
                return new Attempt(null, "another process");
            }
            FileChannel open = channel;
            return new Attempt(() -> {
                try {
                    open.close();  // releases the lock
                } catch (IOException e) {
                    // the lock goes with the process at the latest; nothing else to do
                } finally {
                    HELD.remove(file);
                }
            }, "");
        } catch (IOException | RuntimeException e) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // already failing: report the first error
            }
            HELD.remove(file);
            throw new dev.dataproduct.api.error.PortException("cannot take the run lock " + file + " of " + product
                    + ": " + e.getMessage() + "; check that the store's directory is writable", e);
        }
    }
}
