package dev.dataproduct.api.product;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The permanent address of a product: {@code urn:dataproduct:<domain>:<name>:v<major>}. It stays
 * the same across minor and patch versions; each dataset and port has an address under it.
 *
 * <pre>{@code
 * ProductAddress a = new ProductAddress("retail", "historical-purchases", 1);
 * a.urn();                   // urn:dataproduct:retail:historical-purchases:v1
 * a.dataset("purchases");    // urn:dataproduct:retail:historical-purchases:v1:dataset:purchases
 * a.port("files");           // urn:dataproduct:retail:historical-purchases:v1:port:files
 * }</pre>
 *
 * @param domain the domain that owns the product
 * @param name the product name
 * @param major the major version
 */
public record ProductAddress(String domain, String name, int major) {
    /** The prefix of every product address. */
    public static final String PREFIX = "urn:dataproduct:";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern FORMAT = Pattern.compile(
            "urn:dataproduct:([a-z][a-z0-9-]*):([a-z][a-z0-9-]*):v(\\d{1,9})");

    /** Validates the components: domain and name are lower-case words joined by {@code -}. */
    public ProductAddress {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(domain).matches() || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("domain '" + domain + "' and name '" + name + "' must be lower-case "
                    + "letters, digits and '-', starting with a letter");
        }
        if (major < 0) {
            throw new IllegalArgumentException("major version must not be negative");
        }
    }

    /**
     * @param urn an address such as {@code urn:dataproduct:retail:historical-purchases:v1}
     * @return the address
     * @throws IllegalArgumentException if the text is not a product address
     */
    public static ProductAddress parse(String urn) {
        Matcher m = FORMAT.matcher(Objects.requireNonNull(urn, "urn"));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + urn + "' is not a product address "
                    + "urn:dataproduct:<domain>:<name>:v<major>");
        }
        return new ProductAddress(m.group(1), m.group(2), Integer.parseInt(m.group(3)));
    }

    /** @return the address as a URN */
    public String urn() {
        return PREFIX + domain + ":" + name + ":v" + major;
    }

    /**
     * @param dataset a dataset name
     * @return the address of that dataset of the product
     */
    public String dataset(String dataset) {
        return urn() + ":dataset:" + dataset;
    }

    /**
     * @param port a port name
     * @return the address of that port of the product
     */
    public String port(String port) {
        return urn() + ":port:" + port;
    }

    @Override
    public String toString() {
        return urn();
    }
}
