package dev.dataproduct.api.descriptor;

/**
 * A port as a product descriptor lists it.
 *
 * @param name the port name
 * @param address the port's permanent address under the product's
 * @param kind the kind of port, such as {@code file}
 * @param format the data format, such as {@code arrow-ipc}
 * @param location where it reads or writes; empty if nowhere fixed
 */
public record PortEntry(String name, String address, String kind, String format, String location) {
    /** Validates the components; a {@code null} location is taken as empty. */
    public PortEntry {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(address, "address");
        kind = kind == null ? "" : kind;
        format = format == null ? "" : format;
        location = location == null ? "" : location;
    }
}
