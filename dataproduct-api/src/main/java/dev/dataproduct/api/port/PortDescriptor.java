package dev.dataproduct.api.port;

import java.util.Objects;

/**
 * What a port is: its name within the product, its kind, the format it speaks and where it reads
 * or writes. The product gives each port an address under its own.
 *
 * @param name the port name, unique within the product
 * @param kind the kind of port, such as {@code file}, {@code sql}, {@code http}, {@code stream} or
 *     {@code memory}
 * @param format the data format, such as {@code arrow-ipc}, {@code csv} or {@code json}
 * @param location where the port reads or writes, such as a path or a URL; empty if nowhere fixed
 */
public record PortDescriptor(String name, String kind, String format, String location) {
    /** Validates the components. */
    public PortDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(location, "location");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a port name must not be blank");
        }
    }
}
