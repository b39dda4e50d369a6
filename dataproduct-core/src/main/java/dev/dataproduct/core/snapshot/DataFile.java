package dev.dataproduct.core.snapshot;

import java.util.Objects;

/**
 * One Arrow IPC file of a dataset in a snapshot. A file is written once by one snapshot and may
 * then be shared by later ones (appends, upserts, rollbacks), so every path is relative to the
 * product's directory, and retention removes a file only when no retained snapshot lists it.
 *
 * @param path the file, relative to the product's directory
 * @param rows the rows the file holds, deleted ones included
 * @param keys the file's key index (one 64-bit hash of the primary key per row, in row order),
 *     relative to the product's directory; empty when the dataset has no key
 * @param deletes the deletion vector of the file in this snapshot (sorted row positions no longer
 *     live), relative to the product's directory; empty when no row is deleted
 * @param deleted how many rows the deletion vector removes
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
public record DataFile(String path, long rows, String keys, String deletes, long deleted) {
    /** Validates the components. */
    public DataFile {
        Objects.requireNonNull(path, "path");
        keys = keys == null ? "" : keys;
        deletes = deletes == null ? "" : deletes;
        if (rows < 0 || deleted < 0 || deleted > rows) {
            throw new IllegalArgumentException("file " + path + ": " + deleted + " deleted of " + rows + " rows");
        }
    }

    /** @return the rows of the file still live in the snapshot */
    public long live() {
        return rows - deleted;
    }
}
