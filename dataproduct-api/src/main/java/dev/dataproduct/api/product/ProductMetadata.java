package dev.dataproduct.api.product;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a product says about itself: identity, ownership, meaning and promises.
 *
 * @param name the product name, lower-case words joined by {@code -}
 * @param domain the owning domain, lower-case words joined by {@code -}
 * @param version the product's semantic version
 * @param owner the accountable person
 * @param purpose what the product is for, in one or two sentences (at most 300 characters)
 * @param description a longer description; empty if none
 * @param alignment what the product is aligned to
 * @param kind foundational, or derived by a pattern
 * @param qualityTier the quality promised
 * @param supportTier the support promised
 * @param status where the product is in its life
 * @param tags free keywords for discovery
 * @param links links to documentation and tools
 */
public record ProductMetadata(String name, String domain, SemanticVersion version, Owner owner, String purpose,
                              String description, Alignment alignment, ProductKind kind, QualityTier qualityTier,
                              SupportTier supportTier, ProductStatus status, Set<String> tags, List<Link> links) {

    /** The longest purpose accepted, in characters. */
    public static final int MAX_PURPOSE_LENGTH = 300;

    /** Validates and copies the components. */
    public ProductMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(alignment, "alignment");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(qualityTier, "qualityTier");
        Objects.requireNonNull(supportTier, "supportTier");
        Objects.requireNonNull(status, "status");
        tags = Set.copyOf(tags);
        links = List.copyOf(links);
    }

    /** @return the product's permanent address */
    public ProductAddress address() {
        return new ProductAddress(domain, name, version.major());
    }
}
