package dev.dataproduct.api.schema;

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
 * @param kind replace, append or upsert
 * @param deleteMarker for an upsert, the boolean field whose {@code true} deletes the row's key
 */
public record UpdateMode(Kind kind, Optional<String> deleteMarker) {

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
        if (deleteMarker.isPresent() && kind != Kind.UPSERT) {
            throw new IllegalArgumentException("only an upsert has a delete marker; " + kind
                    + (kind == Kind.APPEND ? " is append-only and refuses deletes" : " replaces every row"));
        }
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
        return new UpdateMode(kind, Optional.of(Objects.requireNonNull(field, "field")));
    }
}
