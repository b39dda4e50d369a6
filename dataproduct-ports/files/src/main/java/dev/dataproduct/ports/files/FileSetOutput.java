package dev.dataproduct.ports.files;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.port.CommittedSnapshot;
import dev.dataproduct.api.port.OutputContext;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.port.PortDescriptor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A delivery port that writes each snapshot, as its audience may read it, as a set of files that
 * changes as one: one file per dataset and a manifest go into a new directory, and only when all
 * are on disk does the {@value FileSet#POINTER} file switch to it, in one atomic rename (see
 * {@link FileSet} for the layout and how to read it). A reader that resolves the pointer once sees
 * one snapshot's files together, never the data file of one beside the manifest of another; a
 * publication that fails or is killed part way leaves the current set as it was.
 *
 * <p>A superseded set is kept for {@link #keepSuperseded(Duration) a grace period} (one hour by
 * default) after it stopped being current, so that readers that resolved it just before the switch
 * can finish; the next publication after that removes it. On POSIX file systems a file a reader has
 * already opened stays readable after its removal, so the grace period only needs to cover the time
 * between resolving the pointer and opening the files. Sets that a killed publication left
 * incomplete are removed after the same period. One port, in one process, publishes to a
 * directory.
 *
 * <p>The formats extend this class: {@code ArrowFileOutput}, {@code CsvFileOutput} and
 * {@code JsonLinesFileOutput} in this module, and a user's own format the same way.
 *
 * @param <P> the port's own type, returned by the methods that make a changed copy
 */
public abstract class FileSetOutput<P extends FileSetOutput<P>> implements OutputPort {
    /** How long a superseded set is kept by default. */
    public static final Duration DEFAULT_GRACE = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(FileSetOutput.class);

    private final Settings settings;
    private volatile BufferAllocator allocator;

    /**
     * What every file port is configured with.
     *
     * @param name the port name, unique within the product
     * @param directory where the sets and the pointer go
     * @param audience who the files are written for
     * @param grace how long a superseded set is kept
     */
    public record Settings(String name, Path directory, Principal audience, Duration grace) {
        /** Validates the components. */
        public Settings {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(audience, "audience");
            Objects.requireNonNull(grace, "grace");
            if (name.isBlank()) {
                throw new IllegalArgumentException("an output port name must not be blank");
            }
            if (grace.isNegative()) {
                throw new IllegalArgumentException("the grace period of superseded sets must not be negative");
            }
        }

        /**
         * @param name the port name
         * @param directory where the files go
         * @return settings for the {@link OutputPort#ANONYMOUS anonymous} audience and the default grace
         */
        public static Settings of(String name, Path directory) {
            return new Settings(name, directory, OutputPort.ANONYMOUS, DEFAULT_GRACE);
        }
    }

    /** @param settings the port's configuration */
    protected FileSetOutput(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param changed the configuration of the copy
     * @return a new, unopened port of the same format with that configuration
     */
    protected abstract P with(Settings changed);

    /** @return the format written, such as {@code csv}, for the descriptor and the manifest */
    protected abstract String format();

    /** @return the extension of the data files, with its dot, such as {@code .csv} */
    protected abstract String extension();

    /**
     * Writes one dataset to a new file of the set being built, streaming its batches.
     *
     * @param dataset the rows the audience may read
     * @param file the file to create; nobody reads it before the set is complete
     * @param allocator where batch memory for writing comes from
     * @return the number of rows written
     * @throws IOException if the file cannot be written
     */
    protected abstract long writeFile(Dataset dataset, Path file, BufferAllocator allocator) throws IOException;

    /**
     * @param newName the port name, unique within the product
     * @return a copy with that name
     */
    public P named(String newName) {
        return with(new Settings(newName, settings.directory(), settings.audience(), settings.grace()));
    }

    /**
     * @param who the principal the files are written for; a role is written for with a principal
     *     that holds it, such as {@code Principal.of("finance-files", "analyst")}
     * @return a copy that delivers for that audience
     */
    public P audience(Principal who) {
        return with(new Settings(settings.name(), settings.directory(), who, settings.grace()));
    }

    /**
     * @param grace how long a set is kept after it stopped being current, for readers that
     *     resolved it before the switch; {@code Duration.ZERO} removes it at the next publication
     * @return a copy with that grace period
     */
    public P keepSuperseded(Duration grace) {
        return with(new Settings(settings.name(), settings.directory(), settings.audience(), grace));
    }

    /** @return the directory the port delivers to */
    public Path directory() {
        return settings.directory();
    }

    /** @return kind {@code file}, the format, location the directory */
    @Override
    public PortDescriptor descriptor() {
        return new PortDescriptor(settings.name(), "file", format(), settings.directory().toString());
    }

    /** @return the principal the files are written for */
    @Override
    public Principal audience() {
        return settings.audience();
    }

    /**
     * Keeps the context's allocator for the publications that follow.
     *
     * @param context the run's allocator and clock
     */
    @Override
    public void open(OutputContext context) {
        this.allocator = Objects.requireNonNull(context, "context").allocator();
    }

    /**
     * Writes the snapshot's datasets and manifest into a new set, switches the pointer to it, then
     * removes the sets superseded for longer than the grace period.
     *
     * @param snapshot the snapshot as the audience may read it
     * @throws IllegalStateException if the port was not opened
     * @throws PortException if the directory cannot be written, or a dataset name cannot be a file
     *     name; the current set is then left as it was
     */
    @Override
    public void publish(CommittedSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        BufferAllocator alloc = allocator;
        if (alloc == null) {
            throw new IllegalStateException("output port '" + settings.name() + "' was not opened; call "
                    + "open(OutputContext) before publish");
        }
        List<String> names = List.copyOf(snapshot.datasetNames());
        names.forEach(this::checkFileName);
        Path directory = settings.directory();
        String set = "snapshot-" + snapshot.info().sequence() + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        Path setDir = directory.resolve(set);
        try {
            Files.createDirectories(directory);
            AtomicFiles.removeLeftovers(directory);
            Files.createDirectory(setDir);
        } catch (IOException e) {
            throw failure("cannot create the set directory '" + setDir + "'", e);
        }
        boolean switched = false;
        try {
            Map<String, String> files = new LinkedHashMap<>();
            Map<String, Long> rows = new LinkedHashMap<>();
            for (String dataset : names) {
                String file = dataset + extension();
                try {
                    rows.put(dataset, writeFile(snapshot.dataset(dataset), setDir.resolve(file), alloc));
                    forceFile(setDir.resolve(file));
                } catch (IOException e) {
                    throw failure("cannot write dataset '" + dataset + "' of snapshot '" + snapshot.info().id()
                            + "' to '" + setDir.resolve(file) + "'", e);
                }
                files.put(dataset, file);
            }
            String manifest = SnapshotJson.render(snapshot.info(), format(), settings.audience().id(), files, rows);
            try {
                writeDurably(setDir.resolve(FileSet.MANIFEST), manifest);
                forceDirectory(setDir);
                AtomicFiles.write(directory.resolve(FileSet.POINTER), channel -> {
                    ByteBuffer buffer = ByteBuffer.wrap((set + "\n").getBytes(StandardCharsets.UTF_8));
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                });
                switched = true;
                forceDirectory(directory);
            } catch (IOException e) {
                throw failure("cannot switch '" + directory.resolve(FileSet.POINTER) + "' to the new set", e);
            }
        } finally {
            if (!switched) {
                removeQuietly(setDir);
            }
        }
        removeSuperseded(directory, set);
    }

    /** Closes the port; it must be opened again before the next publication. */
    @Override
    public void close() {
        allocator = null;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + settings.name() + ", " + settings.directory() + ", for "
                + settings.audience().id() + "]";
    }

    private PortException failure(String what, IOException e) {
        return new PortException("output port '" + settings.name() + "': " + what + " (" + e + "); check free "
                + "space and permissions of the directory. The current set of files is unchanged", e);
    }

    private void checkFileName(String dataset) {
        boolean bad = dataset.isBlank() || dataset.startsWith(".") || dataset.indexOf('/') >= 0
                || dataset.indexOf('\\') >= 0 || dataset.indexOf(':') >= 0 || dataset.indexOf('\0') >= 0
                || (dataset + extension()).equals(FileSet.MANIFEST);
        if (bad) {
            throw new PortException("output port '" + settings.name() + "': dataset name '" + dataset + "' cannot be "
                    + "used as a file name; use letters, digits, '-' and '_' in dataset names");
        }
    }

    private static void writeDurably(Path file, String text) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** The pointer may only switch to files that are on disk, whatever the format's writer did. */
    private static void forceFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes the names in a directory durable; a file system that cannot sync a directory is left to itself. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot sync directory {}: {}", dir, e.toString());
        }
    }

    /**
     * Removes the sets that stopped being current more than the grace period ago, and incomplete
     * sets older than that. A set stopped being current when the set written after it was
     * complete. Failing to remove one is logged: the delivery itself succeeded.
     */
    private void removeSuperseded(Path directory, String current) {
        Instant cutoff = Instant.now().minus(settings.grace());
        try {
            List<Path> complete = new ArrayList<>();
            List<Path> incomplete = new ArrayList<>();
            try (Stream<Path> entries = Files.list(directory)) {
                for (Path p : entries.toList()) {
                    if (Files.isDirectory(p) && FileSet.SET_NAME.matcher(p.getFileName().toString()).matches()) {
                        (Files.isRegularFile(p.resolve(FileSet.MANIFEST)) ? complete : incomplete).add(p);
                    }
                }
            }
            Map<Path, FileTime> written = new LinkedHashMap<>();
            for (Path p : complete) {
                written.put(p, Files.getLastModifiedTime(p.resolve(FileSet.MANIFEST)));
            }
            complete.sort(Comparator.comparing(written::get));
            for (int i = 0; i < complete.size(); i++) {
                Path set = complete.get(i);
                FileTime superseded = i + 1 < complete.size() ? written.get(complete.get(i + 1)) : written.get(set);
                if (!set.getFileName().toString().equals(current) && superseded.toInstant().isBefore(cutoff)) {
                    removeQuietly(set);
                }
            }
            for (Path p : incomplete) {
                if (!p.getFileName().toString().equals(current)
                        && Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                    removeQuietly(p);
                }
            }
        } catch (IOException e) {
            LOG.warn("output port '{}': cannot remove superseded sets in {}: {}", settings.name(), directory,
                    e.toString());
        }
    }

    private void removeQuietly(Path setDir) {
        try (Stream<Path> files = Files.list(setDir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(setDir);
        } catch (IOException e) {
            LOG.warn("output port '{}': cannot remove {}: {}", settings.name(), setDir, e.toString());
        }
    }
}
