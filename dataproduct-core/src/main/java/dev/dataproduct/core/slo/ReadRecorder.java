package dev.dataproduct.core.slo;

import dev.dataproduct.api.product.ProductAddress;

/**
 * What serving ports call after each read they answer, so that the availability of each port is
 * measured against the product's objectives. {@link ServiceLevels} is one; {@link #NONE} records
 * nothing.
 */
@FunctionalInterface
public interface ReadRecorder {
    /** Records nothing. */
    ReadRecorder NONE = (product, port, success) -> { };

    /**
     * Records one read. A read refused for lack of access is a success of the port: only reads the
     * port failed to answer (errors, timeouts) count against availability.
     *
     * @param product the product read
     * @param port the name of the output port that answered
     * @param success whether the port answered
     */
    void read(ProductAddress product, String port, boolean success);
}
