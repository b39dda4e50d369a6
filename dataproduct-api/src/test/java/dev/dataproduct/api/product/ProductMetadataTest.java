package dev.dataproduct.api.product;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProductMetadataTest {

    @Test
    void supportTierLevelsRunFromOneToFour() {
        for (int level = 1; level <= 4; level++) {
            assertEquals(level, SupportTier.of(level).level());
        }
        assertEquals(SupportTier.TIER_1, SupportTier.of(1));
        for (int bad : new int[] {0, 5, -1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SupportTier.of(bad));
            assertEquals("support tier must be 1 to 4, not " + bad, e.getMessage());
        }
    }

    @Test
    void productKindSaysWhetherAndHowItIsDerived() {
        assertFalse(ProductKind.FOUNDATIONAL.isDerived());
        assertEquals("foundational", ProductKind.FOUNDATIONAL.toString());
        ProductKind metric = ProductKind.derived(DerivedPattern.METRIC);
        assertTrue(metric.isDerived());
        assertEquals(Optional.of(DerivedPattern.METRIC), metric.pattern());
        assertEquals("derived (metric)", metric.toString());
        assertThrows(NullPointerException.class, () -> ProductKind.derived(null));
    }

    @Test
    void linkRejectsAnInvalidUri() {
        assertEquals(URI.create("https://example.com/a"), Link.of("docs", "https://example.com/a").href());
        assertThrows(IllegalArgumentException.class, () -> Link.of("docs", "a b"));
        assertThrows(NullPointerException.class, () -> Link.of(null, "https://example.com"));
    }

    @Test
    void metadataCopiesTagsAndLinksAndGivesTheAddress() {
        Set<String> tags = new HashSet<>(Set.of("a"));
        List<Link> links = new ArrayList<>();
        ProductMetadata m = new ProductMetadata("p", "d", SemanticVersion.parse("3.1.0"),
                Owner.person("Ana", "ana@example.com"), "P.", "", Alignment.CONSUMER, ProductKind.FOUNDATIONAL,
                QualityTier.SILVER, SupportTier.TIER_3, ProductStatus.DEPRECATED, tags, links);
        tags.add("b");
        links.add(Link.of("x", "https://example.com"));
        assertEquals(Set.of("a"), m.tags());
        assertEquals(List.of(), m.links());
        assertEquals(new ProductAddress("d", "p", 3), m.address());
        assertThrows(NullPointerException.class, () -> new ProductMetadata("p", "d", null,
                Owner.person("Ana", "ana@example.com"), "P.", "", Alignment.CONSUMER, ProductKind.FOUNDATIONAL,
                QualityTier.SILVER, SupportTier.TIER_3, ProductStatus.DEPRECATED, tags, links));
    }
}
