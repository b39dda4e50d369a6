package dev.dataproduct.api.quality;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A metric written in Java, computed in the same single pass as the built-in ones. Its state must
 * be mergeable, so that the engine can compute it per batch, on several cores and across runs.
 *
 * <pre>{@code
 * CustomMetric<long[]> evenQuantities = new CustomMetric<>() {
 *     public long[] newState() { return new long[1]; }
 *     public void update(long[] s, VectorSchemaRoot batch) { ... s[0] += ...; }
 *     public long[] merge(long[] a, long[] b) { return new long[] {a[0] + b[0]}; }
 *     public double value(long[] s) { return s[0]; }
 * };
 * }</pre>
 *
 * @param <S> the state
 */
public interface CustomMetric<S> {
    /** @return an empty state */
    S newState();

    /**
     * Folds a batch into a state.
     *
     * @param state the state
     * @param batch the batch; read it during the call only
     */
    void update(S state, VectorSchemaRoot batch);

    /**
     * @param a a state
     * @param b another state
     * @return the state of both, as if their batches had been folded into one
     */
    S merge(S a, S b);

    /**
     * @param state a state
     * @return the metric's value
     */
    double value(S state);
}
