package dev.dataproduct.api.port;

import dev.dataproduct.api.data.Dataset;
import java.util.Objects;

/**
 * How a committed snapshot changed one dataset of an incremental product relative to the snapshot
 * before it, as a delivery port's audience may read it (see {@link CommittedSnapshot#changes}).
 *
 * <pre>{@code
 * Optional<DatasetChanges> changes = snapshot.changes("attendance");
 * Dataset rows = changes.map(DatasetChanges::upserted).orElse(snapshot.dataset("attendance"));
 * }</pre>
 *
 * @param upserted the rows the snapshot added or wrote again (an append's new rows, an upsert's
 *     written rows), with every column the audience may read, masked as on any read
 * @param deleted the keys of the rows that left the dataset for the audience: deleted by the
 *     snapshot, or no longer passing the audience's row filter after an upsert; only the primary
 *     key columns, as the audience reads them. Empty when the dataset has no primary key or the
 *     audience may not see all of it (a deletion could not be addressed)
 */
public record DatasetChanges(Dataset upserted, Dataset deleted) {
    /** Validates the components. */
    public DatasetChanges {
        Objects.requireNonNull(upserted, "upserted");
        Objects.requireNonNull(deleted, "deleted");
    }
}
