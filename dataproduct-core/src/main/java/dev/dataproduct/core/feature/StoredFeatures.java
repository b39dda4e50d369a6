package dev.dataproduct.core.feature;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The latest row of one entity in an online store: its times and its values (join keys and
 * features, by column, in the value model of {@link dev.dataproduct.api.data.RowView#get(String)},
 * a null value kept as a {@code null} entry).
 *
 * @param eventTime the row's event time
 * @param createdTime the row's created time, if the view has one and the row a value
 * @param values the row's join keys and features by column
 */
public record StoredFeatures(Instant eventTime, Optional<Instant> createdTime, Map<String, Object> values) {

    /** Validates and copies the components; the map may hold nulls. */
    public StoredFeatures {
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(createdTime, "createdTime");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
