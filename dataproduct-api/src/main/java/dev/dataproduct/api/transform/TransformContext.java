package dev.dataproduct.api.transform;

import dev.dataproduct.api.data.BatchBuilder;
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

    /**
     * A builder of batches of the output dataset. In a run, a row with a value its column's type
     * cannot hold (an overflowing computed total) is not thrown but quarantined with the origin
     * given by {@link BatchBuilder#origin(String)}, and counted in the run's rows in and
     * quarantined rows; the run goes on.
     *
     * @return a new builder over {@link #output()}'s schema and {@link #allocator()}; the caller
     *     closes it. This default throws on such a value, like {@link BatchBuilder#create}.
     */
    default BatchBuilder batchBuilder() {
        return BatchBuilder.create(output().schema(), allocator());
    }

    /**
     * Joins inputs of the transform as a composite declares, in the runtime's hash join: each
     * declared cardinality is verified on the data before any row is output, rows of duplicated
     * keys are quarantined with the run's other quarantined rows (or the join refused) as declared,
     * and each join's {@link dev.dataproduct.api.join.JoinReport} is recorded in the run's result.
     *
     * @param composite the joins; every input it names must be an input of this transform
     * @return the joined rows, read once by the transform
     * @throws dev.dataproduct.api.error.InvalidDefinitionException if an input lacks a field of a
     *     key or its type differs, naming product, dataset and field, or if column names collide
     * @throws dev.dataproduct.api.error.DataProductException if a key is duplicated on a side
     *     declared "one" and the join refuses duplicates, or the build side exceeds its memory limit
     * @throws UnsupportedOperationException by default: joins need the runtime
     */
    default Dataset join(dev.dataproduct.api.join.Composite composite) {
        throw new UnsupportedOperationException("this transform context cannot join; run the product with "
                + "ProductRuntime, which joins composites");
    }
}
