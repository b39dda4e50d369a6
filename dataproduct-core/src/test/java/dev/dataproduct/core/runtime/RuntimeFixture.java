package dev.dataproduct.core.runtime;

import dev.dataproduct.core.snapshot.InMemorySnapshotStore;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A runtime over an in-memory store per test, whose allocator is closed after it so a leak fails. */
abstract class RuntimeFixture {
    BufferAllocator allocator;
    InMemorySnapshotStore store;
    ProductRuntime runtime;

    @BeforeEach
    void startRuntime() {
        allocator = new RootAllocator();
        store = new InMemorySnapshotStore();
        runtime = ProductRuntime.builder().allocator(allocator).store(store).build();
    }

    @AfterEach
    void closeRuntime() {
        runtime.close();
        allocator.close();
    }
}
