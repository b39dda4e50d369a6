package dev.dataproduct.core.runtime;

import dev.dataproduct.api.error.DataProductException;
import java.util.List;

/**
 * A run was refused before any work: an input reads a product the run was not given, an
 * upstream contract does not meet the product's expectations, an upstream policy does not let the
 * product's principal read, or the snapshot asked for is not there. Nothing was read and no
 * snapshot was committed; the previous snapshot stays current.
 */
public class RunRefusedException extends DataProductException {
    private static final long serialVersionUID = 1L;

    private final String product;
    private final List<String> reasons;

    /**
     * @param product the address of the product refused
     * @param reasons every reason, each naming the input concerned
     */
    public RunRefusedException(String product, List<String> reasons) {
        super(message(product, reasons));
        this.product = product;
        this.reasons = List.copyOf(reasons);
    }

    private static String message(String product, List<String> reasons) {
        StringBuilder sb = new StringBuilder(product + ": the run was refused before any work, nothing was read or "
                + "committed:");
        reasons.forEach(r -> sb.append(System.lineSeparator()).append("  - ").append(r));
        return sb.toString();
    }

    /** @return the address of the product refused */
    public String product() {
        return product;
    }

    /** @return why, one reason per problem found */
    public List<String> reasons() {
        return reasons;
    }
}
