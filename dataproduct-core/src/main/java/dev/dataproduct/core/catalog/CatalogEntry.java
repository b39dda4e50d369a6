package dev.dataproduct.core.catalog;

import dev.dataproduct.api.descriptor.ProductDescriptor;
import dev.dataproduct.core.odps.OdpsDocument;
import java.util.Objects;

/**
 * A product as the catalog knows it: its ODPS document (written by the SDK for a product defined
 * in Java, or as another tool wrote it) and where the entry came from.
 *
 * @param document the product's ODPS document, with its typed view
 * @param origin whether the product was defined with the SDK or only described by a document
 */
public record CatalogEntry(OdpsDocument document, Origin origin) {
    /** Where a catalog entry came from. */
    public enum Origin {
        /** A product defined in Java with the SDK. */
        SDK,
        /** A product known only from an ODPS document another tool wrote. */
        ODPS_DOCUMENT
    }

    /** Validates the components. */
    public CatalogEntry {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(origin, "origin");
    }

    /** @return the id the product's document gives it: its SDK address, or any string another tool chose */
    public String id() {
        return document.id();
    }

    /** @return the product's SDK address, derived for a document whose id is not one */
    public String address() {
        return document.descriptor().address();
    }

    /** @return the typed view of the product */
    public ProductDescriptor descriptor() {
        return document.descriptor();
    }
}
