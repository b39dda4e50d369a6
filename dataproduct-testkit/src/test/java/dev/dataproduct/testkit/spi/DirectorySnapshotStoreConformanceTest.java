package dev.dataproduct.testkit.spi;

import dev.dataproduct.core.snapshot.DirectorySnapshotStore;
import dev.dataproduct.core.snapshot.SnapshotStore;
import java.nio.file.Path;

/** The directory store passes the snapshot store kit, across a restart too. */
class DirectorySnapshotStoreConformanceTest extends SnapshotStoreKit {
    @Override
    protected SnapshotStore store(Path dir) {
        return DirectorySnapshotStore.at(dir.resolve("snapshots"));
    }

    @Override
    protected SnapshotStore reopen(SnapshotStore store, Path dir) {
        return DirectorySnapshotStore.at(dir.resolve("snapshots"));
    }
}
