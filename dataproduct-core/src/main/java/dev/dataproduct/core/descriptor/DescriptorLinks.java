package dev.dataproduct.core.descriptor;

import dev.dataproduct.api.contract.CustomProperty;
import dev.dataproduct.api.contract.DataContract;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.ProductAddress;
import java.util.Optional;

/**
 * How a product's three documents name one another by stable id and version, so that a consumer
 * holding any one finds the other two:
 * <ul>
 *   <li><b>ODPS descriptor → contract</b>: each output port's {@code contractId} and
 *       {@code version}, and the custom property {@code outputContract} ({@code id},
 *       {@code version}) even when no port serves the datasets yet;</li>
 *   <li><b>ODCS contract → product</b>: {@code dataProduct} holds the product's name, as ODCS
 *       defines it, and the custom property {@code dataProductId} its address, which is the ODPS
 *       document's {@code id}; the contract's {@code version} is the product's;</li>
 *   <li><b>OpenAPI document</b> (not written yet; this fixes its links in advance): its id is
 *       {@link #openApiId the product address followed by {@code :openapi}}, its
 *       {@code info.version} the product's version, and {@code info} carries
 *       {@code x-dataproduct-id} (the product address) and {@code x-data-contract} ({@code id},
 *       {@code version}); the ODPS descriptor names it with a management port named
 *       {@value #OPENAPI_PORT}, content {@code discoverability}, type {@code rest}, whose
 *       {@code url} is where the REST port serves the document.</li>
 * </ul>
 */
public final class DescriptorLinks {
    /** The name of the ODPS management port that leads to the product's OpenAPI document. */
    public static final String OPENAPI_PORT = "openapi";

    private DescriptorLinks() {
    }

    /**
     * @param productAddress a product's address, such as {@code urn:dataproduct:retail:purchases:v1}
     * @return the id of the product's OpenAPI document, such as {@code urn:dataproduct:retail:purchases:v1:openapi}
     * @throws IllegalArgumentException if the text is not a product address
     */
    public static String openApiId(String productAddress) {
        return ProductAddress.parse(productAddress).urn() + ":" + OPENAPI_PORT;
    }

    /**
     * @param contract a contract
     * @return the address of the product that publishes under it, if the contract names one
     *     (custom property {@value DataProduct#PRODUCT_ID_PROPERTY})
     */
    public static Optional<String> productIdOf(DataContract contract) {
        return contract.customProperties().stream()
                .filter(c -> DataProduct.PRODUCT_ID_PROPERTY.equals(c.property()))
                .map(CustomProperty::value)
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .findFirst();
    }
}
