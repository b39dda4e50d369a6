/**
 * Ports that speak the Arrow IPC file format, the SDK's native exchange format:
 * {@link dev.dataproduct.ports.arrow.ArrowFileInput} reads an Arrow IPC file batch by batch, and
 * {@link dev.dataproduct.ports.arrow.ArrowFileOutput} publishes each committed snapshot as one
 * Arrow IPC file per dataset plus a small {@code _snapshot.json}, replacing every file atomically.
 * Files written here are readable by DuckDB, pandas/pyarrow, Spark and any other Arrow reader.
 * Both ports stream: memory use is bounded by the batch size, not by the size of the data.
 */
package dev.dataproduct.ports.arrow;
