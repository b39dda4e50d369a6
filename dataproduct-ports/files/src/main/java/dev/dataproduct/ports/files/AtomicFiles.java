package dev.dataproduct.ports.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes a file so that readers see the old content or the new one, never half of it: the content
 * goes to a hidden temporary file in the same directory, is forced to disk, and is moved over the
 * target in one atomic rename. File ports use it for the one file that switches a whole set of
 * files at once (see {@link FileSetOutput}), and for single files written in place.
 */
public final class AtomicFiles {
    /** Suffix of temporary files; a crash can leave one behind, never a half-written target. */
    static final String TEMP_SUFFIX = ".tmp";
    private static final java.util.regex.Pattern LEFTOVER = java.util.regex.Pattern.compile(
            "\\..+\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.tmp");

    private AtomicFiles() {
    }

    /**
     * Writes the content of a file through a channel. The writer may close the channel (Arrow's
     * writers do); that leaves the file open, because it must still be forced to disk.
     */
    @FunctionalInterface
    public interface ChannelWriter {
        /**
         * @param channel where the content goes
         * @throws IOException if the content cannot be written
         */
        void write(WritableByteChannel channel) throws IOException;
    }

    /**
     * @param target the file to create or replace
     * @param writer writes the full content
     * @throws IOException if writing or moving fails; the temporary file is removed then
     */
    public static void write(Path target, ChannelWriter writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                writer.write(keepOpen(channel));
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of '" + dir + "' cannot replace files atomically; "
                        + "publish to a local directory instead", e);
            }
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Removes the temporary files that writes killed part way left in a directory: hidden files
     * named {@code .<target>.<uuid>.tmp}, as {@link #write} names them, and nothing else.
     *
     * @param dir the directory
     * @return how many were removed
     * @throws IOException if the directory cannot be listed or a file removed
     */
    public static int removeLeftovers(Path dir) throws IOException {
        int removed = 0;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                if (LEFTOVER.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        }
        return removed;
    }

    private static WritableByteChannel keepOpen(FileChannel channel) {
        return new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                return channel.write(src);
            }

            @Override
            public boolean isOpen() {
                return channel.isOpen();
            }

            @Override
            public void close() {
                // write() closes the file once it is forced
            }
        };
    }
}
