package dev.dataproduct.core.snapshot;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The pins of one store, counted per snapshot. Pinning and {@link #unlessPinned retention} take
 * the same lock, so a snapshot is never removed between the check that it exists and the pin.
 */
final class SnapshotPins {
    private final Map<String, Integer> counts = new HashMap<>();

    private static String key(SnapshotManifest m) {
        return m.productAddress() + "\n" + m.id();
    }

    synchronized SnapshotPin pin(SnapshotManifest manifest, BooleanSupplier exists) {
        if (!exists.getAsBoolean()) {
            throw new IllegalArgumentException("snapshot " + manifest.id() + " of " + manifest.productAddress()
                    + " is not in this store (never committed, or removed by retention); read another snapshot");
        }
        counts.merge(key(manifest), 1, Integer::sum);
        AtomicBoolean released = new AtomicBoolean();
        return new SnapshotPin() {
            @Override
            public SnapshotManifest manifest() {
                return manifest;
            }

            @Override
            public void close() {
                if (released.compareAndSet(false, true)) {
                    release(manifest);
                }
            }
        };
    }

    private synchronized void release(SnapshotManifest manifest) {
        counts.computeIfPresent(key(manifest), (k, n) -> n == 1 ? null : n - 1);
    }

    synchronized Set<String> pinned(String productAddress) {
        Set<String> out = new TreeSet<>();
        counts.keySet().forEach(k -> {
            int cut = k.indexOf('\n');
            if (k.substring(0, cut).equals(productAddress)) {
                out.add(k.substring(cut + 1));
            }
        });
        return out;
    }

    /**
     * Runs a removal only if the snapshot is not pinned, holding off new pins meanwhile: what
     * retention calls.
     *
     * @return whether the removal ran
     */
    synchronized boolean unlessPinned(SnapshotManifest manifest, Runnable removal) {
        if (counts.containsKey(key(manifest))) {
            return false;
        }
        removal.run();
        return true;
    }
}
