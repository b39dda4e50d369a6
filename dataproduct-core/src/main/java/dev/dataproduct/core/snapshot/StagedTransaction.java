package dev.dataproduct.core.snapshot;

import dev.dataproduct.core.io.ArrowIpcWriter;
import java.nio.channels.WritableByteChannel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/** The part of a transaction both stores share: the writers and their row counts. */
abstract class StagedTransaction implements SnapshotTransaction {
    static final String DATA = "data";
    static final String QUARANTINE = "quarantine";

    private final BufferAllocator allocator;
    private final Map<String, ArrowIpcWriter> data = new LinkedHashMap<>();
    private final Map<String, ArrowIpcWriter> quarantine = new LinkedHashMap<>();
    private final Map<String, WriteMode> modes = new LinkedHashMap<>();
    private final Map<String, java.util.List<Long>> deletes = new LinkedHashMap<>();
    private boolean finished;
    private List<UpstreamSnapshot> upstream = List.of();
    private Map<String, Map<String, String>> positions = Map.of();

    StagedTransaction(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    /** Opens the channel a file of the snapshot is written to. */
    abstract WritableByteChannel create(String area, String name);

    /**
     * Makes the written files durable and, unless staged, current; called once, with every writer
     * closed.
     */
    abstract SnapshotManifest publish(Map<String, Long> dataRows, Map<String, Long> quarantineRows,
                                      String productVersion, Instant committedAt, boolean staged);

    /** @return the allocator of the transaction's buffers */
    final BufferAllocator allocator() {
        return allocator;
    }

    /** @return how each dataset written changes its previous rows */
    final Map<String, WriteMode> modes() {
        return modes;
    }

    /** @return the hashes of the keys deleted per upserted dataset */
    final Map<String, java.util.List<Long>> deletes() {
        return deletes;
    }

    /** Removes whatever was written. */
    abstract void discard();

    @Override
    public ArrowIpcWriter dataset(String name, Schema schema) {
        return dataset(name, schema, WriteMode.replace());
    }

    /**
     * Refuses, before anything is written, a way of writing the store cannot commit.
     *
     * @throws UnsupportedOperationException if the store cannot
     */
    void accept(WriteMode mode) {
    }

    @Override
    public ArrowIpcWriter dataset(String name, Schema schema, WriteMode mode) {
        accept(java.util.Objects.requireNonNull(mode, "mode"));
        ArrowIpcWriter w = open(data, DATA, name, schema);
        modes.put(name, mode);
        return w;
    }

    @Override
    public void delete(String name, java.util.List<?> key) {
        WriteMode mode = modes.get(name);
        if (!(mode instanceof WriteMode.Upsert upsert)) {
            throw new IllegalStateException("dataset '" + name + "' is " + (mode == null ? "not written in this "
                    + "snapshot" : "written as " + mode.operation()) + " and cannot delete keys; only an upserted "
                    + "dataset can (an append-only dataset refuses deletes)");
        }
        if (key.size() != upsert.keyColumns().size()) {
            throw new IllegalArgumentException("a key of dataset '" + name + "' has " + upsert.keyColumns().size()
                    + " values " + upsert.keyColumns() + ", not " + key.size());
        }
        deletes.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(Keys.hash(key));
    }
    @Override
    public ArrowIpcWriter quarantine(String name, Schema schema) {
        return open(quarantine, QUARANTINE, name, schema);
    }

    private ArrowIpcWriter open(Map<String, ArrowIpcWriter> writers, String area, String name, Schema schema) {
        if (finished) {
            throw new IllegalStateException("the snapshot transaction is already finished");
        }
        if (writers.containsKey(name)) {
            throw new IllegalStateException(area + " '" + name + "' is already being written in this snapshot");
        }
        ArrowIpcWriter w = ArrowIpcWriter.open(create(area, name), schema, allocator, area + "/" + name);
        writers.put(name, w);
        return w;
    }

    @Override
    public SnapshotManifest commit(String productVersion, Instant committedAt, List<UpstreamSnapshot> value) {
        this.upstream = List.copyOf(value);
        return commit(productVersion, committedAt);
    }

    @Override
    public void inputPositions(Map<String, Map<String, String>> value) {
        this.positions = Map.copyOf(value);
    }

    /** @return where the run's read of its inputs ended, as the manifest being published records it */
    Map<String, Map<String, String>> positions() {
        return positions;
    }

    /** @return the upstream snapshots the manifest being published records */
    List<UpstreamSnapshot> upstream() {
        return upstream;
    }

    @Override
    public SnapshotManifest commit(String productVersion, Instant committedAt) {
        return finish(productVersion, committedAt, false);
    }

    @Override
    public SnapshotManifest stage(String productVersion, Instant committedAt) {
        return finish(productVersion, committedAt, true);
    }

    private SnapshotManifest finish(String productVersion, Instant committedAt, boolean staged) {
        if (finished) {
            throw new IllegalStateException("the snapshot transaction is already finished");
        }
        Map<String, Long> dataRows = closeAll(data);
        Map<String, Long> quarantineRows = closeAll(quarantine);
        SnapshotManifest manifest = publish(dataRows, quarantineRows, productVersion, committedAt, staged);
        finished = true;
        return manifest;
    }

    private static Map<String, Long> closeAll(Map<String, ArrowIpcWriter> writers) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Map.Entry<String, ArrowIpcWriter> e : writers.entrySet()) {
            e.getValue().close();
            rows.put(e.getKey(), e.getValue().rows());
        }
        return rows;
    }

    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        RuntimeException failure = null;
        for (ArrowIpcWriter w : data.values()) {
            failure = closeQuietly(w, failure);
        }
        for (ArrowIpcWriter w : quarantine.values()) {
            failure = closeQuietly(w, failure);
        }
        discard();
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException closeQuietly(ArrowIpcWriter w, RuntimeException failure) {
        try {
            w.close();
        } catch (RuntimeException e) {
            if (failure == null) {
                return e;
            }
            failure.addSuppressed(e);
        }
        return failure;
    }
}
