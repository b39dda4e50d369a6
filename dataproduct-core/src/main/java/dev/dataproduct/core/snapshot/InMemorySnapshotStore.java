package dev.dataproduct.core.snapshot;

import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.io.ArrowIpcDataset;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Keeps snapshots in memory as Arrow IPC bytes, for tests and short-lived programs. Commits are
 * atomic and serialised like those of {@link DirectorySnapshotStore}; nothing survives the JVM.
 */
public final class InMemorySnapshotStore implements SnapshotStore {
    private final Map<String, List<Stored>> products = new ConcurrentHashMap<>();
    private final SnapshotPins pins = new SnapshotPins();

    private record Stored(SnapshotManifest manifest, Map<String, byte[]> data, Map<String, byte[]> quarantine) {
    }

    @Override
    public SnapshotTransaction begin(ProductAddress product, BufferAllocator allocator) {
        Map<String, ByteArrayOutputStream> data = new LinkedHashMap<>();
        Map<String, ByteArrayOutputStream> quarantine = new LinkedHashMap<>();
        return new StagedTransaction(allocator) {
            @Override
            void accept(WriteMode mode) {
                if (!(mode instanceof WriteMode.Replace)) {
                    throw wholeSnapshotsOnly();
                }
            }

            @Override
            WritableByteChannel create(String area, String name) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                (area.equals(DATA) ? data : quarantine).put(name, bytes);
                return Channels.newChannel(bytes);
            }

            @Override
            SnapshotManifest publish(Map<String, Long> dataRows, Map<String, Long> quarantineRows,
                                     String productVersion, Instant committedAt, boolean staged) {
                if (staged) {
                    throw wholeSnapshotsOnly();
                }
                synchronized (InMemorySnapshotStore.this) {
                    List<Stored> history = products.computeIfAbsent(product.urn(), k -> new ArrayList<>());
                    Optional<SnapshotManifest> parent = current(product);
                    long sequence = history.size() + 1L;
                    SnapshotManifest manifest = new SnapshotManifest(SnapshotManifest.idOf(sequence), sequence,
                            parent.map(SnapshotManifest::id).orElse(""), committedAt, product.urn(), productVersion,
                            dataRows, quarantineRows, upstream());
                    history.add(new Stored(manifest, bytes(data), bytes(quarantine)));
                    return manifest;
                }
            }

            @Override
            void discard() {
                data.clear();
                quarantine.clear();
            }
        };
    }

    private static UnsupportedOperationException wholeSnapshotsOnly() {
        return new UnsupportedOperationException("the in-memory store keeps whole, committed snapshots only: use a "
                + "DirectorySnapshotStore for staged snapshots, appends and upserts (UpdateMode.append or upsert)");
    }

    private static Map<String, byte[]> bytes(Map<String, ByteArrayOutputStream> streams) {
        Map<String, byte[]> out = new HashMap<>();
        streams.forEach((k, v) -> out.put(k, v.toByteArray()));
        return out;
    }

    @Override
    public synchronized Optional<SnapshotManifest> current(ProductAddress product) {
        List<Stored> history = products.getOrDefault(product.urn(), List.of());
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1).manifest());
    }

    @Override
    public synchronized List<SnapshotManifest> history(ProductAddress product) {
        return products.getOrDefault(product.urn(), List.of()).stream().map(Stored::manifest).toList();
    }

    @Override
    public synchronized StoredSnapshot open(SnapshotManifest manifest, BufferAllocator allocator) {
        Stored stored = products.getOrDefault(manifest.productAddress(), List.of()).stream()
                .filter(s -> s.manifest().id().equals(manifest.id())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no snapshot " + manifest.id() + " of "
                        + manifest.productAddress() + " in this store"));
        return new StoredSnapshot(manifest,
                name -> ArrowIpcDataset.ofBytes(name, stored.data().get(name), allocator),
                name -> ArrowIpcDataset.ofBytes(name, stored.quarantine().get(name), allocator));
    }

    @Override
    public String location(SnapshotManifest manifest) {
        return "memory:" + manifest.productAddress() + "/" + manifest.id();
    }

    @Override
    public SnapshotPin pin(SnapshotManifest manifest) {
        return pins.pin(manifest, () -> holds(manifest));
    }

    @Override
    public Set<String> pinned(ProductAddress product) {
        return pins.pinned(product.urn());
    }
}
