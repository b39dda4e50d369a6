package dev.dataproduct.api.feature;

import dev.dataproduct.api.product.SemanticVersion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The features one model version uses, pinned with a version: a model trained on version 1.2.0 of
 * a feature set is served the same features, and the set records which model version uses it.
 *
 * <pre>{@code
 * FeatureSet risk = FeatureSet.builder("disengagement-risk", "1.0.0")
 *     .features(signals, "absence_rate_10d", "late_submissions_14d")
 *     .usedBy("disengagement-risk-model:3")
 *     .build();
 * }</pre>
 *
 * @param name the set's name
 * @param version the set's semantic version; a change of its features is a new version
 * @param features the features by view, in order; each view's features in order
 * @param modelVersion the model version that uses the set, if recorded
 */
public record FeatureSet(String name, SemanticVersion version, Map<FeatureView, List<String>> features,
                         Optional<String> modelVersion) {

    /** Validates and copies the components. */
    public FeatureSet {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Map<FeatureView, List<String>> copy = new LinkedHashMap<>();
        features.forEach((v, names) -> copy.put(v, List.copyOf(names)));
        features = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * @param name the set's name
     * @param version its semantic version, such as {@code 1.0.0}
     * @return a builder
     */
    public static Builder builder(String name, String version) {
        return new Builder(Objects.requireNonNull(name, "name"), SemanticVersion.parse(version));
    }

    /**
     * @param model the model version that uses this set, such as {@code risk-model:3}
     * @return this set with that model version recorded
     */
    public FeatureSet usedBy(String model) {
        Objects.requireNonNull(model, "model");
        return new FeatureSet(name, version, features, Optional.of(model));
    }

    /** @return every feature as {@code view:feature}, in order */
    public List<String> qualifiedNames() {
        List<String> out = new ArrayList<>();
        features.forEach((v, names) -> names.forEach(n -> out.add(v.name() + ":" + n)));
        return out;
    }

    /** Builds a {@link FeatureSet}, reporting every problem at once. */
    public static final class Builder {
        private final String name;
        private final SemanticVersion version;
        private final Map<FeatureView, List<String>> features = new LinkedHashMap<>();
        private String model;

        private Builder(String name, SemanticVersion version) {
            this.name = name;
            this.version = version;
        }

        /**
         * @param view a feature view
         * @param featureNames features of that view the set uses
         * @return this builder
         */
        public Builder features(FeatureView view, String... featureNames) {
            features.computeIfAbsent(Objects.requireNonNull(view, "view"), v -> new ArrayList<>())
                    .addAll(List.of(featureNames));
            return this;
        }

        /**
         * @param value the model version that uses the set
         * @return this builder
         */
        public Builder usedBy(String value) {
            this.model = Objects.requireNonNull(value, "model");
            return this;
        }

        /**
         * @return the set
         * @throws dev.dataproduct.api.error.InvalidDefinitionException naming every feature a view
         *     does not have, or a set without features
         */
        public FeatureSet build() {
            List<String> problems = new ArrayList<>();
            if (features.isEmpty()) {
                problems.add("uses no features: add them with features(view, names...)");
            }
            features.forEach((v, names) -> {
                for (String n : names) {
                    if (v.feature(n).isEmpty()) {
                        problems.add("feature view '" + v.name() + "' has no feature '" + n + "'; its features are "
                                + v.featureNames());
                    }
                }
            });
            if (!problems.isEmpty()) {
                throw new dev.dataproduct.api.error.InvalidDefinitionException("feature set '" + name + "' "
                        + version, problems);
            }
            return new FeatureSet(name, version, features, Optional.ofNullable(model));
        }
    }
}
