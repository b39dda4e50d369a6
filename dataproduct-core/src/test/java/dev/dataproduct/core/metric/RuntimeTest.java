package dev.dataproduct.core.metric;

import dev.dataproduct.core.runtime.ProductRuntime;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A runtime over an allocator of its own for each test; closing the allocator fails a test that leaks. */
abstract class RuntimeTest {
    BufferAllocator allocator;
    ProductRuntime runtime;

    @BeforeEach
    void startRuntime() {
        allocator = new RootAllocator();
        runtime = ProductRuntime.builder().allocator(allocator).build();
    }

    @AfterEach
    void closeRuntime() {
        runtime.close();
        allocator.close();
    }
}
