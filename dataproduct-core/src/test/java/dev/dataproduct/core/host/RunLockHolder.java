package dev.dataproduct.core.host;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Another process holding a product's run lock, as a second host running the product would: locks
 * the file named by its argument, says {@code locked}, and holds the lock until its input ends.
 */
public final class RunLockHolder {
    private RunLockHolder() {
    }

    /**
     * @param args the lock file
     * @throws Exception if the file cannot be locked
     */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Files.createDirectories(file.getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our input
            }
        }
    }
}
