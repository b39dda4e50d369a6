package dev.dataproduct.core.runtime;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.port.OutputPort;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.UpdateMode;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.snapshot.SnapshotManifest;
import dev.dataproduct.core.snapshot.SnapshotPin;
import dev.dataproduct.core.snapshot.SnapshotStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one committed snapshot to one delivery port, as the port's audience may read it. The
 * snapshot is pinned for the whole delivery, so retention cannot take it away between datasets.
 * A failure of the port, or an audience that may read nothing, is an outcome, never an exception:
 * the commit is already durable.
 */
final class Delivery {
    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);

    private final SnapshotStore store;
    private final BufferAllocator allocator;
    private final Clock clock;
    private final Consumer<ProductReader.Builder> readerSettings;

    Delivery(SnapshotStore store, BufferAllocator allocator, Clock clock, Consumer<ProductReader.Builder> readerSettings) {
        this.store = store;
        this.allocator = allocator;
        this.clock = clock;
        this.readerSettings = readerSettings;
    }

    PortOutcome deliver(DataProduct product, SnapshotManifest manifest, OutputPort port) {
        String name = port.descriptor().name();
        boolean required = product.requiredPorts().contains(name);
        Principal audience;
        try {
            audience = java.util.Objects.requireNonNull(port.audience(), "audience");
        } catch (RuntimeException e) {
            return failed(product, manifest, name, required, "?", List.of(), List.of(),
                    "the port names no audience (" + e + "); return a principal from audience()");
        }
        List<String> delivered = new ArrayList<>();
        List<String> withheld = new ArrayList<>();
        String error = null;
        try (SnapshotPin pin = store.pin(manifest);
             BufferAllocator reads = allocator.newChildAllocator("delivery " + name, 0, Long.MAX_VALUE)) {
            ProductReader.Builder builder = ProductReader.builder(store, product).allocator(reads).clock(clock);
            readerSettings.accept(builder);
            ProductReader reader = builder.build();
            Set<String> stored = pin.manifest().info().rowCounts().keySet();
            for (var d : product.outputs()) {
                if (stored.contains(d.name())) {
                    (reader.mayRead(audience, d.name()) ? delivered : withheld).add(d.name());
                }
            }
            if (delivered.isEmpty()) {
                error = "its audience '" + audience.id() + "' may read none of the datasets " + withheld + " of "
                        + product.address() + "; grant it access in the product's policy, or give the port an "
                        + "audience that has access";
            } else {
                AudienceSnapshot snapshot = new AudienceSnapshot(manifest.info(), delivered, reader, audience, name,
                        incremental(product, pin.manifest(), reader), reads);
                try {
                    port.publish(snapshot);
                } finally {
                    List<String> leftOpen = snapshot.closeLeftOpen();
                    if (!leftOpen.isEmpty()) {
                        error = "the port kept reads of " + leftOpen + " open after publish returned; close every "
                                + "cursor it opens (try-with-resources)";
                    }
                }
            }
        } catch (RuntimeException e) {
            error = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        if (error != null) {
            return failed(product, manifest, name, required, audience.id(), delivered, withheld, error);
        }
        return new PortOutcome(name, required, audience.id(), PortOutcome.Status.DELIVERED, delivered, withheld,
                Optional.empty());
    }

    /**
     * The datasets whose changes a port may deliver: written incrementally, with the parent still in
     * the store to tell the changes from. A replaced dataset, a first snapshot, or one whose parent
     * retention removed, is delivered whole.
     */
    private Map<String, DatasetSpec> incremental(DataProduct product, SnapshotManifest manifest, ProductReader reader) {
        Map<String, DatasetSpec> out = new LinkedHashMap<>();
        if (manifest.parent().isEmpty() || store.find(reader.product(), manifest.parent()).isEmpty()) {
            return out;
        }
        for (DatasetSpec d : product.outputs()) {
            if (d.updateMode().kind() != UpdateMode.Kind.REPLACE) {
                out.put(d.name(), d);
            }
        }
        return out;
    }

    private static PortOutcome failed(DataProduct product, SnapshotManifest manifest, String name, boolean required,
                                      String audience, List<String> delivered, List<String> withheld, String error) {
        LOG.error("delivery port '{}' of {} failed to deliver snapshot {}: {}", name, product.address(), manifest.id(),
                error);
        return new PortOutcome(name, required, audience, PortOutcome.Status.FAILED, delivered, withheld,
                Optional.of(error));
    }
}
