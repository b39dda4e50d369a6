package dev.dataproduct.core.runtime;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.data.VectorValues;
import dev.dataproduct.api.port.CommittedSnapshot;
import dev.dataproduct.api.port.DatasetChanges;
import dev.dataproduct.api.port.SnapshotInfo;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.Field;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.expr.Selection;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.read.SnapshotSelector;
import dev.dataproduct.core.snapshot.SnapshotRows;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A committed snapshot as a delivery port's audience may read it: every dataset is a read of the
 * pinned snapshot through the product's read path as the audience, so the port has no way to the
 * stored rows. Counts are left out: the snapshot's would tell how many rows a row filter hides.
 */
final class AudienceSnapshot implements CommittedSnapshot {
    private final SnapshotInfo info;
    private final Map<String, Dataset> datasets;
    private final Map<String, DatasetChanges> changes;
    private final List<Tracked> reads = new ArrayList<>();
    private final BufferAllocator allocator;

    /**
     * @param allocator where the batches of deleted keys are copied
     * @param incremental the datasets whose changes are delivered: written incrementally, with a
     *     parent snapshot still in the store; the others are delivered whole
     */
    AudienceSnapshot(SnapshotInfo stored, List<String> readable, ProductReader reader, Principal audience,
                     String port, Map<String, DatasetSpec> incremental, BufferAllocator allocator) {
        this.allocator = allocator;
        this.info = new SnapshotInfo(stored.id(), stored.sequence(), stored.parent(), stored.committedAt(),
                stored.productAddress(), stored.productVersion(), Map.of(), Map.of());
        Map<String, Dataset> map = new LinkedHashMap<>();
        for (String name : readable) {
            ReadRequest request = ReadRequest.of(name).snapshot(SnapshotSelector.id(stored.id())).via(port).build();
            Schema seen = Schema.fromArrow(reader.schema(audience, name));
            map.put(name, new Read(name, seen, () -> track(name, reader.read(audience, request))));
        }
        this.datasets = Collections.unmodifiableMap(map);
        Map<String, DatasetChanges> changed = new LinkedHashMap<>();
        for (String name : readable) {
            DatasetSpec spec = incremental.get(name);
            if (spec != null) {
                changed.put(name, changesOf(spec, datasets.get(name).schema(), reader, audience, port));
            }
        }
        this.changes = Collections.unmodifiableMap(changed);
    }

    private DatasetChanges changesOf(DatasetSpec spec, Schema seen, ProductReader reader, Principal audience,
                                     String port) {
        String name = spec.name();
        ReadRequest added = changed(name, port, SnapshotRows.ADDED).build();
        Dataset upserted = new Read(name, seen, () -> track(name, reader.read(audience, added)));
        List<String> key = spec.schema().primaryKey().stream().map(Field::name).toList();
        if (key.isEmpty() || !key.stream().allMatch(k -> seen.field(k).isPresent())) {
            // no key the audience sees: a deletion could not be addressed
            List<Field> visible = key.stream().flatMap(k -> seen.field(k).stream()).toList();
            return new DatasetChanges(upserted, Dataset.of(name, Schema.of(visible.toArray(Field[]::new)),
                    List.of()));
        }
        Schema keySchema = Schema.of(key.stream().map(k -> seen.field(k).orElseThrow()).toArray(Field[]::new));
        String[] keyColumns = key.toArray(String[]::new);
        ReadRequest removed = changed(name, port, SnapshotRows.REMOVED).columns(keyColumns).build();
        ReadRequest addedKeys = changed(name, port, SnapshotRows.ADDED).columns(keyColumns).build();
        Dataset deleted = new Read(name, keySchema, () -> {
            // a removed row whose key the snapshot wrote again, visibly, was updated, not deleted
            Set<List<Object>> written = new HashSet<>();
            try (BatchCursor keys = track(name, reader.read(audience, addedKeys))) {
                while (keys.next()) {
                    VectorSchemaRoot batch = keys.batch();
                    for (int r = 0; r < batch.getRowCount(); r++) {
                        written.add(keyOf(batch, r));
                    }
                }
            }
            return new Deleted(track(name, reader.read(audience, removed)), written, allocator);
        });
        return new DatasetChanges(upserted, deleted);
    }

    private ReadRequest.Builder changed(String name, String port, SnapshotRows rows) {
        return ReadRequest.of(name).snapshot(SnapshotSelector.id(info.id())).via(port).rows(rows);
    }

    private static List<Object> keyOf(VectorSchemaRoot batch, int row) {
        List<Object> key = new ArrayList<>(batch.getFieldVectors().size());
        for (FieldVector v : batch.getFieldVectors()) {
            key.add(VectorValues.get(v, row));
        }
        return key;
    }

    private Tracked track(String name, ReadResult result) {
        Tracked read = new Tracked(name, result);
        synchronized (reads) {
            reads.add(read);
        }
        return read;
    }

    @Override
    public SnapshotInfo info() {
        return info;
    }

    @Override
    public Set<String> datasetNames() {
        return datasets.keySet();
    }

    @Override
    public Optional<DatasetChanges> changes(String name) {
        dataset(name);
        return Optional.ofNullable(changes.get(name));
    }

    @Override
    public Dataset dataset(String name) {
        Dataset d = datasets.get(name);
        if (d == null) {
            // the same words whether the dataset is absent or withheld from the audience
            throw new IllegalArgumentException("no dataset '" + name + "' in this delivery; datasets are "
                    + datasets.keySet());
        }
        return d;
    }

    /**
     * Closes the reads the port left open, so that their memory and snapshot pins are released.
     *
     * @return the datasets whose reads were left open, once per read
     */
    List<String> closeLeftOpen() {
        List<String> open = new ArrayList<>();
        synchronized (reads) {
            for (Tracked r : reads) {
                if (!r.closed) {
                    open.add(r.dataset);
                    r.close();
                }
            }
            reads.clear();
        }
        return open;
    }

    @Override
    public String toString() {
        return "snapshot " + info.id() + " of " + info.productAddress() + " for its audience";
    }

    /** One dataset: each pass is a new read through the read path, audited. */
    private record Read(String name, Schema schema, Supplier<BatchCursor> reads) implements Dataset {
        @Override
        public BatchCursor open() {
            return reads.get();
        }
    }

    /** The removed rows' keys but those written again: the deletions as the audience sees them. */
    private static final class Deleted implements BatchCursor {
        private final BatchCursor removed;
        private final Set<List<Object>> written;
        private final BufferAllocator allocator;
        private VectorSchemaRoot current;
        private VectorSchemaRoot copy;

        Deleted(BatchCursor removed, Set<List<Object>> written, BufferAllocator allocator) {
            this.removed = removed;
            this.written = written;
            this.allocator = allocator;
        }

        @Override
        public boolean next() {
            release();
            while (removed.next()) {
                VectorSchemaRoot batch = removed.batch();
                int n = batch.getRowCount();
                BitSet gone = new BitSet(n);
                for (int r = 0; r < n; r++) {
                    if (!written.contains(keyOf(batch, r))) {
                        gone.set(r);
                    }
                }
                if (gone.cardinality() == n) {
                    current = batch;
                    return true;
                }
                if (!gone.isEmpty()) {
                    copy = Selection.of(gone, n).copyRows(batch, batch.getSchema(), allocator);
                    current = copy;
                    return true;
                }
            }
            current = null;
            return false;
        }

        @Override
        public VectorSchemaRoot batch() {
            if (current == null) {
                throw new IllegalStateException("the cursor of deleted keys is not on a batch");
            }
            return current;
        }

        private void release() {
            current = null;
            if (copy != null) {
                copy.close();
                copy = null;
            }
        }

        @Override
        public void close() {
            release();
            removed.close();
        }
    }

    /** A read handed to the port, which knows whether the port closed it. */
    private static final class Tracked implements BatchCursor {
        private final String dataset;
        private final ReadResult read;
        private volatile boolean closed;

        Tracked(String dataset, ReadResult read) {
            this.dataset = dataset;
            this.read = read;
        }

        @Override
        public boolean next() {
            return read.next();
        }

        @Override
        public org.apache.arrow.vector.VectorSchemaRoot batch() {
            return read.batch();
        }

        @Override
        public void close() {
            closed = true;
            read.close();
        }
    }
}
