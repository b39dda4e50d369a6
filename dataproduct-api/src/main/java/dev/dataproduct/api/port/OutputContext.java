package dev.dataproduct.api.port;

import java.time.Clock;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What an output port receives when it is opened.
 *
 * @param productAddress the address of the product the port serves
 * @param allocator the allocator for memory the port needs while publishing
 * @param clock the run's clock
 */
public record OutputContext(String productAddress, BufferAllocator allocator, Clock clock) {
    /** Validates the components. */
    public OutputContext {
        java.util.Objects.requireNonNull(productAddress, "productAddress");
        java.util.Objects.requireNonNull(allocator, "allocator");
        java.util.Objects.requireNonNull(clock, "clock");
    }
}
