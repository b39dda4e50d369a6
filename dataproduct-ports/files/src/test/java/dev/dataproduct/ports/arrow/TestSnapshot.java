package dev.dataproduct.ports.arrow;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.port.CommittedSnapshot;
import dev.dataproduct.api.port.SnapshotInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A committed snapshot over datasets in memory, for tests of output ports. */
record TestSnapshot(SnapshotInfo info, Map<String, Dataset> datasets) implements CommittedSnapshot {

    static TestSnapshot of(String id, long sequence, Dataset... datasets) {
        Map<String, Dataset> byName = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Dataset d : datasets) {
            byName.put(d.name(), d);
            counts.put(d.name(), d.countRows());
        }
        SnapshotInfo info = new SnapshotInfo(id, sequence, sequence == 1 ? Optional.empty() : Optional.of("previous"),
                Instant.parse("2024-05-01T12:00:00Z"), "urn:dataproduct:retail:purchases", "1.2.0", counts, Map.of());
        return new TestSnapshot(info, byName);
    }

    @Override
    public Set<String> datasetNames() {
        return datasets.keySet();
    }

    @Override
    public Dataset dataset(String name) {
        Dataset d = datasets.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no dataset " + name);
        }
        return d;
    }
}
