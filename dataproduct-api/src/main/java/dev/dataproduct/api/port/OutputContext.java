package dev.dataproduct.api.port;

import dev.dataproduct.api.contract.DataContract;
import java.time.Clock;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What an output port receives when it is opened.
 *
 * @param productAddress the address of the product the port serves
 * @param allocator the allocator for memory the port needs while publishing
 * @param clock the run's clock
 * @param contract the contract of the product the port delivers, for ports that tell or check it
 *     where they deliver (a topic's schema); empty where the caller has none
 */
public record OutputContext(String productAddress, BufferAllocator allocator, Clock clock,
                            Optional<DataContract> contract) {
    /** Validates the components. */
    public OutputContext {
        java.util.Objects.requireNonNull(productAddress, "productAddress");
        java.util.Objects.requireNonNull(allocator, "allocator");
        java.util.Objects.requireNonNull(clock, "clock");
        java.util.Objects.requireNonNull(contract, "contract");
    }

    /**
     * A context without the product's contract.
     *
     * @param productAddress the address of the product the port serves
     * @param allocator the allocator for memory the port needs while publishing
     * @param clock the run's clock
     */
    public OutputContext(String productAddress, BufferAllocator allocator, Clock clock) {
        this(productAddress, allocator, clock, Optional.empty());
    }
}
