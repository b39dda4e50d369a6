package dev.dataproduct.core.feature;

import dev.dataproduct.api.feature.FeatureValue;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The features of one entity as a principal sees them at one time.
 *
 * @param key the entity's join key values, as asked for
 * @param at the time the as-of rule was applied at
 * @param features each feature the principal may see, in the view's order, with its status
 */
public record FeatureLookup(List<Object> key, Instant at, Map<String, FeatureValue> features) {

    /** Copies the components; a part of the key may be null (such a key is not found). */
    public FeatureLookup {
        key = Collections.unmodifiableList(new java.util.ArrayList<>(key));
        Objects.requireNonNull(at, "at");
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }
}
