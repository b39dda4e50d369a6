package dev.dataproduct.ports.http.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dataproduct.api.descriptor.ProductDescriptor;
import dev.dataproduct.api.product.DataProduct;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.schema.Classification;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogQueryTest {
    static final ProductDescriptor PURCHASES = DataProduct.builder("purchases").domain("retail").version("1.0.0")
            .owner(Owner.person("Ana Ruiz", "ana@example.com")).purpose("Historical purchases per customer.")
            .tags("sales")
            .output(DatasetSpec.named("purchases").field("sku", LogicalType.STRING, f -> f.description("Stock unit"))
                    .field("email", LogicalType.STRING, f -> f.classification(Classification.RESTRICTED)))
            .transform(ctx -> ctx.input("x"))
            .build().describe();

    @Test
    void readsEveryParameterDecoded() {
        CatalogQuery q = CatalogQuery.parse("q=stock+unit&domain=retail&owner=ana%40example.com&tag=sales&field=sku"
                + "&classification=restricted&status=draft");
        assertEquals(Optional.of("stock unit"), q.text());
        assertEquals(Optional.of("ana@example.com"), q.owner());
        assertTrue(q.matches(PURCHASES));
    }

    @Test
    void needsEveryCriterionGiven() {
        assertFalse(CatalogQuery.parse("domain=retail&tag=finance").matches(PURCHASES));
        assertFalse(CatalogQuery.parse("q=stock+nothing").matches(PURCHASES));
        assertFalse(CatalogQuery.parse("classification=confidential").matches(PURCHASES));
        assertTrue(CatalogQuery.parse("domain=&q=").matches(PURCHASES), "blank criteria are none");
        assertTrue(CatalogQuery.ALL.matches(PURCHASES));
    }

    @Test
    void refusesUnknownRepeatedOrBadlyEncodedParameters() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CatalogQuery.parse("colour=red"))
                .getMessage().contains("'colour'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CatalogQuery.parse("q=a&q=b"))
                .getMessage().contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CatalogQuery.parse("q=%zz"))
                .getMessage().contains("percent-encoded"));
    }
}
