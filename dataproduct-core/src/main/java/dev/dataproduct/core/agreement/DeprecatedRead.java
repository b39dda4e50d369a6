package dev.dataproduct.core.agreement;

import dev.dataproduct.api.access.SharingAgreement;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A consumer that read a deprecated contract version of a product: who, which version, when
 * last, and under which agreement (none for a reader with a grant of the product's own policy).
 *
 * @param consumer the reader's principal id
 * @param version the deprecated contract version it read
 * @param lastRead when it last read it
 * @param agreement the consumer's agreement with the product, if it has one
 */
public record DeprecatedRead(String consumer, String version, Instant lastRead, Optional<SharingAgreement> agreement) {
    /** Validates the components. */
    public DeprecatedRead {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(lastRead, "lastRead");
        Objects.requireNonNull(agreement, "agreement");
    }
}
