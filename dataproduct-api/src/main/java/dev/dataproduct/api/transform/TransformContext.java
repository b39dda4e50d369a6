package dev.dataproduct.api.transform;

import dev.dataproduct.api.data.Dataset;
import dev.dataproduct.api.schema.DatasetSpec;
import java.time.Clock;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;

/** What a transform receives: its inputs, the output it builds, an allocator and a clock. */
public interface TransformContext {

    /**
     * @param name the name of an input the transform declared it reads
     * @return the input's data
     * @throws IllegalArgumentException naming the declared inputs if the transform did not declare
     *     this one
     */
    Dataset input(String name);

    /** @return the names of the inputs this transform reads */
    Set<String> inputNames();

    /** @return the definition of the output dataset this transform builds */
    DatasetSpec output();

    /** @return the allocator for batches the transform creates; closed after the run */
    BufferAllocator allocator();

    /** @return the run's clock; use it instead of the system clock so tests can fix time */
    Clock clock();
}
