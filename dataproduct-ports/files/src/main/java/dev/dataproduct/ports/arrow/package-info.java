/**
 * Ports that speak the Arrow IPC file format, the SDK's native exchange format:
 * {@link dev.dataproduct.ports.arrow.ArrowFileInput} reads an Arrow IPC file batch by batch, and
 * {@link dev.dataproduct.ports.arrow.ArrowFileOutput} delivers each committed snapshot, as its
 * audience may read it, as one Arrow IPC file per dataset plus a small {@code _snapshot.json}, in
 * a set of files switched atomically (see {@link dev.dataproduct.ports.files.FileSetOutput}).
 * Files written here are readable by DuckDB, pandas/pyarrow, Spark and any other Arrow reader.
 * Both ports stream: memory use is bounded by the batch size, not by the size of the data. A
 * damaged input file (empty, truncated, garbage, lengths claiming more than the file holds) is a
 * {@link dev.dataproduct.api.error.PortException} naming the port, the file and the byte offset
 * of the damage, before Arrow allocates anything for it.
 */
package dev.dataproduct.ports.arrow;
