package dev.dataproduct.core.runtime;

import dev.dataproduct.api.error.PortException;

/**
 * A delivery port the product declared required failed to deliver the snapshot a run committed.
 * The snapshot stays committed and current: readers and serving ports see it, and
 * {@link ProductRuntime#redeliver} gives it to the port again once the port works. The run's
 * result, with every port's outcome, is {@link #result()}.
 */
public final class DeliveryException extends PortException {
    private static final long serialVersionUID = 1L;

    /** A result is not serializable: a deserialized exception has none. */
    private final transient RunResult result;

    DeliveryException(RunResult result) {
        super(message(result));
        this.result = result;
    }

    /** @return the result of the run, whose status is {@link RunResult.Status#FAILED} */
    public RunResult result() {
        return result;
    }

    private static String message(RunResult result) {
        StringBuilder sb = new StringBuilder("snapshot ").append(result.snapshot().id()).append(" of ")
                .append(result.productAddress()).append(" is committed, but required delivery ports failed: ");
        boolean first = true;
        for (PortOutcome o : result.deliveries()) {
            if (o.required() && o.failed()) {
                sb.append(first ? "" : "; ").append('\'').append(o.port()).append("': ").append(o.error().orElseThrow());
                first = false;
            }
        }
        return sb.append(". Fix the port and call ProductRuntime.redeliver(product, \"")
                .append(result.snapshot().id()).append("\", port)").toString();
    }
}
