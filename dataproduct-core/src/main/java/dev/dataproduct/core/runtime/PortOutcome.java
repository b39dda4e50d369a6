package dev.dataproduct.core.runtime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one delivery port did with one committed snapshot.
 *
 * @param port the port's name
 * @param required whether the product declared the port required, so that its failure fails the run
 * @param audience the id of the principal the port delivers for
 * @param status delivered or failed
 * @param delivered the datasets handed to the port, in the product's order
 * @param withheld the datasets of the snapshot its audience may not read, which the port was not given
 * @param error why the delivery failed; empty if it did not
 */
public record PortOutcome(String port, boolean required, String audience, Status status, List<String> delivered,
                          List<String> withheld, Optional<String> error) {

    /** How a delivery ended. */
    public enum Status {
        /** The port took the snapshot without failing. */
        DELIVERED,
        /** The port failed, or its audience may read none of the datasets; it can be redelivered. */
        FAILED
    }

    /** Validates and copies the components. */
    public PortOutcome {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(status, "status");
        delivered = List.copyOf(delivered);
        withheld = List.copyOf(withheld);
        Objects.requireNonNull(error, "error");
        if ((status == Status.FAILED) != error.isPresent()) {
            throw new IllegalArgumentException("a failed delivery, and only a failed one, has an error");
        }
    }

    /** @return whether the port failed */
    public boolean failed() {
        return status == Status.FAILED;
    }
}
