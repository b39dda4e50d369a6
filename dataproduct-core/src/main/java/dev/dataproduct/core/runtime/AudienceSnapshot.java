package dev.dataproduct.core.runtime;

import dev.dataproduct.api.access.Principal;
import dev.dataproduct.api.data.BatchCursor;
import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.CommittedSnapshot;
import dev.dataproduct.api.port.SnapshotInfo;
import dev.dataproduct.api.schema.Schema;
import dev.dataproduct.core.read.ProductReader;
import dev.dataproduct.core.read.ReadRequest;
import dev.dataproduct.core.read.ReadResult;
import dev.dataproduct.core.read.SnapshotSelector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A committed snapshot as a delivery port's audience may read it: every dataset is a read of the
 * pinned snapshot through the product's read path as the audience, so the port has no way to the
 * stored rows. Counts are left out: the snapshot's would tell how many rows a row filter hides.
 */
final class AudienceSnapshot implements CommittedSnapshot {
    private final SnapshotInfo info;
    private final Map<String, Dataset> datasets;
    private final List<Tracked> reads = new ArrayList<>();

    AudienceSnapshot(SnapshotInfo stored, List<String> readable, ProductReader reader, Principal audience,
                     String port) {
        this.info = new SnapshotInfo(stored.id(), stored.sequence(), stored.parent(), stored.committedAt(),
                stored.productAddress(), stored.productVersion(), Map.of(), Map.of());
        Map<String, Dataset> map = new LinkedHashMap<>();
        for (String name : readable) {
            ReadRequest request = ReadRequest.of(name).snapshot(SnapshotSelector.id(stored.id())).via(port).build();
            map.put(name, new Read(name, Schema.fromArrow(reader.schema(audience, name)), request, () -> {
                Tracked read = new Tracked(name, reader.read(audience, request));
                synchronized (reads) {
                    reads.add(read);
                }
                return read;
            }));
        }
        this.datasets = Collections.unmodifiableMap(map);
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
    private record Read(String name, Schema schema, ReadRequest request, Supplier<BatchCursor> reads)
            implements Dataset {
        @Override
        public BatchCursor open() {
            return reads.get();
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
