package dev.dataproduct.core.snapshot;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.CommittedSnapshot;
import dev.dataproduct.api.port.SnapshotInfo;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/** A committed snapshot opened for reading: its published datasets and its quarantine. */
public final class StoredSnapshot implements CommittedSnapshot {
    private final SnapshotManifest manifest;
    private final Function<String, Dataset> data;
    private final Function<String, Dataset> quarantined;
    private final BiFunction<String, SnapshotRows, Dataset> changes;

    StoredSnapshot(SnapshotManifest manifest, Function<String, Dataset> data, Function<String, Dataset> quarantined,
                   BiFunction<String, SnapshotRows, Dataset> changes) {
        this.manifest = manifest;
        this.data = data;
        this.quarantined = quarantined;
        this.changes = changes;
    }

    /** @return the snapshot's manifest */
    public SnapshotManifest manifest() {
        return manifest;
    }

    @Override
    public SnapshotInfo info() {
        return manifest.info();
    }

    @Override
    public Set<String> datasetNames() {
        return manifest.datasets().keySet();
    }

    @Override
    public Dataset dataset(String name) {
        return lookup(name, manifest.datasets(), data, "dataset");
    }

    /**
     * @param name a dataset name
     * @param rows which of its rows: all, or those the snapshot added or removed relative to its
     *     parent (see {@link SnapshotRows})
     * @return those rows
     * @throws IllegalArgumentException if the snapshot has no such dataset
     * @throws dev.dataproduct.api.error.DataProductException if the changes are asked for and the
     *     parent is no longer in the store (removed by retention)
     */
    public Dataset rows(String name, SnapshotRows rows) {
        Dataset all = dataset(name);
        return rows == SnapshotRows.ALL ? all : changes.apply(name, rows);
    }

    /** @return the names of the datasets and inputs that have quarantined rows in this snapshot */
    public Set<String> quarantineNames() {
        return manifest.quarantine().keySet();
    }

    /**
     * @param name a dataset or input name from {@link #quarantineNames()}
     * @return its quarantined rows: {@code _origin}, {@code _rules}, {@code _reasons}, the original
     *     values as text, and {@code _extra} for values of columns outside the schema
     */
    public Dataset quarantine(String name) {
        return lookup(name, manifest.quarantine(), quarantined, "quarantine");
    }

    private Dataset lookup(String name, Map<String, Long> known, Function<String, Dataset> open, String what) {
        if (!known.containsKey(name)) {
            throw new IllegalArgumentException("snapshot " + manifest.id() + " of " + manifest.productAddress()
                    + " has no " + what + " '" + name + "'; it has " + known.keySet());
        }
        return open.apply(name);
    }

    @Override
    public String toString() {
        return "Snapshot[" + manifest.productAddress() + " " + manifest.id() + "]";
    }
}
