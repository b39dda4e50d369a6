package dev.dataproduct.api.feature;

import dev.dataproduct.api.error.InvalidDefinitionException;
import dev.dataproduct.api.product.ProductInput;
import dev.dataproduct.api.schema.DatasetSpec;
import dev.dataproduct.api.schema.LogicalType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Features of one entity derived from one dataset of another product, with the time each row holds
 * for and how long a value stays valid. The view defines the feature table (one row per source row:
 * join keys, event time, created time, features), which the offline as-of join and the online store
 * both read under the same as-of rule (see the {@linkplain dev.dataproduct.api.feature package}).
 *
 * <pre>{@code
 * FeatureView signals = FeatureView.builder("attendance-signals")
 *     .source(ProductInput.of("urn:dataproduct:k12:attendance-events", 1).dataset("attendance"))
 *     .entity(Entity.of("student", "student_id"))
 *     .eventTime("date").createdTime("recorded_at")
 *     .feature(Feature.rolling("absence_rate_10d", Aggregation.MEAN, Expr.col("status").eq("ABSENT"),
 *         Duration.ofDays(10)))
 *     .maxAge(Duration.ofDays(14))
 *     .build();
 * }</pre>
 *
 * @param name the view's name, also the name of its feature table dataset
 * @param source the product input read, whose dataset holds the rows
 * @param entity what the features describe; its join keys are columns of the source
 * @param eventTime the source column (date or timestamp) of the time a row holds for
 * @param createdTime the source column (timestamp) of when a row was recorded, which breaks ties
 *     between rows of one entity and event time; empty if the source has none
 * @param features the features, in order
 * @param maxAge how long after its event time a value stays valid: a row counts at time {@code t}
 *     only if {@code event_time > t - maxAge}
 */
public record FeatureView(String name, ProductInput source, Entity entity, String eventTime,
                          Optional<String> createdTime, List<Feature> features, Duration maxAge) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");

    /** Copies the features; {@link Builder#build()} validates the whole. */
    public FeatureView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(createdTime, "createdTime");
        Objects.requireNonNull(maxAge, "maxAge");
        features = List.copyOf(features);
    }

    /**
     * @param name the view's name: lower-case letters, digits, '-' or '_'
     * @return a builder
     */
    public static Builder builder(String name) {
        return new Builder(Objects.requireNonNull(name, "name"));
    }

    /** @return the names of the features, in order */
    public List<String> featureNames() {
        return features.stream().map(Feature::name).toList();
    }

    /**
     * @param featureName a feature's name
     * @return the feature, if the view has it
     */
    public Optional<Feature> feature(String featureName) {
        return features.stream().filter(f -> f.name().equals(featureName)).findFirst();
    }

    /**
     * The feature table's dataset: the join keys (required, under the entity's conformed key), the
     * event time and the created time as {@code timestamp_tz} (a date is its start in UTC), then the
     * features, nullable. Declare it as the output of the feature product.
     *
     * @return the dataset definition
     */
    public DatasetSpec dataset() {
        DatasetSpec.Builder b = DatasetSpec.named(name)
                .description("Features of " + entity.name() + " from " + source.product().dataset(source.dataset())
                        + ", one row per source row; valid for " + maxAge + " after their event time");
        entity.joinKeys().forEach((k, t) -> b.field(k, t, f -> f.required().conformedKey(entity.conformedKey())));
        b.field(eventTime, LogicalType.TIMESTAMP_TZ, f -> f.required().description("the time the row holds for"));
        createdTime.ifPresent(c -> b.field(c, LogicalType.TIMESTAMP_TZ,
                f -> f.description("when the row was recorded; breaks ties of event time")));
        for (Feature feature : features) {
            b.field(feature.name(), feature.type(), f -> f.description(describe(feature)));
        }
        return b.build();
    }

    private static String describe(Feature f) {
        if (f.isRolling()) {
            return f.aggregation().get().name().toLowerCase(java.util.Locale.ROOT) + " of " + f.value()
                    + " over the trailing " + f.window().get() + " (start exclusive, end inclusive)";
        }
        return String.valueOf(f.value());
    }

    /** Builds a {@link FeatureView}, reporting every problem at once. */
    public static final class Builder {
        private final String name;
        private ProductInput source;
        private Entity entity;
        private String eventTime;
        private String createdTime;
        private final List<Feature> features = new ArrayList<>();
        private Duration maxAge;

        private Builder(String name) {
            this.name = name;
        }

        /**
         * @param value the product input whose dataset the view reads
         * @return this builder
         */
        public Builder source(ProductInput value) {
            this.source = Objects.requireNonNull(value, "source");
            return this;
        }

        /**
         * @param value the entity the features describe
         * @return this builder
         */
        public Builder entity(Entity value) {
            this.entity = Objects.requireNonNull(value, "entity");
            return this;
        }

        /**
         * @param column the source column (date or timestamp) of the time each row holds for
         * @return this builder
         */
        public Builder eventTime(String column) {
            this.eventTime = Objects.requireNonNull(column, "column");
            return this;
        }

        /**
         * @param column the source timestamp column of when each row was recorded, the tie-breaker
         * @return this builder
         */
        public Builder createdTime(String column) {
            this.createdTime = Objects.requireNonNull(column, "column");
            return this;
        }

        /**
         * @param value a feature
         * @return this builder
         */
        public Builder feature(Feature value) {
            features.add(Objects.requireNonNull(value, "feature"));
            return this;
        }

        /**
         * @param value how long a value stays valid after its event time; positive
         * @return this builder
         */
        public Builder maxAge(Duration value) {
            this.maxAge = Objects.requireNonNull(value, "maxAge");
            return this;
        }

        /**
         * @return the view
         * @throws InvalidDefinitionException listing every problem: a missing part, a bad name, a
         *     feature named twice or named like a key or time column, a maximum age that is not positive
         */
        public FeatureView build() {
            List<String> problems = new ArrayList<>();
            String where = "feature view '" + name + "'";
            if (!NAME.matcher(name).matches()) {
                problems.add("the name must be lower-case letters, digits, '-' or '_', starting with a letter");
            }
            if (source == null) {
                problems.add("no source: call source(ProductInput...)");
            }
            if (entity == null) {
                problems.add("no entity: call entity(Entity.of(...))");
            }
            if (eventTime == null) {
                problems.add("no event time column: call eventTime(\"...\")");
            }
            if (maxAge == null) {
                problems.add("no maximum age: call maxAge(Duration...) with how long a value stays valid");
            } else if (maxAge.isZero() || maxAge.isNegative()) {
                problems.add("the maximum age must be positive, not " + maxAge);
            }
            if (features.isEmpty()) {
                problems.add("declares no features: add at least one with feature(...)");
            }
            Set<String> columns = new LinkedHashSet<>();
            if (entity != null) {
                columns.addAll(entity.keyColumns());
            }
            for (String time : new String[] {eventTime, createdTime}) {
                if (time != null && !columns.add(time)) {
                    problems.add("column '" + time + "' is used twice among the join keys and time columns");
                }
            }
            for (Feature f : features) {
                if (!columns.add(f.name())) {
                    problems.add("feature '" + f.name() + "' is named like another feature, a join key or a time "
                            + "column; rename it");
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidDefinitionException(where, problems);
            }
            return new FeatureView(name, source, entity, eventTime, Optional.ofNullable(createdTime), features,
                    maxAge);
        }
    }
}
