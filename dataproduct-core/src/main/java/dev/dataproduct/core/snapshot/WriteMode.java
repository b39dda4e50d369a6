package dev.dataproduct.core.snapshot;

import java.util.List;
import java.util.Objects;

/**
 * How a run changes a dataset of the previous snapshot.
 *
 * <ul>
 *   <li>{@link Replace}: the rows written are the whole dataset (the default);</li>
 *   <li>{@link Append}: the rows written are added to the previous snapshot's, whose files the new
 *       snapshot shares; an append-only dataset refuses deletes;</li>
 *   <li>{@link Upsert}: a row whose primary key is present replaces that row, a new key is added,
 *       and deleted keys go; the previous files are shared, with deletion vectors for the rows
 *       replaced or deleted.</li>
 * </ul>
 * A dataset with a key keeps it unique across the whole snapshot: within a run the last row of a
 * key wins.
 */
public sealed interface WriteMode {

    /** @return the primary-key columns; empty for none */
    List<String> keyColumns();

    /** @return the mode's operation as a manifest records it */
    SnapshotManifest.Operation operation();

    /** @return replace every row, without a key index */
    static WriteMode replace() {
        return new Replace(List.of());
    }

    /**
     * @param keyColumns the primary key, for which the run writes a key index so that a later run
     *     can find a key already present without reading old rows; none for a dataset without key
     * @return add rows to the previous snapshot's
     */
    static WriteMode append(String... keyColumns) {
        return new Append(List.of(keyColumns));
    }

    /**
     * @param keyColumns the primary key
     * @return replace, add and delete rows by that key
     */
    static WriteMode upsert(String... keyColumns) {
        return new Upsert(List.of(keyColumns));
    }

    /**
     * Replaces every row.
     *
     * @param keyColumns the primary key, which makes the run keep the last row of each key and
     *     write a key index for later upserts; empty for none
     */
    record Replace(List<String> keyColumns) implements WriteMode {
        /** Copies the key. */
        public Replace {
            keyColumns = List.copyOf(keyColumns);
        }

        @Override
        public SnapshotManifest.Operation operation() {
            return SnapshotManifest.Operation.REPLACE;
        }
    }

    /**
     * Adds rows; refuses deletes.
     *
     * @param keyColumns the primary key, indexed per file; empty for none
     */
    record Append(List<String> keyColumns) implements WriteMode {
        /** Copies the key. */
        public Append {
            keyColumns = List.copyOf(Objects.requireNonNull(keyColumns, "keyColumns"));
        }

        @Override
        public SnapshotManifest.Operation operation() {
            return SnapshotManifest.Operation.APPEND;
        }
    }

    /**
     * Replaces, adds and deletes rows by primary key.
     *
     * @param keyColumns the primary key, at least one column
     */
    record Upsert(List<String> keyColumns) implements WriteMode {
        /** Validates the key. */
        public Upsert {
            keyColumns = List.copyOf(Objects.requireNonNull(keyColumns, "keyColumns"));
            if (keyColumns.isEmpty()) {
                throw new IllegalArgumentException("an upsert needs at least one primary-key column");
            }
        }

        @Override
        public SnapshotManifest.Operation operation() {
            return SnapshotManifest.Operation.UPSERT;
        }
    }
}
