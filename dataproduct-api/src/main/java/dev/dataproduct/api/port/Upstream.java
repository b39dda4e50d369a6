package dev.dataproduct.api.port;

import java.util.Objects;

/**
 * The product an input port reads, as its descriptor records it: the product's id and the
 * contract, with its version, that the input expects. An ODPS document writes it as the input
 * port's {@code contractId} and {@code version}.
 *
 * @param productId the id of the product read: its address, or the id of its ODPS document
 * @param contractId the id of the contract read; the product id where the product names no contract
 * @param version the version of that contract (or of the product) expected
 */
public record Upstream(String productId, String contractId, String version) {
    /** Validates the components: none may be blank. */
    public Upstream {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(contractId, "contractId");
        Objects.requireNonNull(version, "version");
        if (productId.isBlank() || contractId.isBlank() || version.isBlank()) {
            throw new IllegalArgumentException("an upstream needs a product id, a contract id and a version");
        }
    }
}
