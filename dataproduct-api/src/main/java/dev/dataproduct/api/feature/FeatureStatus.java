package dev.dataproduct.api.feature;

/** Why a feature has the value it has, at the time it was asked for. */
public enum FeatureStatus {
    /** A row qualified under the as-of rule and its value is not null. */
    PRESENT,
    /** A row qualified under the as-of rule, but its value of this feature is null. */
    NULL_VALUE,
    /** The entity has no row with an event time at or before the time asked for. */
    NOT_FOUND,
    /**
     * The entity's latest row at or before the time asked for is older than the view's maximum age
     * ({@code event_time <= t - maxAge}): its value is no longer valid and is not returned.
     */
    EXPIRED
}
