package dev.dataproduct.api.access;

import dev.dataproduct.api.expr.Expr;
import dev.dataproduct.api.product.ProductAddress;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A data sharing agreement: a consumer (a principal, or a product reading as the principal named
 * by its address) registered with a purpose, the datasets it reads, until when, and what of them
 * it sees. While the agreement runs, the reader adds its grant to the dataset's policy for that
 * consumer alone; once it has expired, the grant is gone, and a consumer no other grant is for is
 * denied.
 *
 * <pre>{@code
 * SharingAgreement survey = SharingAgreement.forPrincipal("survey-team@district.example")
 *     .purpose("Annual enrollment survey")
 *     .datasets("students")
 *     .expires(Instant.parse("2027-06-30T00:00:00Z"))
 *     .columns("student_id", "grade", "school_id")
 *     .rows(Expr.col("grade").ge(9))
 *     .build();
 * }</pre>
 *
 * @param consumer the consumer's principal id; a product's is its address URN
 * @param purpose what the consumer reads for
 * @param datasets the datasets it reads
 * @param expires the instant the agreement ends; reads at or after it are not granted by it
 * @param grant what the consumer sees of those datasets: a grant for the consumer alone, whose
 *     name says it comes from an agreement; never published
 */
public record SharingAgreement(String consumer, String purpose, Set<String> datasets, Instant expires, Grant grant) {

    /** Validates and copies the components. */
    public SharingAgreement {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(grant, "grant");
        if (consumer.isBlank() || purpose.isBlank()) {
            throw new IllegalArgumentException("a sharing agreement needs a consumer and a purpose");
        }
        datasets = Set.copyOf(datasets);
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("the sharing agreement of '" + consumer + "' names no dataset; "
                    + "call datasets(...)");
        }
        if (!grant.audience().equals(Audience.principal(consumer))) {
            throw new IllegalArgumentException("the grant of the sharing agreement of '" + consumer
                    + "' must be for that consumer alone");
        }
    }

    /**
     * @param id the principal id of the consumer
     * @return a builder
     */
    public static Builder forPrincipal(String id) {
        return new Builder(id);
    }

    /**
     * @param product the consuming product, which reads as the principal named by its address
     * @return a builder
     */
    public static Builder forProduct(ProductAddress product) {
        return new Builder(product.urn());
    }

    /**
     * @param at an instant
     * @return whether the agreement still runs then
     */
    public boolean activeAt(Instant at) {
        return at.isBefore(expires);
    }

    /** Builds a {@link SharingAgreement}; what the consumer sees is built as a {@link Grant}. */
    public static final class Builder {
        private final String consumer;
        private String purpose = "";
        private final Set<String> datasets = new LinkedHashSet<>();
        private Instant expires;
        private final Grant.Builder grant;
        private boolean someColumns;

        private Builder(String consumer) {
            this.consumer = Objects.requireNonNull(consumer, "consumer");
            this.grant = Grant.to(Audience.principal(consumer)).named("sharing agreement of '" + consumer + "'");
        }

        /** @param text what the consumer reads for @return this builder */
        public Builder purpose(String text) {
            this.purpose = Objects.requireNonNull(text, "purpose");
            return this;
        }

        /** @param names the datasets read @return this builder */
        public Builder datasets(String... names) {
            datasets.addAll(Arrays.asList(names));
            return this;
        }

        /** @param value when the agreement ends @return this builder */
        public Builder expires(Instant value) {
            this.expires = Objects.requireNonNull(value, "expires");
            return this;
        }

        /** @param filter the rows the consumer may read, as {@link Grant.Builder#rows} @return this builder */
        public Builder rows(Expr filter) {
            grant.rows(filter);
            return this;
        }

        /** @param names the columns the consumer may read; all if never called @return this builder */
        public Builder columns(String... names) {
            grant.columns(names);
            someColumns = true;
            return this;
        }

        /**
         * @param target the fields
         * @param mask how the consumer sees them, as {@link Grant.Builder#mask}
         * @return this builder
         */
        public Builder mask(Target target, Mask mask) {
            grant.mask(target, mask);
            return this;
        }

        /**
         * @return the agreement
         * @throws IllegalArgumentException without a purpose, a dataset, or an expiry
         */
        public SharingAgreement build() {
            if (expires == null) {
                throw new IllegalArgumentException("the sharing agreement of '" + consumer + "' has no expiry; "
                        + "call expires(...)");
            }
            if (!someColumns) {
                grant.allColumns();
            }
            return new SharingAgreement(consumer, purpose, datasets, expires, grant.build());
        }
    }
}
