package dev.dataproduct.core.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.dataproduct.api.error.DataProductException;
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
import java.time.Duration;
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
    /** What a removed snapshot's manifest becomes, so the rest of its directory is known to be garbage. */
    private static final String EXPIRED = "manifest.expired";
    private static final String TAGS = "tags.json";
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
        removeOrphans(productDir);
        collectGarbage(productDir);
    }

    /**
     * Removes snapshot directories newer than {@code CURRENT} that are not staged: moved into place
     * by a run killed before it replaced {@code CURRENT}. Called under the product lock, before
     * every commit too, so that no orphan ever lies below a later {@code CURRENT}.
     */
    private static void removeOrphans(Path productDir) throws IOException {
        Path snapshots = productDir.resolve(SNAPSHOTS);
        if (!Files.isDirectory(snapshots)) {
            return;
        }
        long current = currentSequence(productDir);
        try (Stream<Path> dirs = Files.list(snapshots)) {
            for (Path d : dirs.toList()) {
                long sequence = sequenceOf(d);
                if (sequence > current && Files.exists(d.resolve(MANIFEST)) && !readManifest(d).staged()) {
                    LOG.info("removing snapshot directory {}, moved into place by a run killed before it became "
                            + "current", d);
                    deleteTree(d);
                }
            }
        }
    }

    /**
     * Removes the files of expired snapshots (directories whose manifest was set aside) that no
     * retained snapshot lists, then such directories once empty. A retention killed part way is
     * finished by the next one, or by the next writer.
     *
     * @return the files removed and their bytes
     */
    private static long[] collectGarbage(Path productDir) throws IOException {
        Path snapshots = productDir.resolve(SNAPSHOTS);
        long[] reclaimed = new long[2];
        if (!Files.isDirectory(snapshots)) {
            return reclaimed;
        }
        List<Path> expired = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(snapshots)) {
            for (Path d : dirs.toList()) {
                if (sequenceOf(d) >= 0 && !Files.exists(d.resolve(MANIFEST))) {
                    expired.add(d);
                }
            }
        }
        if (expired.isEmpty()) {
            return reclaimed;
        }
        Set<String> referenced = new java.util.HashSet<>();
        for (SnapshotManifest m : manifests(productDir)) {
            m.datasets().keySet().forEach(name -> m.filesOf(name).forEach(f -> {
                referenced.add(f.path());
                referenced.add(f.keys());
                referenced.add(f.deletes());
            }));
            m.quarantine().keySet().forEach(name -> referenced.add(m.quarantineFileOf(name)));
        }
        for (Path d : expired) {
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(d)) {
                paths = walk.sorted(Comparator.reverseOrder()).toList();
            }
            for (Path p : paths) {
                String relative = productDir.relativize(p).toString().replace('\\', '/');
                if (Files.isRegularFile(p) && !referenced.contains(relative) && !p.getFileName().toString()
                        .equals(EXPIRED)) {
                    reclaimed[0]++;
                    reclaimed[1] += Files.size(p);
                    Files.delete(p);
                } else if (Files.isDirectory(p) && !p.equals(d)) {
                    try (Stream<Path> left = Files.list(p)) {
                        if (left.findAny().isEmpty()) {
                            Files.delete(p);
                        }
                    }
                }
            }
            try (Stream<Path> left = Files.list(d)) {
                if (left.allMatch(p -> p.getFileName().toString().equals(EXPIRED))) {
                    Files.deleteIfExists(d.resolve(EXPIRED));
                    Files.delete(d);
                }
            }
        }
        return reclaimed;
    }

    /** Every snapshot whose manifest is in place, orphans included, by sequence. */
    private static List<SnapshotManifest> manifests(Path productDir) throws IOException {
        Path snapshots = productDir.resolve(SNAPSHOTS);
        List<SnapshotManifest> out = new ArrayList<>();
        if (!Files.isDirectory(snapshots)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(snapshots)) {
            for (Path d : dirs.toList()) {
                if (sequenceOf(d) >= 0 && Files.exists(d.resolve(MANIFEST))) {
                    try {
                        out.add(readManifest(d));
                    } catch (NoSuchFileException expiredMeanwhile) {
                        // retention in another process set it aside between the two looks
                    }
                }
            }
        }
        out.sort(Comparator.comparingLong(SnapshotManifest::sequence));
        return out;
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
        Path dir = productDirectory(product);
        try {
            return committed(dir, manifests(dir));
        } catch (IOException e) {
            throw new PortException("cannot list the snapshots of " + product + " in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The committed snapshots: those written to become current, up to {@code CURRENT}; one newer
     * is an orphan of a run killed before it replaced {@code CURRENT}, and a staged one never
     * became current itself.
     */
    private static List<SnapshotManifest> committed(Path productDir, List<SnapshotManifest> all) throws IOException {
        long current = currentSequence(productDir);
        return all.stream().filter(m -> !m.staged() && m.sequence() <= current).toList();
    }

    @Override
    public List<SnapshotEntry> snapshots(ProductAddress product) {
        Path dir = productDirectory(product);
        try {
            List<SnapshotManifest> all = manifests(dir);
            List<SnapshotManifest> committed = committed(dir, all);
            Map<String, String> tags = tags(product);
            String current = committed.isEmpty() ? "" : Files.readString(dir.resolve(CURRENT)).strip();
            return Lifecycle.entries(all, committed, current, tags);
        } catch (IOException e) {
            throw new PortException("cannot list the snapshots of " + product + " in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public StoredSnapshot open(SnapshotManifest manifest, BufferAllocator allocator) {
        Path productDir = productDirectory(ProductAddress.parse(manifest.productAddress()));
        return new StoredSnapshot(manifest,
                name -> new SnapshotDataset(name, productDir, manifest.filesOf(name), allocator),
                name -> ArrowIpcDataset.ofFile(name, productDir.resolve(manifest.quarantineFileOf(name)), allocator),
                (name, rows) -> {
                    Optional<SnapshotManifest> parent = parentOf(manifest);
                    List<DataFile> parentFiles = parent.filter(p -> p.datasets().containsKey(name))
                            .map(p -> p.filesOf(name)).orElse(null);
                    return new FileChanges(name, productDir, allocator).rows(rows, manifest.filesOf(name), parentFiles);
                });
    }

    /** The parent of a snapshot; a parent removed by retention leaves the changes unknown. */
    private Optional<SnapshotManifest> parentOf(SnapshotManifest manifest) {
        if (manifest.parent().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(find(ProductAddress.parse(manifest.productAddress()), manifest.parent())
                .orElseThrow(() -> new DataProductException("the parent " + manifest.parent() + " of snapshot "
                        + manifest.id() + " of " + manifest.productAddress() + " was removed by retention, so the "
                        + "rows the snapshot changed are unknown; read the whole snapshot instead")));
    }

    @Override
    public String location(SnapshotManifest manifest) {
        return snapshotDirectory(manifest).toString();
    }

    private static SnapshotManifest readManifest(Path snapshotDir) throws IOException {
        // read as bytes so that a manifest set aside meanwhile is a NoSuchFileException
        return JSON.readValue(Files.readAllBytes(snapshotDir.resolve(MANIFEST)), SnapshotManifest.class);
    }

    /** The sequence of the next snapshot: past every directory, staged and expired ones included. */
    private static long nextSequence(Path productDir, Optional<SnapshotManifest> parent) throws IOException {
        return Math.max(highestSequence(productDir.resolve(SNAPSHOTS)),
                parent.map(SnapshotManifest::sequence).orElse(0L)) + 1;
    }

    /**
     * Puts a written snapshot in place, under the product lock: its manifest is written and synced
     * into the staging directory, which is moved into {@code snapshots/}; then, unless staged,
     * {@code CURRENT} is replaced atomically. A kill before the move leaves debris, one after it
     * and before {@code CURRENT} an orphan; both are removed by the next writer.
     */
    private static void install(Path productDir, Path staging, SnapshotManifest manifest, boolean makeCurrent)
            throws IOException {
        Path snapshots = productDir.resolve(SNAPSHOTS);
        Files.createDirectories(snapshots);
        Path manifestFile = staging.resolve(MANIFEST);
        Files.write(manifestFile, JSON.writeValueAsBytes(manifest));
        sync(manifestFile);
        syncDirectory(staging);
        Files.move(staging, snapshots.resolve(manifest.id()), StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(snapshots);
        if (makeCurrent) {
            Path next = productDir.resolve(CURRENT + ".next");
            Files.writeString(next, manifest.id() + "\n", StandardCharsets.UTF_8);
            sync(next);
            Files.move(next, productDir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(productDir);
        }
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
        /** The live keys of the current snapshot per dataset appended with a key, read once. */
        private final Map<String, LongHashSet> previousKeys = new java.util.HashMap<>();

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
        public java.util.BitSet presentKeys(String name, org.apache.arrow.vector.VectorSchemaRoot rows) {
            WriteMode mode = modes().get(name);
            if (!(mode instanceof WriteMode.Append) || mode.keyColumns().isEmpty()) {
                throw new IllegalStateException("dataset '" + name + "' is " + (mode == null ? "not written in this "
                        + "snapshot" : "written as " + mode.operation() + " without key") + "; only a dataset "
                        + "appended with a key looks its keys up in the previous snapshot");
            }
            LongHashSet known = previousKeys.computeIfAbsent(name, n -> current(product)
                    .filter(m -> m.datasets().containsKey(n))
                    .map(m -> new IncrementalFiles(productDir, staging, "", allocator()).liveKeySet(m.filesOf(n),
                            mode.keyColumns()))
                    .orElseGet(() -> new LongHashSet(4)));
            List<org.apache.arrow.vector.FieldVector> columns = Keys.columns(rows, mode.keyColumns(),
                    "dataset '" + name + "'");
            java.util.BitSet present = new java.util.BitSet();
            for (int r = 0; r < rows.getRowCount(); r++) {
                if (known.contains(Keys.hash(rows, columns, r))) {
                    present.set(r);
                }
            }
            return present;
        }

        @Override
        public boolean attach(String name, byte[] content) {
            Path file = staging.resolve(ATTACHMENTS).resolve(Lifecycle.attachmentName(name));
            try {
                Files.createDirectories(file.getParent());
                Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                files.add(file);
                return true;
            } catch (IOException e) {
                throw new PortException("cannot write the attachment " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        SnapshotManifest publish(Map<String, Long> dataRows, Map<String, Long> quarantineRows, String productVersion,
                                 Instant committedAt, boolean staged) {
            try {
                for (Path f : files) {
                    sync(f);
                }
                SnapshotManifest committed = underLock(productDir, () -> {
                    removeOrphans(productDir);
                    Optional<SnapshotManifest> parent = current(product);
                    long sequence = nextSequence(productDir, parent);
                    String id = SnapshotManifest.idOf(sequence);
                    Map<String, List<DataFile>> dataFiles = new java.util.LinkedHashMap<>();
                    Map<String, Long> live = new java.util.LinkedHashMap<>();
                    SnapshotManifest.Operation operation = SnapshotManifest.Operation.REPLACE;
                    for (Map.Entry<String, Long> e : dataRows.entrySet()) {
                        String name = e.getKey();
                        WriteMode mode = modes().get(name);
                        List<DataFile> previous = parent.filter(p -> p.datasets().containsKey(name))
                                .map(p -> p.filesOf(name)).orElse(List.of());
                        List<DataFile> list = new IncrementalFiles(productDir, staging, "snapshots/" + id + "/",
                                allocator()).write(name, e.getValue(), mode, previous,
                                deletes().getOrDefault(name, List.of()));
                        live.put(name, list.stream().mapToLong(DataFile::live).sum());
                        if (!list.equals(new SnapshotManifest(id, sequence, "", committedAt, product.urn(),
                                productVersion, live, Map.of()).filesOf(name))) {
                            dataFiles.put(name, list);  // the default (its own data/<name>.arrow) goes unsaid
                        }
                        if (mode.operation().compareTo(operation) > 0) {
                            operation = mode.operation();
                        }
                    }
                    SnapshotManifest manifest = new SnapshotManifest(id, sequence,
                            parent.map(SnapshotManifest::id).orElse(""), committedAt, product.urn(), productVersion,
                            live, quarantineRows, upstream(), dataFiles, Map.of(), operation, "", "", staged, positions());
                    install(productDir, staging, manifest, !staged);
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

    /** The folder of a snapshot's attachments, which no manifest lists: they go with their snapshot. */
    private static final String ATTACHMENTS = "attachments";

    @Override
    public Optional<byte[]> attachment(SnapshotManifest manifest, String name) {
        Path file = snapshotDirectory(manifest).resolve(ATTACHMENTS).resolve(Lifecycle.attachmentName(name));
        try {
            if (Files.isRegularFile(file)) {
                return Optional.of(Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new PortException("cannot read the attachment " + file + ": " + e.getMessage()
                    + "; check the file's permissions", e);
        }
        // a rollback or a publication has the rows, and so the attachments, of its source
        boolean sharesRows = manifest.operation() == SnapshotManifest.Operation.ROLLBACK
                || manifest.operation() == SnapshotManifest.Operation.PUBLISH;
        if (sharesRows && !manifest.source().isEmpty()) {
            return find(ProductAddress.parse(manifest.productAddress()), manifest.source())
                    .flatMap(source -> attachment(source, name));
        }
        return Optional.empty();
    }

    @Override
    public Map<String, String> tags(ProductAddress product) {
        Path file = productDirectory(product).resolve(TAGS);
        try {
            return readTags(file);
        } catch (IOException e) {
            throw new PortException("cannot read the tags of " + product + " in " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> readTags(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Map.of();
        }
        Map<String, String> tags = new java.util.TreeMap<>();
        JSON.readTree(file.toFile()).fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
        return java.util.Collections.unmodifiableMap(tags);
    }

    /** Replaces the tag file atomically: a reader sees the old tags or the new ones. */
    private static void writeTags(Path productDir, Map<String, String> tags) throws IOException {
        Path next = productDir.resolve(TAGS + ".next");
        Files.write(next, JSON.writeValueAsBytes(new java.util.TreeMap<>(tags)));
        sync(next);
        Files.move(next, productDir.resolve(TAGS), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(productDir);
    }

    @Override
    public void tag(ProductAddress product, String tag, String id) {
        Lifecycle.checkTag(tag);
        Path dir = productDirectory(product);
        locked(product, dir, () -> {
            Lifecycle.require(product, id, manifests(dir));
            Map<String, String> tags = new java.util.TreeMap<>(readTags(dir.resolve(TAGS)));
            tags.put(tag, id);
            writeTags(dir, tags);
            return null;
        });
    }

    @Override
    public boolean untag(ProductAddress product, String tag) {
        Path dir = productDirectory(product);
        return locked(product, dir, () -> {
            Map<String, String> tags = new java.util.TreeMap<>(readTags(dir.resolve(TAGS)));
            if (tags.remove(tag) == null) {
                return false;
            }
            writeTags(dir, tags);
            return true;
        });
    }

    @Override
    public SnapshotManifest rollback(ProductAddress product, String id, String reason, Instant at) {
        Objects.requireNonNull(reason, "reason");
        Path dir = productDirectory(product);
        return locked(product, dir, () -> {
            removeOrphans(dir);
            List<SnapshotManifest> committed = committed(dir, manifests(dir));
            SnapshotManifest target = Lifecycle.rollbackTarget(product, id, committed);
            SnapshotManifest current = committed.get(committed.size() - 1);
            return commitShared(dir, product, target, Optional.of(current), SnapshotManifest.Operation.ROLLBACK,
                    reason, at);
        });
    }

    @Override
    public SnapshotManifest publish(ProductAddress product, String stagedId, Instant at) {
        Path dir = productDirectory(product);
        return locked(product, dir, () -> {
            removeOrphans(dir);
            List<SnapshotManifest> all = manifests(dir);
            SnapshotManifest staged = Lifecycle.staged(product, stagedId, all);
            Optional<SnapshotManifest> current = current(product);
            Lifecycle.checkPublishable(product, staged, current);
            return commitShared(dir, product, staged, current, SnapshotManifest.Operation.PUBLISH, "", at);
        });
    }

    /** Commits a snapshot that shares every file of another: a rollback or a publication. */
    private static SnapshotManifest commitShared(Path dir, ProductAddress product, SnapshotManifest source,
                                                 Optional<SnapshotManifest> parent, SnapshotManifest.Operation op,
                                                 String reason, Instant at) throws IOException {
        SnapshotManifest manifest = Lifecycle.shared(product, source, parent, nextSequence(dir, parent), op, reason,
                at);
        Path staging = dir.resolve(STAGING_PREFIX + UUID.randomUUID());
        Files.createDirectories(staging);
        install(dir, staging, manifest, true);
        return manifest;
    }

    @Override
    public void discard(ProductAddress product, String stagedId) {
        Path dir = productDirectory(product);
        locked(product, dir, () -> {
            SnapshotManifest m = Lifecycle.discardable(product, stagedId, manifests(dir), readTags(dir.resolve(TAGS)));
            if (!pins().unlessPinned(m, () -> setAside(dir, m))) {
                throw Lifecycle.beingRead(product, stagedId);
            }
            collectGarbage(dir);
            return null;
        });
    }

    /** Expires a snapshot: its manifest is set aside, atomically, and its files become garbage. */
    private static void setAside(Path dir, SnapshotManifest m) {
        Path snapshot = dir.resolve(SNAPSHOTS).resolve(m.id());
        try {
            Files.move(snapshot.resolve(MANIFEST), snapshot.resolve(EXPIRED), StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set aside the manifest of " + snapshot, e);
        }
    }

    @Override
    public RetentionResult expire(ProductAddress product, RetentionPolicy policy, Instant now) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(now, "now");
        Path dir = productDirectory(product);
        return locked(product, dir, () -> {
            removeOrphans(dir);
            List<SnapshotManifest> all = manifests(dir);
            List<SnapshotManifest> committed = committed(dir, all);
            String current = committed.isEmpty() ? "" : Files.readString(dir.resolve(CURRENT)).strip();
            Lifecycle.Retention rules = new Lifecycle.Retention(policy, committed, current, readTags(dir.resolve(TAGS)),
                    now);
            List<String> removed = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            for (SnapshotManifest m : all) {
                if (!m.staged() && !committed.contains(m)) {
                    continue;  // an orphan: not retention's to judge
                }
                if (rules.keeps(m) || !pins().unlessPinned(m, () -> setAside(dir, m))) {
                    kept.add(m.id());
                } else {
                    removed.add(m.id());
                }
            }
            long[] reclaimed = collectGarbage(dir);
            if (!removed.isEmpty()) {
                LOG.info("{}: retention removed snapshots {}, {} files, {} bytes", product, removed, reclaimed[0],
                        reclaimed[1]);
            }
            return new RetentionResult(removed, kept, (int) reclaimed[0], reclaimed[1]);
        });
    }

    @Override
    public SnapshotManifest compact(ProductAddress product, BufferAllocator allocator, Instant at) {
        Path dir = productDirectory(product);
        return locked(product, dir, () -> {
            removeOrphans(dir);
            SnapshotManifest current = current(product).orElseThrow(() -> new IllegalStateException(product
                    + " has no current snapshot to compact"));
            Path staging = dir.resolve(STAGING_PREFIX + UUID.randomUUID());
            Files.createDirectories(staging.resolve(StagedTransaction.DATA));
            try {
                long sequence = nextSequence(dir, Optional.of(current));
                String prefix = SNAPSHOTS + "/" + SnapshotManifest.idOf(sequence) + "/";
                IncrementalFiles compaction = new IncrementalFiles(dir, staging, prefix, allocator);
                Map<String, List<DataFile>> files = new java.util.LinkedHashMap<>();
                for (String name : current.datasets().keySet()) {
                    files.put(name, List.of(compaction.rewrite(product, name, current.filesOf(name))));
                }
                Map<String, String> quarantineFiles = new java.util.LinkedHashMap<>();
                current.quarantine().keySet().forEach(n -> quarantineFiles.put(n, current.quarantineFileOf(n)));
                SnapshotManifest manifest = new SnapshotManifest(SnapshotManifest.idOf(sequence), sequence,
                        current.id(), at, product.urn(), current.productVersion(), current.datasets(),
                        current.quarantine(), current.upstreamSnapshots(), files, quarantineFiles,
                        SnapshotManifest.Operation.COMPACT,
                        current.id(), "", false, current.inputPositions());
                install(dir, staging, manifest, true);
                return manifest;
            } finally {
                deleteTree(staging);  // gone already once installed
            }
        });
    }

    /** Runs work under the product lock, turning I/O failures into a message that names the product. */
    private static <T> T locked(ProductAddress product, Path dir, Locked<T> work) {
        try {
            Files.createDirectories(dir);
            return underLock(dir, work);
        } catch (IOException | UncheckedIOException e) {
            throw new PortException("cannot change the snapshots of " + product + " in " + dir + ": "
                    + e.getMessage() + "; check that the directory is writable", e);
        }
    }

    private SnapshotPins pins() {
        return PINS.computeIfAbsent(root, r -> new SnapshotPins());
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
