package dev.dataproduct.api.schema;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run changes a dataset's rows in the previous snapshot.
 *
 * <ul>
 *   <li>{@link Kind#REPLACE} (the default): the run's rows are the whole dataset;</li>
 *   <li>{@link Kind#APPEND}: the run's rows are added to the previous ones, which the new snapshot
 *       shares instead of copying; an append-only dataset has no deletes;</li>
 *   <li>{@link Kind#UPSERT}: by primary key, a run's row replaces the row with its key or adds
 *       a new key, and a row whose delete-marker field is {@code true} removes its key instead of
 *       being published. The key stays unique across the whole snapshot.</li>
 * </ul>
 *
 * {@snippet :
 * DatasetSpec.named("purchases")
 *     .field("purchase_id", LogicalType.STRING, f -> f.required().primaryKey())
 *     .field("cancelled", LogicalType.BOOLEAN)
 *     .updateMode(UpdateMode.upsert().deleteMarker("cancelled"))
 *     .build();
 * }
 *
 * <p>{@link #events(String, Duration)} is an append of immutable, time-stamped events: each row is
 * an event whose one-field primary key is its id and which has an event time. A run adds events,
 * never rewrites them; an event whose id the product (or the run) already has is a duplicate,
 * dropped and counted, not quarantined, so that a source that sends an event twice changes
 * nothing; an event whose time is more than the allowed lateness before the run's clock is
 * quarantined with rule {@code late}. Each snapshot is an increment, and reading the product as of
 * a time (a snapshot selected by instant) gives the events known then.
 *
 * {@snippet :
 * DatasetSpec.named("attendance")
 *     .field("event_id", LogicalType.STRING, f -> f.required().primaryKey())
 *     .field("recorded_at", LogicalType.TIMESTAMP_TZ, f -> f.required())
 *     .updateMode(UpdateMode.events("recorded_at", Duration.ofDays(2)))
 *     .build();
 * }
 *
 * @param kind replace, append or upsert
 * @param deleteMarker for an upsert, the boolean field whose {@code true} deletes the row's key
 * @param events for an append of events, their time field and allowed lateness; empty otherwise
 */
public record UpdateMode(Kind kind, Optional<String> deleteMarker, Optional<Events> events) {

    /**
     * What makes an append one of immutable events.
     *
     * @param eventTime the required timestamp field holding when the event happened
     * @param allowedLateness how long before the run's clock an event may have happened and still be
     *     accepted; older ones are quarantined with rule {@code late}
     */
    public record Events(String eventTime, Duration allowedLateness) {
        /** Validates the components. */
        public Events {
            Objects.requireNonNull(eventTime, "eventTime");
            Objects.requireNonNull(allowedLateness, "allowedLateness");
            if (allowedLateness.isNegative()) {
                throw new IllegalArgumentException("the allowed lateness of events cannot be negative: "
                        + allowedLateness);
            }
        }
    }

    /** The kinds of change. */
    public enum Kind {
        /** The run's rows are the whole dataset. */
        REPLACE,
        /** The run's rows are added to the previous ones. */
        APPEND,
        /** The run's rows replace or add rows by primary key, and may delete keys. */
        UPSERT
    }

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException if a mode other than upsert has a delete marker
     */
    public UpdateMode {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(deleteMarker, "deleteMarker");
        Objects.requireNonNull(events, "events");
        if (events.isPresent() && kind != Kind.APPEND) {
            throw new IllegalArgumentException("events are appended: " + kind + " cannot hold events");
        }
        if (deleteMarker.isPresent() && kind != Kind.UPSERT) {
            throw new IllegalArgumentException("only an upsert has a delete marker; " + kind
                    + (kind == Kind.APPEND ? " is append-only and refuses deletes" : " replaces every row"));
        }
    }

    /**
     * A mode without events.
     *
     * @param kind replace, append or upsert
     * @param deleteMarker for an upsert, the delete-marker field
     */
    public UpdateMode(Kind kind, Optional<String> deleteMarker) {
        this(kind, deleteMarker, Optional.empty());
    }

    /**
     * An append of immutable, time-stamped events (see the type's description).
     *
     * @param eventTime the required timestamp field holding when each event happened
     * @param allowedLateness how long before the run's clock an event may have happened and still be accepted
     * @return the mode
     */
    public static UpdateMode events(String eventTime, Duration allowedLateness) {
        return new UpdateMode(Kind.APPEND, Optional.empty(), Optional.of(new Events(eventTime, allowedLateness)));
    }

    /** @return every run replaces the whole dataset */
    public static UpdateMode replace() {
        return new UpdateMode(Kind.REPLACE, Optional.empty());
    }

    /** @return every run adds rows */
    public static UpdateMode append() {
        return new UpdateMode(Kind.APPEND, Optional.empty());
    }

    /** @return every run replaces and adds rows by primary key */
    public static UpdateMode upsert() {
        return new UpdateMode(Kind.UPSERT, Optional.empty());
    }

    /**
     * @param field a boolean field of the dataset, outside the key
     * @return this upsert, deleting the key of each row whose field is {@code true}
     */
    public UpdateMode deleteMarker(String field) {
        return new UpdateMode(kind, Optional.of(Objects.requireNonNull(field, "field")), events);
    }
}
