package dev.dataproduct.core.snapshot;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.error.DataProductException;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.io.ArrowIpcDataset;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Keeps snapshots in memory as Arrow IPC bytes, for tests and short-lived programs. Commits are
 * atomic and serialised like those of {@link DirectorySnapshotStore}; nothing survives the JVM.
 * It has the same snapshot list, rollbacks, tags, staged snapshots (write, audit, publish),
 * retention and attachments, under the same rules; it keeps whole snapshots only (no appends,
 * upserts or compaction). A rollback or publication shares the bytes of its source, and
 * retention reclaims the bytes no retained snapshot shares.
 */
public final class InMemorySnapshotStore implements SnapshotStore {
    private final Map<String, List<Stored>> products = new ConcurrentHashMap<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private final Map<String, Map<String, String>> tags = new HashMap<>();
    private final SnapshotPins pins = new SnapshotPins();

    private record Stored(SnapshotManifest manifest, Map<String, byte[]> data, Map<String, byte[]> quarantine,
                          Map<String, byte[]> attachments) {
        /** The same rows under another manifest: a rollback or a publication. */
        Stored sharedAs(SnapshotManifest other) {
            return new Stored(other, data, quarantine, attachments);
        }
    }

    @Override
    public SnapshotTransaction begin(ProductAddress product, BufferAllocator allocator) {
        Map<String, ByteArrayOutputStream> data = new LinkedHashMap<>();
        Map<String, ByteArrayOutputStream> quarantine = new LinkedHashMap<>();
        Map<String, byte[]> attachments = new HashMap<>();
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
            public boolean attach(String name, byte[] content) {
                attachments.put(Lifecycle.attachmentName(name), content.clone());
                return true;
            }

            @Override
            SnapshotManifest publish(Map<String, Long> dataRows, Map<String, Long> quarantineRows,
                                     String productVersion, Instant committedAt, boolean staged) {
                synchronized (InMemorySnapshotStore.this) {
                    List<Stored> all = products.computeIfAbsent(product.urn(),
                            k -> new java.util.concurrent.CopyOnWriteArrayList<>());
                    Optional<SnapshotManifest> parent = current(product);
                    long sequence = nextSequence(product);
                    SnapshotManifest manifest = new SnapshotManifest(SnapshotManifest.idOf(sequence), sequence,
                            parent.map(SnapshotManifest::id).orElse(""), committedAt, product.urn(), productVersion,
                            dataRows, quarantineRows, upstream(), Map.of(), Map.of(),
                            SnapshotManifest.Operation.REPLACE, "", "", staged, positions());
                    all.add(new Stored(manifest, bytes(data), bytes(quarantine), Map.copyOf(attachments)));
                    return manifest;
                }
            }

            @Override
            void discard() {
                data.clear();
                quarantine.clear();
                attachments.clear();
            }
        };
    }

    private static UnsupportedOperationException wholeSnapshotsOnly() {
        return new UnsupportedOperationException("the in-memory store keeps whole snapshots only: use a "
                + "DirectorySnapshotStore for appends, upserts (UpdateMode.append or upsert) and compaction");
    }

    private static Map<String, byte[]> bytes(Map<String, ByteArrayOutputStream> streams) {
        Map<String, byte[]> out = new HashMap<>();
        streams.forEach((k, v) -> out.put(k, v.toByteArray()));
        return out;
    }

    /** Sequences are never reused, also after a discard or retention removed the latest snapshot. */
    private long nextSequence(ProductAddress product) {
        return sequences.merge(product.urn(), 1L, Long::sum);
    }

    private List<Stored> all(ProductAddress product) {
        return products.getOrDefault(product.urn(), List.of());
    }

    private List<SnapshotManifest> manifests(ProductAddress product) {
        return all(product).stream().map(Stored::manifest).toList();
    }

    private Stored stored(ProductAddress product, String id) {
        return all(product).stream().filter(s -> s.manifest().id().equals(id)).findFirst().orElseThrow();
    }

    @Override
    public synchronized Optional<SnapshotManifest> current(ProductAddress product) {
        List<SnapshotManifest> committed = history(product);
        return committed.isEmpty() ? Optional.empty() : Optional.of(committed.get(committed.size() - 1));
    }

    @Override
    public synchronized List<SnapshotManifest> history(ProductAddress product) {
        return manifests(product).stream().filter(m -> !m.staged()).toList();
    }

    @Override
    public synchronized List<SnapshotEntry> snapshots(ProductAddress product) {
        return Lifecycle.entries(manifests(product), history(product),
                current(product).map(SnapshotManifest::id).orElse(""), tags(product));
    }

    @Override
    public synchronized Map<String, String> tags(ProductAddress product) {
        return Collections.unmodifiableMap(new TreeMap<>(tags.getOrDefault(product.urn(), Map.of())));
    }

    @Override
    public synchronized void tag(ProductAddress product, String tag, String id) {
        Lifecycle.checkTag(tag);
        Lifecycle.require(product, id, manifests(product));
        tags.computeIfAbsent(product.urn(), k -> new TreeMap<>()).put(tag, id);
    }

    @Override
    public synchronized boolean untag(ProductAddress product, String tag) {
        return tags.getOrDefault(product.urn(), new TreeMap<>()).remove(tag) != null;
    }

    @Override
    public synchronized SnapshotManifest rollback(ProductAddress product, String id, String reason, Instant at) {
        Objects.requireNonNull(reason, "reason");
        List<SnapshotManifest> committed = history(product);
        SnapshotManifest target = Lifecycle.rollbackTarget(product, id, committed);
        return commitShared(product, target, SnapshotManifest.Operation.ROLLBACK, reason, at);
    }

    @Override
    public synchronized SnapshotManifest publish(ProductAddress product, String stagedId, Instant at) {
        SnapshotManifest staged = Lifecycle.staged(product, stagedId, manifests(product));
        Lifecycle.checkPublishable(product, staged, current(product));
        return commitShared(product, staged, SnapshotManifest.Operation.PUBLISH, "", at);
    }

    private SnapshotManifest commitShared(ProductAddress product, SnapshotManifest source,
                                          SnapshotManifest.Operation op, String reason, Instant at) {
        SnapshotManifest manifest = Lifecycle.shared(product, source, current(product), nextSequence(product), op,
                reason, at);
        products.get(product.urn()).add(stored(product, source.id()).sharedAs(manifest));
        return manifest;
    }

    @Override
    public synchronized void discard(ProductAddress product, String stagedId) {
        SnapshotManifest m = Lifecycle.discardable(product, stagedId, manifests(product), tags(product));
        if (!pins.unlessPinned(m, () -> remove(product, m))) {
            throw Lifecycle.beingRead(product, stagedId);
        }
    }

    private void remove(ProductAddress product, SnapshotManifest m) {
        products.get(product.urn()).removeIf(s -> s.manifest().id().equals(m.id()));
    }

    @Override
    public synchronized RetentionResult expire(ProductAddress product, RetentionPolicy policy, Instant now) {
        List<SnapshotManifest> committed = history(product);
        Lifecycle.Retention rules = new Lifecycle.Retention(policy, committed,
                current(product).map(SnapshotManifest::id).orElse(""), tags(product), now);
        List<String> removed = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<Stored> gone = new ArrayList<>();
        for (Stored s : new ArrayList<>(all(product))) {
            SnapshotManifest m = s.manifest();
            if (rules.keeps(m) || !pins.unlessPinned(m, () -> remove(product, m))) {
                kept.add(m.id());
            } else {
                removed.add(m.id());
                gone.add(s);
            }
        }
        // bytes shared with a retained snapshot (a rollback's, a publication's) stay
        Map<byte[], Boolean> live = new IdentityHashMap<>();
        all(product).forEach(s -> s.data().values().forEach(b -> live.put(b, true)));
        all(product).forEach(s -> s.quarantine().values().forEach(b -> live.put(b, true)));
        Map<byte[], Boolean> reclaimed = new IdentityHashMap<>();
        for (Stored s : gone) {
            s.data().values().stream().filter(b -> !live.containsKey(b)).forEach(b -> reclaimed.put(b, true));
            s.quarantine().values().stream().filter(b -> !live.containsKey(b)).forEach(b -> reclaimed.put(b, true));
        }
        return new RetentionResult(removed, kept, reclaimed.size(),
                reclaimed.keySet().stream().mapToLong(b -> b.length).sum());
    }

    @Override
    public synchronized Optional<byte[]> attachment(SnapshotManifest manifest, String name) {
        String key = Lifecycle.attachmentName(name);
        return all(ProductAddress.parse(manifest.productAddress())).stream()
                .filter(s -> s.manifest().id().equals(manifest.id())).findFirst()
                .map(s -> s.attachments().get(key)).map(byte[]::clone);
    }

    @Override
    public synchronized StoredSnapshot open(SnapshotManifest manifest, BufferAllocator allocator) {
        Stored stored = products.getOrDefault(manifest.productAddress(), List.of()).stream()
                .filter(s -> s.manifest().id().equals(manifest.id())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no snapshot " + manifest.id() + " of "
                        + manifest.productAddress() + " in this store"));
        // whole snapshots only: each one adds all its rows and removes all its parent's
        return new StoredSnapshot(manifest,
                name -> ArrowIpcDataset.ofBytes(name, stored.data().get(name), allocator),
                name -> ArrowIpcDataset.ofBytes(name, stored.quarantine().get(name), allocator),
                (name, rows) -> {
                    Dataset own = ArrowIpcDataset.ofBytes(name, stored.data().get(name), allocator);
                    if (rows == SnapshotRows.ADDED) {
                        return own;
                    }
                    byte[] old = manifest.parent().isEmpty() ? null : parentOf(manifest).data().get(name);
                    return old == null ? Dataset.of(name, own.schema(), List.of())
                            : ArrowIpcDataset.ofBytes(name, old, allocator);
                });
    }

    private synchronized Stored parentOf(SnapshotManifest manifest) {
        return products.getOrDefault(manifest.productAddress(), List.of()).stream()
                .filter(p -> p.manifest().id().equals(manifest.parent())).findFirst()
                .orElseThrow(() -> new DataProductException("the parent " + manifest.parent() + " of snapshot "
                        + manifest.id() + " of " + manifest.productAddress() + " was removed by retention, so the "
                        + "rows the snapshot changed are unknown; read the whole snapshot instead"));
    }

    @Override
    public String location(SnapshotManifest manifest) {
        return "memory:" + manifest.productAddress() + "/" + manifest.id();
    }

    /**
     * Looks without the store's lock (the lists are copy-on-write): a pin checks it under the pins'
     * lock, which retention takes while holding the store's.
     */
    @Override
    public boolean holds(SnapshotManifest manifest) {
        return products.getOrDefault(manifest.productAddress(), List.of()).stream()
                .anyMatch(s -> s.manifest().id().equals(manifest.id()));
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
