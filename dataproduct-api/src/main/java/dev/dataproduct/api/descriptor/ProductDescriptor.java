package dev.dataproduct.api.descriptor;

import dev.dataproduct.api.product.Alignment;
import dev.dataproduct.api.product.Link;
import dev.dataproduct.api.product.ManagementPort;
import dev.dataproduct.api.product.Owner;
import dev.dataproduct.api.product.ProductStatus;
import dev.dataproduct.api.product.QualityTier;
import java.util.List;
import java.util.Objects;

/**
 * How a product describes itself to people and machines: metadata, address, datasets with their
 * fields, and ports. Produced by {@link dev.dataproduct.api.product.DataProduct#describe()}; the
 * core runtime writes it as JSON or YAML and reads it back equal, and writes and reads it as an
 * ODPS document. Read from an ODPS document another tool wrote, it is a view in which SDK metadata
 * the document lacks (alignment, tiers, owner, an SDK address, a version) takes documented defaults.
 *
 * @param address the product's permanent address
 * @param name the product name
 * @param domain the owning domain
 * @param version the semantic version
 * @param owner the accountable person
 * @param purpose what the product is for
 * @param description a longer description; empty if none
 * @param alignment what the product is aligned to
 * @param kind {@code foundational} or {@code derived}
 * @param pattern how a derived product is derived ({@code restricted}, {@code composite},
 *     {@code metric}, {@code feature}); empty for a foundational one
 * @param qualityTier the quality promised
 * @param supportTier the support promised, 1 (most) to 4 (best effort)
 * @param status where the product is in its life
 * @param tags keywords for discovery, sorted
 * @param links links to documentation and tools
 * @param datasets the output datasets
 * @param inputPorts the input ports
 * @param outputPorts the output ports
 * @param managementPorts the ports for managing and observing the product
 * @param access the access a consumer can request: roles the product's policies grant, by name
 */
public record ProductDescriptor(String address, String name, String domain, String version, Owner owner,
                                String purpose, String description, Alignment alignment, String kind, String pattern,
                                QualityTier qualityTier, int supportTier, ProductStatus status, List<String> tags,
                                List<Link> links, List<DatasetDescriptor> datasets, List<PortEntry> inputPorts,
                                List<PortEntry> outputPorts, List<ManagementPort> managementPorts,
                                List<AccessOption> access) {

    /**
     * Validates and copies the components. A {@code null} description, pattern or list is taken
     * as empty (as when read from a document that omits it).
     */
    public ProductDescriptor {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(alignment, "alignment");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(qualityTier, "qualityTier");
        Objects.requireNonNull(status, "status");
        description = description == null ? "" : description;
        pattern = pattern == null ? "" : pattern;
        tags = tags == null ? List.of() : List.copyOf(tags);
        links = links == null ? List.of() : List.copyOf(links);
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
        inputPorts = inputPorts == null ? List.of() : List.copyOf(inputPorts);
        outputPorts = outputPorts == null ? List.of() : List.copyOf(outputPorts);
        managementPorts = managementPorts == null ? List.of() : List.copyOf(managementPorts);
        access = access == null ? List.of() : List.copyOf(access);
    }

    /**
     * A descriptor that lists no access to request, as one read from a document without it.
     *
     * @param address the product's permanent address
     * @param name the product name
     * @param domain the owning domain
     * @param version the semantic version
     * @param owner the accountable person
     * @param purpose what the product is for
     * @param description a longer description; empty if none
     * @param alignment what the product is aligned to
     * @param kind {@code foundational} or {@code derived}
     * @param pattern how a derived product is derived; empty for a foundational one
     * @param qualityTier the quality promised
     * @param supportTier the support promised, 1 (most) to 4 (best effort)
     * @param status where the product is in its life
     * @param tags keywords for discovery, sorted
     * @param links links to documentation and tools
     * @param datasets the output datasets
     * @param inputPorts the input ports
     * @param outputPorts the output ports
     * @param managementPorts the ports for managing and observing the product
     */
    public ProductDescriptor(String address, String name, String domain, String version, Owner owner,
                             String purpose, String description, Alignment alignment, String kind, String pattern,
                             QualityTier qualityTier, int supportTier, ProductStatus status, List<String> tags,
                             List<Link> links, List<DatasetDescriptor> datasets, List<PortEntry> inputPorts,
                             List<PortEntry> outputPorts, List<ManagementPort> managementPorts) {
        this(address, name, domain, version, owner, purpose, description, alignment, kind, pattern, qualityTier,
                supportTier, status, tags, links, datasets, inputPorts, outputPorts, managementPorts, List.of());
    }
}
