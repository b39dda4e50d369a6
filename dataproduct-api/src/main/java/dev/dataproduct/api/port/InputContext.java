package dev.dataproduct.api.port;

import dev.dataproduct.api.quarantine.RejectSink;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What an input port receives when it is opened for a run.
 *
 * <p>A port that reads a source with positions (a stream's offsets) gets back, as
 * {@code committedPosition}, what its {@link InputPort#position()} said in the run that committed
 * the product's current snapshot, and reads on from there: the position is stored in that
 * snapshot's manifest, so a run that crashes before its commit is read again whole by the next, and
 * nothing is read twice once committed.
 *
 * @param allocator the allocator for batches the port creates; the runtime closes it after the run
 * @param clock the run's clock
 * @param rejects where rows go that can be read but not converted
 * @param committedPosition the port's position as of the current snapshot; empty for the first run,
 *     or a port that keeps none
 */
public record InputContext(BufferAllocator allocator, Clock clock, RejectSink rejects,
                           Map<String, String> committedPosition) {
    /** Validates the components. */
    public InputContext {
        java.util.Objects.requireNonNull(allocator, "allocator");
        java.util.Objects.requireNonNull(clock, "clock");
        java.util.Objects.requireNonNull(rejects, "rejects");
        committedPosition = Collections.unmodifiableMap(new TreeMap<>(committedPosition));
    }

    /**
     * A context with no committed position, as for the first run.
     *
     * @param allocator the allocator for batches the port creates
     * @param clock the run's clock
     * @param rejects where rows go that can be read but not converted
     */
    public InputContext(BufferAllocator allocator, Clock clock, RejectSink rejects) {
        this(allocator, clock, rejects, Map.of());
    }
}
