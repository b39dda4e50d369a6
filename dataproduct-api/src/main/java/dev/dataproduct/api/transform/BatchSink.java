package dev.dataproduct.api.transform;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Where a transform emits its output batches. The sink reads each batch during the call and does
 * not keep it: the caller still owns the batch and may reuse or close it afterwards.
 */
@FunctionalInterface
public interface BatchSink {
    /**
     * Emits one batch.
     *
     * @param batch a batch whose columns match the output dataset's schema by name
     * @throws dev.dataproduct.api.error.ContractViolationException if a required column is missing
     */
    void accept(VectorSchemaRoot batch);
}
