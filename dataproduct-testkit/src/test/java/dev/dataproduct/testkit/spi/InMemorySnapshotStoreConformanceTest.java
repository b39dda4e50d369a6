package dev.dataproduct.testkit.spi;

import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotStore;
import java.nio.file.Path;

/** The in-memory store passes the snapshot store kit. */
class InMemorySnapshotStoreConformanceTest extends SnapshotStoreKit {
    @Override
    protected SnapshotStore store(Path dir) {
        return new InMemorySnapshotStore();
    }
}
