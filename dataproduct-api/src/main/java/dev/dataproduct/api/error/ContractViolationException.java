package dev.dataproduct.api.error;

/**
 * Data or a definition breaks a contract in a way that cannot be handled by quarantining rows,
 * for example a transform that emits a batch without a column the contract requires.
 */
public class ContractViolationException extends DataProductException {
    private static final long serialVersionUID = 1L;

    /** @param message what was violated, where, and what to do */
    public ContractViolationException(String message) {
        super(message);
    }
}
