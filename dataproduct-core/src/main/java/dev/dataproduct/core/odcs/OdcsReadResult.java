package dev.dataproduct.core.odcs;

import dev.dataproduct.api.contract.DataContract;
import java.util.List;
import java.util.Objects;

/**
 * A contract read from an ODCS document, with what the reader warned about: keys the standard does
 * not define (each with the nearest key it does define, for a likely misspelling), which were kept
 * as extensions and will be written back.
 *
 * @param contract the contract
 * @param warnings one message per warning, each with its path and line, in document order
 */
public record OdcsReadResult(DataContract contract, List<String> warnings) {
    /** Copies the warnings. */
    public OdcsReadResult {
        Objects.requireNonNull(contract, "contract");
        warnings = List.copyOf(warnings);
    }
}
