package dev.dataproduct.api.port;

import dev.dataproduct.api.quarantine.RejectSink;
import java.time.Clock;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What an input port receives when it is opened for a run.
 *
 * @param allocator the allocator for batches the port creates; the runtime closes it after the run
 * @param clock the run's clock
 * @param rejects where rows go that can be read but not converted
 */
public record InputContext(BufferAllocator allocator, Clock clock, RejectSink rejects) {
    /** Validates the components. */
    public InputContext {
        java.util.Objects.requireNonNull(allocator, "allocator");
        java.util.Objects.requireNonNull(clock, "clock");
        java.util.Objects.requireNonNull(rejects, "rejects");
    }
}
