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
 * </pre>
 *
 * <p>A commit writes and syncs every file in a staging directory, renames it into
 * {@code snapshots/} and then atomically replaces {@code CURRENT}, under a file lock so that
 * concurrent commits are serialised. A run killed at any point leaves {@code CURRENT} naming a
 * complete snapshot; a staging directory it leaves behind is never read.
 */
public final class DirectorySnapshotStore implements SnapshotStore {
    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
            .build();
    private static final String CURRENT = "CURRENT";
    private static final String SNAPSHOTS = "snapshots";
    private static final String MANIFEST = "manifest.json";
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();
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
        return new DirectorySnapshotStore(Objects.requireNonNull(root, "root").toAbsolutePath());
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
        Path staging = dir.resolve(".staging-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging.resolve(StagedTransaction.DATA));
            Files.createDirectories(staging.resolve(StagedTransaction.QUARANTINE));
        } catch (IOException e) {
            throw new PortException("cannot create the staging directory " + staging + " for a snapshot of " + product
                    + ": " + e.getMessage() + "; check that the directory is writable", e);
        }
        return new DirectoryTransaction(product, dir, staging, allocator);
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
                try {
                    max = Math.max(max, Long.parseLong(d.getFileName().toString()));
                } catch (NumberFormatException notASnapshot) {
                    // a directory that is not ours: leave it alone
                }
            }
        }
        return max;
    }

    private static void sync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
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
        private final List<Path> files = new ArrayList<>();

        DirectoryTransaction(ProductAddress product, Path productDir, Path staging, BufferAllocator allocator) {
            super(allocator);
            this.product = product;
            this.productDir = productDir;
            this.staging = staging;
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
                // a file lock is held by the whole JVM (a second lock() in it throws), so threads of
                // this JVM take turns on a monitor first and processes take turns on the file
                synchronized (LOCKS.computeIfAbsent(productDir.normalize(), k -> new Object())) {
                    try (FileChannel lockFile = FileChannel.open(productDir.resolve(".lock"),
                            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                         FileLock lock = lockFile.lock()) {
                        Optional<SnapshotManifest> parent = current(product);
                        long sequence = Math.max(highestSequence(snapshots),
                                parent.map(SnapshotManifest::sequence).orElse(0L)) + 1;
                        SnapshotManifest manifest = new SnapshotManifest(SnapshotManifest.idOf(sequence), sequence,
                                parent.map(SnapshotManifest::id).orElse(""), committedAt, product.urn(),
                                productVersion, dataRows, quarantineRows);
                        Path manifestFile = staging.resolve(MANIFEST);
                        Files.write(manifestFile, JSON.writeValueAsBytes(manifest));
                        sync(manifestFile);
                        Path target = snapshots.resolve(manifest.id());
                        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                        Path next = productDir.resolve(CURRENT + ".next");
                        Files.writeString(next, manifest.id() + "\n", StandardCharsets.UTF_8);
                        sync(next);
                        Files.move(next, productDir.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE,
                                StandardCopyOption.REPLACE_EXISTING);
                        return manifest;
                    }
                }
            } catch (IOException e) {
                throw new PortException("cannot commit the snapshot of " + product + " in " + productDir + ": "
                        + e.getMessage() + "; the previous snapshot stays current", e);
            }
        }

        @Override
        void discard() {
            deleteTree(staging);
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
