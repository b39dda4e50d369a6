package dev.dataproduct.api.feature;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The value of one feature for one entity at one time, with its status.
 *
 * @param value the value, in the value model of {@link dev.dataproduct.api.data.RowView#get(String)};
 *     present only when the status is {@link FeatureStatus#PRESENT}
 * @param status why the value is what it is
 * @param eventTime the event time of the row the value comes from; empty where no row qualified
 */
public record FeatureValue(Optional<Object> value, FeatureStatus status, Optional<Instant> eventTime) {

    /** Validates that a value is there exactly when the status is {@code PRESENT}. */
    public FeatureValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(eventTime, "eventTime");
        if (value.isPresent() != (status == FeatureStatus.PRESENT)) {
            throw new IllegalArgumentException("a feature value is present exactly when its status is PRESENT, not "
                    + status);
        }
    }

    /**
     * @param status a status other than {@code PRESENT}
     * @param eventTime the event time of the row judged, if any
     * @return a value that is absent for that reason
     */
    public static FeatureValue absent(FeatureStatus status, Optional<Instant> eventTime) {
        return new FeatureValue(Optional.empty(), status, eventTime);
    }
}
