package dev.dataproduct.core.snapshot;

import dev.dataproduct.api.product.ProductAddress;
import java.nio.file.Path;
import org.apache.arrow.memory.RootAllocator;

/**
 * A process that starts writing a snapshot and waits to be killed, for tests of what a killed
 * writer leaves behind. Prints {@code writing} once its staging directory exists.
 */
public final class CrashingWriter {
    private CrashingWriter() {
    }

    /**
     * @param args the store's root directory and the product's address
     * @throws InterruptedException never: the process is killed while it sleeps
     */
    public static void main(String[] args) throws InterruptedException {
        RootAllocator allocator = new RootAllocator();
        SnapshotTransaction tx = DirectorySnapshotStore.at(Path.of(args[0])).begin(ProductAddress.parse(args[1]),
                allocator);
        tx.dataset("orders", SnapshotStoreContractTest.ORDERS.toArrow());
        System.out.println("writing");
        System.out.flush();
        Thread.sleep(600_000);
    }
}
