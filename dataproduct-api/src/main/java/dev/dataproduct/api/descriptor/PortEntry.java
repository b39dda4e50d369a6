package dev.dataproduct.api.descriptor;

/**
 * A port as a product descriptor lists it.
 *
 * <p>{@code contractId} and {@code version} link the port to a contract, as ODPS
 * {@code inputPorts[]} and {@code outputPorts[]} do: an output port names the contract it serves
 * under and that contract's version; an input port that reads another product names the contract
 * (or, where that product declares none, the product id) it reads and the version it expects. Both
 * are empty for an input port that reads files, memory or a stream.
 *
 * @param name the port name
 * @param address the port's permanent address under the product's
 * @param kind the kind of port, such as {@code file}
 * @param format the data format, such as {@code arrow-ipc}
 * @param location where it reads or writes; empty if nowhere fixed
 * @param contractId the id of the contract the port serves or reads; empty if none
 * @param version the version of that contract; empty if none
 */
public record PortEntry(String name, String address, String kind, String format, String location, String contractId,
                        String version) {
    /** Validates the components; a {@code null} kind, format, location, contract id or version is taken as empty. */
    public PortEntry {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(address, "address");
        kind = kind == null ? "" : kind;
        format = format == null ? "" : format;
        location = location == null ? "" : location;
        contractId = contractId == null ? "" : contractId;
        version = version == null ? "" : version;
    }

    /**
     * A port linked to no contract.
     *
     * @param name the port name
     * @param address the port's permanent address under the product's
     * @param kind the kind of port, such as {@code file}
     * @param format the data format, such as {@code arrow-ipc}
     * @param location where it reads or writes; empty if nowhere fixed
     */
    public PortEntry(String name, String address, String kind, String format, String location) {
        this(name, address, kind, format, location, "", "");
    }
}
