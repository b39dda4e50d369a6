package dev.dataproduct.api.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProductAddressTest {

    private final ProductAddress address = new ProductAddress("retail", "historical-purchases", 1);

    @Test
    void givesTheUrnOfTheProductAndOfItsDatasetsAndPorts() {
        assertEquals("urn:dataproduct:retail:historical-purchases:v1", address.urn());
        assertEquals("urn:dataproduct:retail:historical-purchases:v1", address.toString());
        assertEquals("urn:dataproduct:retail:historical-purchases:v1:dataset:purchases", address.dataset("purchases"));
        assertEquals("urn:dataproduct:retail:historical-purchases:v1:port:files", address.port("files"));
        assertTrue(address.urn().startsWith(ProductAddress.PREFIX));
    }

    @Test
    void parsesItsOwnUrnBack() {
        assertEquals(address, ProductAddress.parse(address.urn()));
        ProductAddress big = new ProductAddress("a1-b", "c2", 123456789);
        assertEquals(big, ProductAddress.parse(big.urn()));
        assertEquals(0, ProductAddress.parse("urn:dataproduct:d:n:v0").major());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "urn:dataproduct:retail:historical-purchases", "urn:dataproduct:retail:x:1",
            "urn:dp:retail:x:v1", "urn:dataproduct:Retail:x:v1", "urn:dataproduct:retail:x_y:v1",
            "urn:dataproduct:retail:x:v1:dataset:purchases", "urn:dataproduct:1retail:x:v1",
            "urn:dataproduct:retail:x:v-1", "urn:dataproduct:retail:x:v1234567890"})
    void parseRejectsTextThatIsNotAProductAddress(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProductAddress.parse(text));
        assertEquals("'" + text + "' is not a product address urn:dataproduct:<domain>:<name>:v<major>",
                e.getMessage());
    }

    @Test
    void rejectsANegativeMajorVersionAndMissingParts() {
        assertThrows(IllegalArgumentException.class, () -> new ProductAddress("d", "n", -1));
        assertThrows(NullPointerException.class, () -> new ProductAddress(null, "n", 1));
        assertThrows(NullPointerException.class, () -> new ProductAddress("d", null, 1));
        assertThrows(NullPointerException.class, () -> ProductAddress.parse(null));
    }
}
