package dev.dataproduct.core.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.dataproduct.api.error.PortException;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.io.ArrowIpcDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps snapshots as Arrow IPC files with a JSON manifest in a local directory:
 *
 * <pre>
 * &lt;root&gt;/&lt;domain&gt;/&lt;name&gt;/v&lt;major&gt;/
 *     CURRENT                      id of the current snapshot
 *     snapshots/00000007/
 *         manifest.json
 *         data/&lt;dataset&gt;.arrow
 *         quarantine/&lt;dataset&gt;.arrow
 *     .staging-&lt;uuid&gt;/             a snapshot being written (never read)
 *     .staging-&lt;uuid&gt;.owner        locked by the writer of that staging directory while it lives
 * </pre>
 *
 * <p>A commit writes and syncs every file in a staging directory, renames it into
 * {@code snapshots/} and then atomically replaces {@code CURRENT}, under a file lock so that
 * concurrent commits are serialised. A run killed at any point leaves {@code CURRENT} naming a
 * complete snapshot; what it leaves behind is never read, and the next transaction to begin
 * removes it under the same lock: staging directories whose owner lock no one holds, and snapshot
 * directories newer than {@code CURRENT} (a run killed between moving its snapshot into place and
 * replacing {@code CURRENT}). Committed snapshots, up to and including {@code CURRENT}, are never
 * removed, and a live writer's staging directory, in this process or another, is left alone.
 */
public final class DirectorySnapshotStore implements SnapshotStore {
    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final String CURRENT = "CURRENT";
    private static final String SNAPSHOTS = "snapshots";
    private static final String MANIFEST = "manifest.json";
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();
    /**
     * The owner locks this JVM holds. Looked up before a lock file is opened because closing any
     * channel on a file may release every lock the process holds on it (POSIX record locks).
     */
    private static final java.util.Set<Path> OWNED = ConcurrentHashMap.newKeySet();
    private static final String STAGING_PREFIX = ".staging-";
    private static final String OWNER_SUFFIX = ".owner";
    private static final Logger LOG = LoggerFactory.getLogger(DirectorySnapshotStore.class);
    // shared by every store over the same root in this JVM, like LOCKS
    private static final Map<Path, SnapshotPins> PINS = new ConcurrentHashMap<>();

    private final Path root;

    private DirectorySnapshotStore(Path root) {
        this.root = root;
    }

    /**
     * @param root the directory that holds the snapshots of every product; created when needed
     * @return the store
     */
    public static DirectorySnapshotStore at(Path root) {
        return new DirectorySnapshotStore(canonical(Objects.requireNonNull(root, "root")));
    }

    /**
     * The real path of the root, so that two stores over one directory (through a symbolic link, or
     * {@code a/../b}) share their in-JVM locks, owner marks and pins; the root is created for that.
     */
    private static Path canonical(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
            return absolute.toRealPath();
        } catch (IOException e) {
            return absolute;  // the first transaction reports what is wrong with the directory
        }
    }

    /** @return the root directory */
    public Path root() {
        return root;
    }

    /**
     * @param product a product
     * @return the directory of the product's snapshots
     */
    public Path productDirectory(ProductAddress product) {
        return root.resolve(product.domain()).resolve(product.name()).resolve("v" + product.major());
    }

    /**
     * @param manifest a committed snapshot
     * @return the directory that holds it
     */
    public Path snapshotDirectory(SnapshotManifest manifest) {
        return productDirectory(ProductAddress.parse(manifest.productAddress())).resolve(SNAPSHOTS).resolve(manifest.id());
    }

    @Override
    public SnapshotTransaction begin(ProductAddress product, BufferAllocator allocator) {
        Path dir = productDirectory(product);
        String name = STAGING_PREFIX + UUID.randomUUID();
        Path staging = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            return underLock(dir, () -> {
                removeDebris(dir);
                // the owner lock exists and is held before the staging directory appears, so a writer
                // that cleans under the product lock never takes a live staging directory for debris
                FileChannel owner = FileChannel.open(dir.resolve(name + OWNER_SUFFIX), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                try {
                    FileLock ownerLock = owner.lock();
                    OWNED.add(dir.resolve(name + OWNER_SUFFIX).normalize());
                    Files.createDirectories(staging.resolve(StagedTransaction.DATA));
                    Files.createDirectories(staging.resolve(StagedTransaction.QUARANTINE));
                    return new DirectoryTransaction(product, dir, staging, owner, ownerLock, allocator);
                } catch (IOException | RuntimeException e) {
                    owner.close();
                    OWNED.remove(dir.resolve(name + OWNER_SUFFIX).normalize());
                    Files.deleteIfExists(dir.resolve(name + OWNER_SUFFIX));
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new PortException("cannot create the staging directory " + staging + " for a snapshot of " + product
                    + ": " + e.getMessage() + "; check that the directory is writable", e);
        }
    }

    /** Work done while holding the product directory's lock. */
    @FunctionalInterface
    private interface Locked<T> {
        T run() throws IOException;
    }

    /**
     * Runs work under the product directory's lock. A file lock is held by the whole JVM (a second
     * lock() in it throws), so threads of this JVM take turns on a monitor first and processes take
     * turns on the file.
     */
    private static <T> T underLock(Path productDir, Locked<T> work) throws IOException {
        synchronized (LOCKS.computeIfAbsent(productDir.normalize(), k -> new Object())) {
            try (FileChannel lockFile = FileChannel.open(productDir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock lock = lockFile.lock()) {
                return work.run();
            }
        }
    }

    /**
     * Removes, under the product lock, what runs killed part way left behind and no commit will
     * ever claim: staging directories whose owner no longer holds their lock, the owner locks of
     * staging directories that are gone, snapshot directories newer than {@code CURRENT} (moved into
     * place by a run killed before it replaced {@code CURRENT}; commits happen under this lock, so
     * none is in flight) and a {@code CURRENT.next} that was never moved. {@code CURRENT} and the
     * snapshots up to it are never touched.
     */
    private static void removeDebris(Path productDir) throws IOException {
        List<Path> entries;
        try (Stream<Path> list = Files.list(productDir)) {
            entries = list.toList();
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (name.startsWith(STAGING_PREFIX) && !name.endsWith(OWNER_SUFFIX) && Files.isDirectory(p)) {
                Path owner = productDir.resolve(name + OWNER_SUFFIX);
                if (abandoned(owner)) {
                    LOG.info("removing the staging directory {} left by a run that ended without committing", p);
                    deleteTree(p);
                    Files.deleteIfExists(owner);
                }
            } else if (name.startsWith(STAGING_PREFIX) && name.endsWith(OWNER_SUFFIX)
                    && !Files.exists(productDir.resolve(name.substring(0, name.length() - OWNER_SUFFIX.length())))
                    && abandoned(p)) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(productDir.resolve(CURRENT + ".next"));
        Path snapshots = productDir.resolve(SNAPSHOTS);
        if (!Files.isDirectory(snapshots)) {
            return;
        }
        long current = currentSequence(productDir);
        try (Stream<Path> dirs = Files.list(snapshots)) {
            for (Path d : dirs.toList()) {
                long sequence = sequenceOf(d);
                if (sequence > current) {
                    LOG.info("removing snapshot directory {}, moved into place by a run killed before it became "
                            + "current", d);
                    deleteTree(d);
                }
            }
        }
    }

    /** Whether no live transaction holds an owner lock; a missing lock file has no owner either. */
    private static boolean abandoned(Path owner) throws IOException {
        if (OWNED.contains(owner.normalize())) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(owner, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                return false; // another process holds it
            }
            lock.release();
            return true;
        } catch (NoSuchFileException e) {
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // a transaction of this JVM holds it
        }
    }

    /** The sequence number {@code CURRENT} names, 0 if there is none. */
    private static long currentSequence(Path productDir) throws IOException {
        try {
            String id = Files.readString(productDir.resolve(CURRENT), StandardCharsets.UTF_8).strip();
            return Long.parseLong(id);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (NumberFormatException e) {
            // not a CURRENT this store wrote: remove nothing rather than guess
            return Long.MAX_VALUE;
        }
    }

    /** The sequence number of a snapshot directory, -1 for a directory that is not one. */
    private static long sequenceOf(Path snapshotDir) {
        try {
            return Long.parseLong(snapshotDir.getFileName().toString());
        } catch (NumberFormatException notASnapshot) {
            return -1;
        }
    }

    @Override
    public Optional<SnapshotManifest> current(ProductAddress product) {
        Path dir = productDirectory(product);
        try {
            String id = Files.readString(dir.resolve(CURRENT), StandardCharsets.UTF_8).strip();
            return Optional.of(readManifest(dir.resolve(SNAPSHOTS).resolve(id)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new PortException("cannot read the current snapshot of " + product + " in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<SnapshotManifest> history(ProductAddress product) {
        Path snapshots = productDirectory(product).resolve(SNAPSHOTS);
        if (!Files.isDirectory(snapshots)) {
            return List.of();
        }
        Map<String, SnapshotManifest> byId = new HashMap<>();
        try (Stream<Path> dirs = Files.list(snapshots)) {
            for (Path d : dirs.toList()) {
                if (Files.exists(d.resolve(MANIFEST))) {
                    SnapshotManifest m = readManifest(d);
                    byId.put(m.id(), m);
                }
            }
        } catch (IOException e) {
            throw new PortException("cannot list the snapshots of " + product + " in " + snapshots + ": "
                    + e.getMessage(), e);
        }
        // only the chain that CURRENT leads back through was committed; a snapshot moved into place
        // by a run killed before it replaced CURRENT is an orphan and not part of the history
        List<SnapshotManifest> out = new ArrayList<>();
        Optional<SnapshotManifest> at = current(product);
        while (at.isPresent() && out.size() <= byId.size()) {
            out.add(at.get());
            at = Optional.ofNullable(byId.get(at.get().parent()));
        }
        out.sort(Comparator.comparingLong(SnapshotManifest::sequence));
        return List.copyOf(out);
    }

    @Override
    public StoredSnapshot open(SnapshotManifest manifest, BufferAllocator allocator) {
        Path dir = snapshotDirectory(manifest);
        return new StoredSnapshot(manifest,
                name -> ArrowIpcDataset.ofFile(name, dir.resolve(StagedTransaction.DATA).resolve(name + ".arrow"), allocator),
                name -> ArrowIpcDataset.ofFile(name,
                        dir.resolve(StagedTransaction.QUARANTINE).resolve(name + ".arrow"), allocator));
    }

    @Override
    public String location(SnapshotManifest manifest) {
        return snapshotDirectory(manifest).toString();
    }

    private static SnapshotManifest readManifest(Path snapshotDir) throws IOException {
        return JSON.readValue(snapshotDir.resolve(MANIFEST).toFile(), SnapshotManifest.class);
    }

    private static long highestSequence(Path snapshots) throws IOException {
        if (!Files.isDirectory(snapshots)) {
            return 0;
        }
        long max = 0;
        try (Stream<Path> dirs = Files.list(snapshots)) {
            for (Path d : dirs.toList()) {
                max = Math.max(max, sequenceOf(d)); // a directory that is not ours counts as -1: left alone
            }
        }
        return max;
    }

    private static void sync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /**
     * Makes a rename in a directory durable. Without it, after a power loss {@code CURRENT} could still
     * name the parent while the new snapshot's directory survived, and the next writer would remove
     * that snapshot as debris although its commit had been reported. Where the platform cannot open
     * a directory (Windows), renames are durable by other means and this does nothing.
     */
    private static void syncDirectory(Path dir) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        try (ch) {
            ch.force(true);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }

    private final class DirectoryTransaction extends StagedTransaction {
        private final ProductAddress product;
        private final Path productDir;
        private final Path staging;
        private final FileChannel owner;
        private final FileLock ownerLock;
        private final List<Path> files = new ArrayList<>();

        DirectoryTransaction(ProductAddress product, Path productDir, Path staging, FileChannel owner,
                             FileLock ownerLock, BufferAllocator allocator) {
            super(allocator);
            this.product = product;
            this.productDir = productDir;
            this.staging = staging;
            this.owner = owner;
            this.ownerLock = ownerLock;
        }

        /** Gives up the staging directory's owner lock, once the directory is moved or removed. */
        private void releaseOwner() {
            Path ownerFile = productDir.resolve(staging.getFileName() + OWNER_SUFFIX);
            try {
                Files.deleteIfExists(ownerFile);
                ownerLock.release();
                owner.close();
            } catch (IOException e) {
                // the next writer removes an owner lock that no one holds
                LOG.warn("cannot release the owner lock of {}: {}", staging, e.toString());
            } finally {
                OWNED.remove(ownerFile.normalize());
            }
        }

        @Override
        WritableByteChannel create(String area, String name) {
            Path file = staging.resolve(area).resolve(name + ".arrow");
            try {
                files.add(file);
                return FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new PortException("cannot create " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        SnapshotManifest publish(Map<String, Long> dataRows, Map<String, Long> quarantineRows, String productVersion,
                                 Instant committedAt) {
            Path snapshots = productDir.resolve(SNAPSHOTS);
            try {
                for (Path f : files) {
                    sync(f);
                }
                Files.createDirectories(snapshots);
                SnapshotManifest committed = underLock(productDir, () -> {
                    Optional<SnapshotManifest> parent = current(product);
                    long sequence = Math.max(highestSequence(snapshots),
                            parent.map(SnapshotManifest::sequence).orElse(0L)) + 1;
                    SnapshotManifest manifest = new SnapshotManifest(SnapshotManifest.idOf(sequence), sequence,
                            parent.map(SnapshotManifest::id).orElse(""), committedAt, product.urn(),
                            productVersion, dataRows, quarantineRows, upstream());
                    Path manifestFile = staging.resolve(MANIFEST);
                    Files.write(manifestFile, JSON.writeValueAsBytes(manifest));
                    sync(manifestFile);
                    Path target = snapshots.resolve(manifest.id());
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                    syncDirectory(snapshots);
                    Path next = productDir.resolve(CURRENT + ".next");
                    Files.writeString(next, manifest.id() + "\n", StandardCharsets.UTF_8);
                    sync(next);
                    Files.move(next, productDir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                    syncDirectory(productDir);
                    return manifest;
                });
                releaseOwner();
                return committed;
            } catch (IOException e) {
                throw new PortException("cannot commit the snapshot of " + product + " in " + productDir + ": "
                        + e.getMessage() + "; the previous snapshot stays current", e);
            }
        }

        @Override
        void discard() {
            try {
                deleteTree(staging);
            } finally {
                releaseOwner();
            }
        }
    }

    @Override
    public SnapshotPin pin(SnapshotManifest manifest) {
        return PINS.computeIfAbsent(root, r -> new SnapshotPins()).pin(manifest, () -> holds(manifest));
    }

    @Override
    public Set<String> pinned(ProductAddress product) {
        return PINS.computeIfAbsent(root, r -> new SnapshotPins()).pinned(product.urn());
    }
}
