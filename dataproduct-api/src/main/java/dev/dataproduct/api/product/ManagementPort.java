package dev.dataproduct.api.product;

import java.util.Objects;

/**
 * A port for managing or observing a product rather than reading its data: where its dictionary,
 * its observability data or its control plane is (ODPS {@code managementPorts}).
 *
 * @param name the port name, unique within the product
 * @param content what it offers: {@code discoverability}, {@code observability}, {@code control} or
 *     {@code dictionary}
 * @param type how it is reached, such as {@code rest} or {@code topic}
 * @param url where it is; empty if it has no URL
 * @param description what it is for; empty if none
 */
public record ManagementPort(String name, String content, String type, String url, String description) {
    /** Validates the components; absent text is empty. */
    public ManagementPort {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(content, "content");
        type = type == null ? "" : type;
        url = url == null ? "" : url;
        description = description == null ? "" : description;
        if (name.isBlank()) {
            throw new IllegalArgumentException("a management port needs a name");
        }
    }
}
