package dev.dataproduct.api.product;

import java.net.URI;
import java.util.Objects;

/**
 * A link to something about the product: documentation, a dashboard, the source repository.
 *
 * @param title what the link leads to
 * @param href where it leads
 */
public record Link(String title, URI href) {
    /** Validates the components. */
    public Link {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(href, "href");
    }

    /**
     * @param title what the link leads to
     * @param href where it leads
     * @return the link
     * @throws IllegalArgumentException if {@code href} is not a URI
     */
    public static Link of(String title, String href) {
        return new Link(title, URI.create(href));
    }
}
