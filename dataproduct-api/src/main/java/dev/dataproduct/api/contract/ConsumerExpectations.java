package dev.dataproduct.api.contract;

import dev.dataproduct.api.schema.LogicalType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a consumer relies on in a provider's contract: fields with their types, a key, a
 * freshness, and quality thresholds. Checked against a provider's contract (by the core runtime's
 * expectation checker) in a unit test or at build time, so that a downstream product learns before
 * publication that an upstream change would break it.
 *
 * <pre>{@code
 * ConsumerExpectations dashboard = ConsumerExpectations.of("sales-dashboard", "purchases")
 *     .field("customer_id", LogicalType.STRING, true)
 *     .field("quantity", LogicalType.INT64, true)        // an int32 provider field is fine: it widens
 *     .key("purchase_id")
 *     .freshness(Duration.ofHours(24))
 *     .qualityAtMost("nullValues", "customer_id", BigDecimal.ZERO, "rows")
 *     .build();
 * }</pre>
 *
 * @param consumer who relies on the contract
 * @param object the schema object relied on
 * @param fields the fields relied on
 * @param key the primary key relied on, in order; empty if none
 * @param freshness the largest acceptable data latency; empty if none
 * @param quality the quality thresholds relied on
 */
public record ConsumerExpectations(String consumer, String object, List<FieldExpectation> fields, List<String> key,
                                   Optional<Duration> freshness, List<QualityExpectation> quality) {

    /** Validates and copies the components. */
    public ConsumerExpectations {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(object, "object");
        fields = List.copyOf(fields);
        key = List.copyOf(key);
        Objects.requireNonNull(freshness, "freshness");
        quality = List.copyOf(quality);
    }

    /**
     * A field a consumer reads.
     *
     * @param name the field name
     * @param type the type the consumer reads it as; a provider type that widens into it is fine
     * @param required whether the consumer needs a value in every row
     */
    public record FieldExpectation(String name, LogicalType type, boolean required) {
        /** Validates the components. */
        public FieldExpectation {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * A quality guarantee a consumer relies on: the provider's contract must have a library rule
     * with this metric on this property (or on the object when the property is empty) whose
     * threshold guarantees at most (or, for {@code rowCount}, at least) the given value, with
     * severity error.
     *
     * @param metric an ODCS library metric, such as {@code nullValues} or {@code rowCount}
     * @param property the property; empty for an object-level metric
     * @param limit the largest acceptable value (the smallest, for {@code rowCount})
     * @param unit {@code rows} or {@code percent}
     */
    public record QualityExpectation(String metric, String property, BigDecimal limit, String unit) {
        /** Validates the components. */
        public QualityExpectation {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(property, "property");
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(unit, "unit");
        }
    }

    /**
     * @param consumer who relies on the contract
     * @param object the schema object relied on
     * @return a builder
     */
    public static Builder of(String consumer, String object) {
        return new Builder(consumer, object);
    }

    /** Builds {@link ConsumerExpectations}. */
    public static final class Builder {
        private final String consumer;
        private final String object;
        private final List<FieldExpectation> fields = new ArrayList<>();
        private final List<String> key = new ArrayList<>();
        private Duration freshness;
        private final List<QualityExpectation> quality = new ArrayList<>();

        private Builder(String consumer, String object) {
            this.consumer = Objects.requireNonNull(consumer, "consumer");
            this.object = Objects.requireNonNull(object, "object");
        }

        /**
         * @param name a field the consumer reads
         * @param type the type it reads it as
         * @param required whether it needs a value in every row
         * @return this builder
         */
        public Builder field(String name, LogicalType type, boolean required) {
            fields.add(new FieldExpectation(name, type, required));
            return this;
        }

        /**
         * @param fieldNames the primary key relied on, in order
         * @return this builder
         */
        public Builder key(String... fieldNames) {
            key.addAll(List.of(fieldNames));
            return this;
        }

        /**
         * @param maxLatency the largest acceptable latency of the data
         * @return this builder
         */
        public Builder freshness(Duration maxLatency) {
            this.freshness = Objects.requireNonNull(maxLatency, "freshness");
            return this;
        }

        /**
         * @param metric an ODCS library metric other than rowCount
         * @param property the property, or empty for the object
         * @param limit the largest acceptable value
         * @param unit {@code rows} or {@code percent}
         * @return this builder
         */
        public Builder qualityAtMost(String metric, String property, BigDecimal limit, String unit) {
            quality.add(new QualityExpectation(metric, property, limit, unit));
            return this;
        }

        /**
         * @param minimumRows the fewest rows the consumer needs
         * @return this builder
         */
        public Builder rowCountAtLeast(long minimumRows) {
            quality.add(new QualityExpectation("rowCount", "", BigDecimal.valueOf(minimumRows), "rows"));
            return this;
        }

        /** @return the expectations */
        public ConsumerExpectations build() {
            return new ConsumerExpectations(consumer, object, fields, key, Optional.ofNullable(freshness), quality);
        }
    }
}
