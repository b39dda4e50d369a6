package dev.dataproduct.core.snapshot;

import dev.dataproduct.api.data.BatchBuilder;
import dev.dataproduct.api.product.ProductAddress;
import dev.dataproduct.core.io.ArrowIpcWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Writes runs of the orders dataset (id, quantity) and reads snapshots back as maps. */
final class LifecycleFixture {
    static final ProductAddress PRODUCT = SnapshotStoreContractTest.PRODUCT;
    static final WriteMode UPSERT = WriteMode.upsert("id");

    private LifecycleFixture() {
    }

    /**
     * Writes one run.
     *
     * @param rows id and quantity of each row, in order
     * @param deletes ids deleted (upsert only)
     * @param staged whether to stage instead of commit
     */
    static SnapshotManifest run(SnapshotStore store, BufferAllocator allocator, WriteMode mode,
                                List<Map.Entry<String, Long>> rows, List<String> deletes, Instant at, boolean staged) {
        try (SnapshotTransaction tx = store.begin(PRODUCT, allocator)) {
            ArrowIpcWriter data = tx.dataset("orders", SnapshotStoreContractTest.ORDERS.toArrow(), mode);
            try (BatchBuilder b = BatchBuilder.create(SnapshotStoreContractTest.ORDERS, allocator)) {
                for (Map.Entry<String, Long> r : rows) {
                    b.addRow(r.getKey(), r.getValue());
                }
                try (VectorSchemaRoot batch = b.build()) {
                    data.write(batch);
                }
            }
            deletes.forEach(id -> tx.delete("orders", List.of(id)));
            return staged ? tx.stage("1.0.0", at) : tx.commit("1.0.0", at);
        }
    }

    static SnapshotManifest run(SnapshotStore store, BufferAllocator allocator, WriteMode mode,
                                List<Map.Entry<String, Long>> rows, Instant at) {
        return run(store, allocator, mode, rows, List.of(), at, false);
    }

    /** The rows of a snapshot's orders, by id; a duplicate id fails. */
    static Map<String, Long> read(SnapshotStore store, SnapshotManifest m, BufferAllocator allocator) {
        Map<String, Long> out = new TreeMap<>();
        long[] n = {0};
        store.open(m, allocator).dataset("orders").forEachRow(r -> {
            n[0]++;
            Long before = out.put(r.getString("id"), r.getLong("quantity"));
            if (before != null) {
                throw new AssertionError("id " + r.getString("id") + " twice in snapshot " + m.id());
            }
        });
        if (n[0] != m.datasets().get("orders")) {
            throw new AssertionError("snapshot " + m.id() + " lists " + m.datasets().get("orders") + " rows, reads "
                    + n[0]);
        }
        return out;
    }

    static List<Map.Entry<String, Long>> rows(String prefix, int from, int to, long quantity) {
        return java.util.stream.IntStream.range(from, to).mapToObj(i -> Map.entry(prefix + i, quantity)).toList();
    }
}
